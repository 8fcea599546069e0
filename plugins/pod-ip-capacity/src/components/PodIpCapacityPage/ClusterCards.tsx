import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ClusterSummary } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { SnapshotAge } from '../common/SnapshotStatus';
import { UsageBar } from '../common/UsageBar';

const Stat = (props: { label: string; value: number | string }) => (
  <Box mr={3} mb={1} display="inline-block">
    <Typography variant="h6" component="div">
      {typeof props.value === 'number'
        ? props.value.toLocaleString('en-US')
        : props.value}
    </Typography>
    <Typography variant="caption" color="textSecondary">
      {props.label}
    </Typography>
  </Box>
);

/** One card per cluster: its pod IPs and subnets at a glance. */
export const ClusterCards = (props: { clusters: ClusterSummary[] }) => (
  <Grid container spacing={3}>
    {props.clusters.map(c => {
      const t = c.totals;
      return (
        <Grid item xs={12} md={6} lg={4} key={c.name}>
          <InfoCard
            title={c.title ?? c.name}
            subheader={
              <>
                {c.snapshot.status !== 'ok' && `${c.snapshot.status} · `}
                <SnapshotAge snapshot={c.snapshot} />
              </>
            }
          >
            <div data-testid={`cluster-${c.name}`}>
              {!t && (
                <Typography variant="body2" color="textSecondary">
                  No data yet.
                </Typography>
              )}
              {t && c.ipFamily === 'ipv6' && (
                <Typography variant="body2" gutterBottom>
                  IPv6 cluster: pods take no subnet IPv4 addresses.
                </Typography>
              )}
              {t && (
                <>
                  <Box mb={2}>
                    <Typography variant="subtitle2">
                      Pod IPs used / held by nodes
                    </Typography>
                    <UsageBar
                      used={t.usedIps}
                      total={t.heldIps}
                      label="Pod IPs used / held"
                    />
                  </Box>
                  <Box mb={2}>
                    <Typography variant="subtitle2">
                      Held by nodes / usable in subnets
                    </Typography>
                    <UsageBar
                      used={t.usedIps}
                      held={t.heldIps}
                      total={t.subnetUsable}
                      label="Pod IPs used and held / subnet addresses usable"
                      text={`${t.heldIps.toLocaleString(
                        'en-US',
                      )} / ${t.subnetUsable.toLocaleString(
                        'en-US',
                      )} (${t.subnetAvailable.toLocaleString('en-US')} free)`}
                    />
                  </Box>
                  <Stat label="nodes" value={t.nodes} />
                  <Stat label="pods with pod IPs" value={t.podsWithVpcIp} />
                  <Stat label="free /28 blocks" value={t.freePrefixBlocks} />
                  <Stat label="more pods fit" value={t.headroomPods} />
                  {t.pendingPodsWithoutIp > 0 && (
                    <Stat
                      label="pods waiting for an IP"
                      value={t.pendingPodsWithoutIp}
                    />
                  )}
                </>
              )}
              <Box mt={1}>
                <Typography variant="subtitle2">
                  {c.subnetsAtRisk.length === 0
                    ? 'No subnet at risk'
                    : `${c.subnetsAtRisk.length} subnet${
                        c.subnetsAtRisk.length === 1 ? '' : 's'
                      } at risk`}
                </Typography>
                {c.subnetsAtRisk.map(s => (
                  <Box key={s.subnetId} mr={1} mt={0.5} display="inline-block">
                    <Chip size="small" label={`${s.cidr}: ${s.status}`} />
                  </Box>
                ))}
              </Box>
            </div>
          </InfoCard>
        </Grid>
      );
    })}
  </Grid>
);
