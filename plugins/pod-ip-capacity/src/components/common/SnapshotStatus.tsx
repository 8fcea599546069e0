import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { SnapshotInfo } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { formatAge } from './format';

/** "collected 2 minutes ago", or why there is no data yet. */
export function snapshotAgeText(snapshot: SnapshotInfo): string {
  if (snapshot.status === 'pending') {
    return snapshot.refreshing
      ? 'collecting for the first time…'
      : 'not collected yet';
  }
  if (snapshot.ageSeconds === undefined) return 'never collected';
  return `collected ${formatAge(snapshot.ageSeconds)}${
    snapshot.refreshing ? ', refreshing now' : ''
  }`;
}

export const SnapshotAge = (props: { snapshot: SnapshotInfo }) => (
  <Typography variant="body2" color="textSecondary" component="span">
    {snapshotAgeText(props.snapshot)}
  </Typography>
);

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
        snapshot.problems.length > 0 ? (
          <>
            {snapshot.problems.map((p, i) => (
              <span key={i} style={{ display: 'block' }}>
                {p.message}
                {p.code ? ` (${p.code}${p.action ? `, ${p.action}` : ''})` : ''}
              </span>
            ))}
          </>
        ) : (
          'The last refresh did not complete; the numbers may be out of date.'
        )
      }
    />
  );
};
