import {
  ClusterForesightResponse,
  ClusterLandingWarning,
  SnapshotInfo,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { CapacitySnapshotData } from '../collection/types';

/**
 * `GET /clusters/{name}/foresight`: what the snapshot keeps of it, less
 * what only the what-ifs read (instance types, Deployments). Bounded: it
 * grows with node pools × zones and node groups, never with nodes or pods.
 */
export function foresightResponse(
  cluster: string,
  snapshot: SnapshotInfo,
  data: CapacitySnapshotData | undefined,
): ClusterForesightResponse {
  const stored = data?.foresight;
  return {
    cluster,
    snapshot,
    ...(stored
      ? {
          foresight: {
            ...(stored.provisioning
              ? { provisioning: stored.provisioning }
              : {}),
            landings: stored.landings,
            warmPools: stored.warmPools,
            notes: stored.notes,
          },
        }
      : {}),
  };
}

/** A cluster's landing warnings, one per pool or group, zone and warning, for the overview. */
export function landingWarningsOf(
  cluster: string,
  data: CapacitySnapshotData | undefined,
): ClusterLandingWarning[] {
  return (data?.foresight?.landings ?? []).flatMap(landing =>
    landing.warnings.map(warning => ({
      cluster,
      nodeGroup: landing.nodeGroup,
      kind: landing.kind,
      zone: landing.zone,
      warning,
    })),
  );
}
