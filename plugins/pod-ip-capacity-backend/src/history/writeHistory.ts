import { computeWorkloadUsage } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { CapacitySnapshotData } from '../collection/types';
import { RefreshClock } from '../snapshots/SnapshotStore';
import { EntityDirectory } from './entityDirectory';
import { HistoryDatabase } from './HistoryDatabase';
import { historyRows } from './historyRows';

/**
 * After each good refresh of a cluster: one history row for the cluster,
 * each subnet, node group and counted entity, at the instant the data
 * stands for.
 */
export function historyWriter(deps: {
  history: HistoryDatabase;
  entities: EntityDirectory;
}) {
  return async (data: CapacitySnapshotData, clock: RefreshClock) => {
    const cluster = data.capacity.cluster;
    const entities = (await deps.entities.selections()).map(selection => ({
      entityRef: selection.entityRef!,
      usage: computeWorkloadUsage([data], { ...selection, cluster }),
    }));
    await deps.history.write(
      historyRows(data.capacity, entities, clock.at.getTime()),
      { simulated: clock.simulated },
    );
  };
}
