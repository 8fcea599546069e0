import type { SnapshotInfo } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { StoredSnapshot } from '../snapshots/SnapshotStore';

/**
 * The age and health of a stored snapshot as the API reports it. Data older
 * than two refresh periods is stale: the scheduler has missed a refresh.
 */
export function toSnapshotInfo(
  stored: StoredSnapshot<unknown> | undefined,
  options: { now: Date; refreshFrequencyMs: number; refreshing: boolean },
): SnapshotInfo {
  if (!stored) {
    return {
      status: 'pending',
      stale: false,
      refreshing: options.refreshing,
      problems: [],
    };
  }
  const ageSeconds = stored.collectedAt
    ? Math.max(
        0,
        Math.round(
          (options.now.getTime() - new Date(stored.collectedAt).getTime()) /
            1000,
        ),
      )
    : undefined;
  const tooOld =
    ageSeconds !== undefined &&
    ageSeconds * 1000 > 2 * options.refreshFrequencyMs;
  const stale =
    stored.summary !== undefined && (stored.lastRefreshFailed || tooOld);
  let status: SnapshotInfo['status'];
  if (stored.summary === undefined) {
    status = 'error';
  } else if (stale) {
    status = 'stale';
  } else if (stored.problems.length > 0) {
    status = 'partial';
  } else {
    status = 'ok';
  }
  return {
    status,
    ...(stored.collectedAt ? { collectedAt: stored.collectedAt } : {}),
    attemptedAt: stored.attemptedAt,
    ...(ageSeconds !== undefined ? { ageSeconds } : {}),
    stale,
    refreshing: options.refreshing,
    problems: stored.problems,
  };
}
