import {
  createExtensionPoint,
  LoggerService,
} from '@backstage/backend-plugin-api';

/**
 * What a history backfill is given.
 *
 * @public
 */
export interface HistoryBackfillContext {
  /**
   * Refreshes every cluster as of a past instant, through the real
   * collection (the sources must show that instant's world), and keeps its
   * history marked as simulated. A past instant never replaces a newer
   * snapshot.
   */
  collectAt(at: Date): Promise<void>;
  logger: LoggerService;
}

/**
 * Fills the history of a first start: a demo's or an import's past.
 *
 * @public
 */
export interface HistoryBackfill {
  /** Named in logs. */
  id: string;
  /** Runs once, when the plugin has no history yet, before its first refresh. */
  run(context: HistoryBackfillContext): Promise<void>;
}

/**
 * Lets a backend module add a history backfill (one at most).
 *
 * @public
 */
export interface PodIpCapacityHistoryExtensionPoint {
  setBackfill(backfill: HistoryBackfill): void;
}

/**
 * The extension point of the plugin's history.
 *
 * @public
 */
export const podIpCapacityHistoryExtensionPoint =
  createExtensionPoint<PodIpCapacityHistoryExtensionPoint>({
    id: 'pod-ip-capacity.history',
  });
