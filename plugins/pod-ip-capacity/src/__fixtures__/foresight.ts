import {
  ClusterCapacity,
  clusterForesight,
  ClusterForesightResponse,
  ClusterLandingWarning,
  ForesightContext,
  SnapshotInfo,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { INSTANCE_TYPES } from '@pod-ip-capacity/plugin-pod-ip-capacity-common/testing';

/** What the fixtures' clusters launch: the instance types their nodes have. */
export const FORESIGHT_CONTEXT: ForesightContext = {
  instanceTypes: Object.values(INSTANCE_TYPES),
};

/** Where each node group's next node lands, by the real engine (with its sentences). */
export function foresightOf(capacity: ClusterCapacity) {
  return clusterForesight(capacity, FORESIGHT_CONTEXT);
}

/** `GET /overview`'s `nextNodeWarnings` of one cluster. */
export function landingWarningsOf(
  capacity: ClusterCapacity,
): ClusterLandingWarning[] {
  return foresightOf(capacity).landings.flatMap(landing =>
    landing.warnings.map(warning => ({
      cluster: capacity.cluster,
      nodeGroup: landing.nodeGroup,
      kind: landing.kind,
      zone: landing.zone,
      warning,
    })),
  );
}

/** `GET /clusters/{name}/foresight`. */
export function foresightResponse(
  capacity: ClusterCapacity,
  snapshot: SnapshotInfo,
): ClusterForesightResponse {
  const { landings, warmPools } = foresightOf(capacity);
  return {
    cluster: capacity.cluster,
    snapshot,
    foresight: { landings, warmPools, notes: [] },
  };
}
