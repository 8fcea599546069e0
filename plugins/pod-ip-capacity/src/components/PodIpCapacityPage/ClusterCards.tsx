import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ClusterSubnet,
  ClusterSummary,
  ClusterTotals,
  FirstRunOut,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { memo, ReactNode } from 'react';
import { fmt, plural } from '../common/format';
import { firstRunOutText } from '../common/forecastText';
import { Term } from '../common/glossary';
import { HistoryChart } from '../common/HistoryChart';
import {
  isOutOfDate,
  outOfDateText,
  SnapshotAge,
} from '../common/SnapshotStatus';
import { UsageBar } from '../common/UsageBar';
import { overviewLink } from './overviewLinks';

const useStyles = makeStyles(theme => ({
  dimmed: { opacity: 0.5 },
  outOfDate: {
    padding: theme.spacing(1),
    marginBottom: theme.spacing(2),
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    backgroundColor: theme.palette.background.default,
  },
  stats: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 3),
    marginBottom: theme.spacing(1),
  },
  links: {
    '& a:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

const Stat = (props: { value: ReactNode; label: ReactNode }) => (
  <div>
    <Typography variant="h6" component="div">
      {props.value}
    </Typography>
    <Typography variant="caption" color="textSecondary" component="div">
      {props.label}
    </Typography>
  </div>
);

/**
 * The cluster's subnets as what they are for: the pod subnets pods take IPs
 * from, and (custom networking) the node-only subnets apart, so that nodes'
 * own subnets are not added to the room pods have.
 */
const SubnetLines = (props: { totals: ClusterTotals }) => {
  const t = props.totals;
  const podTaken = t.podSubnetUsable - t.podSubnetAvailable;
  const nodeOnly = t.subnets - t.podSubnets;
  return (
    <>
      <Box mb={2}>
        <Typography variant="subtitle2">
          <Term term="podSubnet">
            {t.podSubnets === 1
              ? 'Its pod subnet'
              : `Its ${fmt(t.podSubnets)} pod subnets`}
          </Term>
          : addresses <Term term="taken">taken</Term> / usable
        </Typography>
        <UsageBar
          used={podTaken}
          total={t.podSubnetUsable}
          label="Pod subnet addresses taken / usable"
          text={`${fmt(podTaken)} taken / ${fmt(
            t.podSubnetUsable,
          )} usable (${fmt(t.podSubnetAvailable)} free)`}
        />
        <Typography variant="body2" color="textSecondary">
          {plural(t.podSubnetAvailable, 'free IP')} ·{' '}
          {plural(t.podSubnetFreePrefixBlocks, 'free /28 block')} (
          {plural(16 * t.podSubnetFreePrefixBlocks, 'address', 'addresses')} a
          prefix could use)
        </Typography>
      </Box>
      {nodeOnly > 0 && (
        <Box mb={2} data-testid="node-only-subnets">
          <Typography variant="subtitle2">
            {nodeOnly === 1
              ? 'Its node-only subnet'
              : `Its ${fmt(nodeOnly)} node-only subnets`}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {fmt(t.subnetUsable - t.podSubnetUsable)} usable,{' '}
            {plural(t.subnetAvailable - t.podSubnetAvailable, 'free IP')}: the
            nodes' own addresses (custom networking), no pod IPs — not counted
            above.
          </Typography>
        </Box>
      )}
    </>
  );
};

/**
 * Hours until the cluster's first forecast, when every subnet is still
 * collecting history: the soonest of its subnets' (from the overview's
 * subnet forecasts).
 */
function moreHoursOf(
  runOut: FirstRunOut,
  subnets: ClusterSubnet[] | undefined,
): number | undefined {
  const hours = (subnets ?? []).flatMap(s => {
    const f = s.forecast?.[s.forecast.quantity];
    return f?.state === 'collecting' &&
      runOut.collecting.includes(s.subnet.subnetId)
      ? [f.moreHours]
      : [];
  });
  return hours.length > 0 ? Math.min(...hours) : undefined;
}

/** When the cluster's first subnet runs out of what its nodes need. */
const RunOutLine = (props: {
  cluster: ClusterSummary;
  subnets?: ClusterSubnet[];
}) => {
  const runOut = props.cluster.runOut;
  if (!runOut) return null;
  const first = runOut.first;
  const urgent =
    first &&
    (first.forecast.state === 'exhausted' || first.forecast.daysLeft < 14);
  return (
    <Box mb={2} data-testid={`run-out-${props.cluster.name}`}>
      <Typography variant="subtitle2">First to run out</Typography>
      <Typography variant="body2" color={urgent ? 'error' : 'textSecondary'}>
        {firstRunOutText(runOut, {
          moreHours: moreHoursOf(runOut, props.subnets),
        })}
      </Typography>
    </Box>
  );
};

const ClusterCard = (props: {
  cluster: ClusterSummary;
  subnets?: ClusterSubnet[];
}) => {
  const c = props.cluster;
  const t = c.totals;
  const classes = useStyles();
  const outOfDate = isOutOfDate(c.snapshot);
  const nodesLink = overviewLink({ cluster: c.name }, 'nodes');
  return (
    <InfoCard
      title={c.title ?? c.name}
      subheader={
        <span data-testid={`cluster-age-${c.name}`}>
          {c.snapshot.status !== 'ok' && `${c.snapshot.status} · `}
          <SnapshotAge snapshot={c.snapshot} />
        </span>
      }
    >
      <div data-testid={`cluster-${c.name}`} className={classes.links}>
        {outOfDate && (
          <Typography
            variant="body2"
            className={classes.outOfDate}
            data-testid={`out-of-date-${c.name}`}
          >
            {outOfDateText(c.snapshot)}
          </Typography>
        )}
        {!t && (
          <Typography variant="body2" color="textSecondary">
            No data yet.
          </Typography>
        )}
        {t && (
          <div
            className={outOfDate ? classes.dimmed : undefined}
            data-testid={`figures-${c.name}`}
          >
            {c.ipFamily === 'ipv6' && (
              <Typography variant="body2" gutterBottom>
                IPv6 cluster: pods take no subnet IPv4 addresses.
              </Typography>
            )}
            <Box mb={2}>
              <Typography variant="subtitle2">
                Pod IPs <Term term="used">used</Term> /{' '}
                <Term term="held">held</Term> by nodes
              </Typography>
              <UsageBar
                used={t.usedIps}
                total={t.heldIps}
                label="Pod IPs used / held by nodes"
                text={`${fmt(t.usedIps)} used / ${fmt(t.heldIps)} held (${fmt(
                  t.idleIps,
                )} idle)`}
              />
            </Box>
            <SubnetLines totals={t} />
            <RunOutLine cluster={c} subnets={props.subnets} />
            <div className={classes.stats}>
              <Stat
                value={<Link to={nodesLink}>{fmt(t.nodes)}</Link>}
                label={t.nodes === 1 ? 'node' : 'nodes'}
              />
              <Stat
                value={fmt(t.podsWithVpcIp)}
                label={
                  t.podsWithVpcIp === 1
                    ? 'pod with a pod IP'
                    : 'pods with a pod IP'
                }
              />
              <Stat
                value={fmt(t.headroomPods)}
                label={
                  <Term term="moreReplicas">
                    more pods fit (pod IPs and max pods; not CPU or memory)
                  </Term>
                }
              />
            </div>
            {(t.pendingPodsWithoutIp > 0 ||
              t.completedPodsWithStaleIp > 0 ||
              t.hostNetworkPods > 0 ||
              t.unattributedPods > 0) && (
              <Typography variant="body2" color="textSecondary" paragraph>
                {[
                  t.pendingPodsWithoutIp > 0 &&
                    `${plural(
                      t.pendingPodsWithoutIp,
                      'pod',
                    )} waiting for an IP`,
                  t.unattributedPods > 0 &&
                    `${plural(
                      t.unattributedPods,
                      'pod',
                    )} with an IP outside its node's prefixes`,
                  t.hostNetworkPods > 0 &&
                    `${plural(t.hostNetworkPods, 'pod')} on the host network`,
                  t.completedPodsWithStaleIp > 0 &&
                    `${plural(
                      t.completedPodsWithStaleIp,
                      'completed pod',
                    )} (IPs released)`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
            )}
            {t.nodesNotDescribedByEc2 > 0 && (
              <Typography variant="body2" color="error" paragraph>
                {plural(t.nodesNotDescribedByEc2, 'node')} EC2 did not describe:{' '}
                {t.nodesNotDescribedByEc2 === 1 ? 'its' : 'their'} IPs are not
                in these totals.
              </Typography>
            )}
          </div>
        )}
        <Box mt={1}>
          <Typography variant="subtitle2">
            {c.subnetsAtRisk.length === 0
              ? 'No subnet at risk'
              : `${plural(c.subnetsAtRisk.length, 'subnet')} at risk`}
          </Typography>
          {c.subnetsAtRisk.map(s => (
            <Box key={s.subnetId} mr={1} mt={0.5} display="inline-block">
              <Link to={overviewLink({ subnet: s.subnetId }, 'subnets')}>
                <Chip
                  size="small"
                  clickable
                  tabIndex={-1}
                  label={`${s.cidr}: ${s.status}`}
                />
              </Link>
            </Box>
          ))}
        </Box>
        {t && (
          <HistoryChart
            title="Its history"
            kind="cluster"
            cluster={c.name}
            projection={() =>
              c.runOut?.first
                ? {
                    forecast: c.runOut.first.forecast,
                    quantity: c.runOut.first.quantity ?? 'freePrefixBlocks',
                    line: false,
                    label: `First to run out, ${c.runOut.first.subnetId}`,
                  }
                : undefined
            }
          />
        )}
        {t && (
          <Box mt={1}>
            <Link to={nodesLink}>Its nodes</Link>
            {' · '}
            <Link to={overviewLink({ cluster: c.name }, 'subnets')}>
              Its subnets
            </Link>
            {' · '}
            <Link to={overviewLink({ cluster: c.name }, 'node-groups')}>
              Its node groups
            </Link>
          </Box>
        )}
      </div>
    </InfoCard>
  );
};

/** One card per cluster: its pod IPs and subnets at a glance, linking to its rows below. */
export const ClusterCards = memo(function ClusterCardsGrid(props: {
  clusters: ClusterSummary[];
  /** The overview's subnets, with their forecasts. */
  subnets?: ClusterSubnet[];
}) {
  return (
    <Grid container spacing={3}>
      {props.clusters.map(c => (
        <Grid item xs={12} md={6} lg={4} key={c.name}>
          <ClusterCard
            cluster={c}
            subnets={props.subnets?.filter(s => s.cluster === c.name)}
          />
        </Grid>
      ))}
    </Grid>
  );
});
