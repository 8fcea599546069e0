import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { SnapshotInfo } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { useEffect, useMemo, useState } from 'react';
import { formatAge, formatInstant } from './format';
import { Explained } from './glossary';

/** The current time, again every `intervalMs`: relative times tick. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The snapshot's age now: its age when the answer arrived plus the time
 * since (the browser's clock may differ from the backend's; only its
 * passing time is used).
 */
export function useSnapshotAge(snapshot: SnapshotInfo): number | undefined {
  // A new answer is a new object: its age counts from its arrival.
  const receivedAt = useMemo(() => Date.now(), [snapshot]); // eslint-disable-line react-hooks/exhaustive-deps
  const now = useNow();
  if (snapshot.ageSeconds === undefined) return undefined;
  return snapshot.ageSeconds + Math.max(0, (now - receivedAt) / 1000);
}

/** "collected 2 minutes ago", or why there is no data yet. */
export function snapshotAgeText(
  snapshot: SnapshotInfo,
  ageSeconds = snapshot.ageSeconds,
): string {
  if (snapshot.status === 'pending') {
    return snapshot.refreshing
      ? 'collecting for the first time…'
      : 'not collected yet';
  }
  if (ageSeconds === undefined) return 'never collected';
  return `collected ${formatAge(ageSeconds)}${
    snapshot.refreshing ? ', refreshing now' : ''
  }`;
}

/** The exact instants behind "collected 2 minutes ago". */
export function snapshotTimesText(snapshot: SnapshotInfo): string {
  const parts: string[] = [];
  if (snapshot.collectedAt) {
    parts.push(`Collected ${formatInstant(snapshot.collectedAt)}`);
  }
  if (snapshot.attemptedAt && snapshot.attemptedAt !== snapshot.collectedAt) {
    parts.push(`last refresh attempt ${formatInstant(snapshot.attemptedAt)}`);
  }
  return parts.join('; ') || 'Not collected yet';
}

/** "collected 2 minutes ago", ticking; the exact time on hover or focus. */
export const SnapshotAge = (props: { snapshot: SnapshotInfo }) => {
  const age = useSnapshotAge(props.snapshot);
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      <Explained title={snapshotTimesText(props.snapshot)}>
        {snapshotAgeText(props.snapshot, age)}
      </Explained>
    </Typography>
  );
};

/**
 * True when figures are shown that may no longer be true: the data is
 * stale, or the last refresh failed and older data is shown.
 */
export function isOutOfDate(snapshot: SnapshotInfo): boolean {
  return (
    snapshot.status === 'stale' ||
    (snapshot.status === 'error' && snapshot.collectedAt !== undefined)
  );
}

/** What a dimmed figure says about itself. */
export function outOfDateText(snapshot: SnapshotInfo): string {
  const age =
    snapshot.ageSeconds !== undefined
      ? `from ${formatAge(snapshot.ageSeconds)}`
      : 'old';
  return snapshot.status === 'error'
    ? `Out of date: the last refresh failed, these figures are ${age}.`
    : `Out of date: these figures are ${age} and may no longer be true.`;
}

const BANNER_TITLE: Partial<Record<SnapshotInfo['status'], string>> = {
  stale: 'shows stale data',
  partial: 'shows partial data',
  error: 'could not be collected',
};

/**
 * A banner for a cluster whose data is stale, partial or missing, naming the
 * cluster and every problem the backend reported, as the backend said it.
 */
export const SnapshotBanner = (props: {
  cluster: string;
  snapshot: SnapshotInfo;
}) => {
  const { cluster, snapshot } = props;
  const what = BANNER_TITLE[snapshot.status];
  if (!what) return null;
  const age =
    snapshot.ageSeconds !== undefined ? ` (${snapshotAgeText(snapshot)})` : '';
  return (
    <WarningPanel
      defaultExpanded
      severity={snapshot.status === 'error' ? 'error' : 'warning'}
      title={`Cluster ${cluster} ${what}${age}`}
      message={
        <>
          {snapshot.problems.map((p, i) => (
            <span key={i} style={{ display: 'block' }}>
              {p.message}
              {p.code ? ` (${p.code}${p.action ? `, ${p.action}` : ''})` : ''}
            </span>
          ))}
          {snapshot.problems.length === 0 &&
            'The last refresh did not complete; the numbers may be out of date.'}
          {isOutOfDate(snapshot) && (
            <span style={{ display: 'block' }}>
              Its figures are dimmed below: {outOfDateText(snapshot)}
            </span>
          )}
        </>
      }
    />
  );
};
