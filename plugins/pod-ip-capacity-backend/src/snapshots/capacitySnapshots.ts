import { ClusterSummary } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { ClusterTarget } from '../collection/resolveClusterTargets';
import { CapacitySnapshotData } from '../collection/types';
import { SnapshotStore, StoredSnapshot } from './SnapshotStore';
import { SnapshotDatabase } from './SnapshotDatabase';

/** What cluster lists show of a snapshot, kept in its small record. */
export type CapacitySummary = Pick<
  ClusterSummary,
  'ipFamily' | 'totals' | 'subnetsAtRisk' | 'runOut'
>;

/** The store of capacity snapshots. */
export type CapacityStore = SnapshotStore<
  ClusterTarget,
  CapacitySnapshotData,
  CapacitySummary
>;

/** The tables of capacity snapshots. */
export type CapacitySnapshotDatabase = SnapshotDatabase<
  StoredSnapshot<CapacitySummary>,
  CapacitySnapshotData
>;

/** The summary of a computed cluster: totals and the subnets at risk. */
export function summarizeCapacity({
  capacity,
  forecasts,
}: CapacitySnapshotData): CapacitySummary {
  return {
    ...(forecasts ? { runOut: forecasts.first } : {}),
    ipFamily: capacity.ipFamily,
    totals: capacity.totals,
    subnetsAtRisk: capacity.subnets
      .filter(s => s.atRisk)
      .map(s => ({ subnetId: s.subnetId, cidr: s.cidr, status: s.status })),
  };
}
