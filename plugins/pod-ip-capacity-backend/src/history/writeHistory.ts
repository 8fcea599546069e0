import { CapacitySnapshotData } from '../collection/types';
import { RefreshClock } from '../snapshots/SnapshotStore';
import { EntityDirectory } from './entityDirectory';
import { clusterEntityUsage } from './entityUsage';
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
    const entities = (await deps.entities.selections()).map(selection => ({
      entityRef: selection.entityRef!,
      usage: clusterEntityUsage(data, selection),
    }));
    await deps.history.write(
      historyRows(data.capacity, entities, clock.at.getTime()),
      { simulated: clock.simulated },
    );
  };
}
