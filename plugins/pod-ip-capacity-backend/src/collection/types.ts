import type {
  ClusterForecast,
  SubnetFixes,
  WorkloadSource,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import type { CapacityForesight } from './foresight/types';

/**
 * What one refresh of a cluster produces and a snapshot stores: the computed
 * capacity, the pods it was computed from (entity views select from them),
 * and what is derived at refresh time.
 */
export interface CapacitySnapshotData extends WorkloadSource {
  /** Run-out forecasts from the history up to this refresh. */
  forecasts?: ClusterForecast;
  /** Where the next node lands and the warm pools explained (`collection/foresight`). */
  foresight?: CapacityForesight;
  /**
   * Ready-made fixes of each subnet that is not `ok`; absent in snapshots
   * taken before fixes existed.
   */
  fixes?: SubnetFixes[];
}
