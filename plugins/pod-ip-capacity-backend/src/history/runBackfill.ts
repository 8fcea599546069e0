import { LoggerService } from '@backstage/backend-plugin-api';
import { HistoryBackfill } from '../extensions';
import { HistoryDatabase } from './HistoryDatabase';

/**
 * Runs a backfill when there is no history yet (a first start), so that a
 * second replica or a restart never runs it again. Its failure is logged:
 * live refreshes go on without the past.
 */
export async function runBackfillOnce(deps: {
  backfill: HistoryBackfill;
  history: HistoryDatabase;
  logger: LoggerService;
  collectAt: (at: Date) => Promise<void>;
}): Promise<void> {
  const { backfill, logger } = deps;
  if (!(await deps.history.isEmpty())) return;
  const started = Date.now();
  let instants = 0;
  try {
    await backfill.run({
      logger,
      collectAt: async at => {
        instants += 1;
        await deps.collectAt(at);
      },
    });
    logger.info(
      `Pod IP capacity: history backfill ${
        backfill.id
      } collected ${instants} past instants in ${Date.now() - started} ms`,
    );
  } catch (error) {
    logger.warn(
      `Pod IP capacity: history backfill ${
        backfill.id
      } stopped after ${instants} instants: ${(error as Error).message}`,
    );
  }
}
