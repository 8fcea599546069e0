import type { WorkloadSource } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/**
 * What one refresh of a cluster produces and a snapshot stores: the computed
 * capacity, and the pods it was computed from (entity views select from
 * them).
 */
export type CapacitySnapshotData = WorkloadSource;
