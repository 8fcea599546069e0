import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  ClusterDetailResponse,
  ClustersResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { useCallback, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { podIpCapacityApiRef } from '../../api';
import { NodesTable, toNodeRow } from '../common/NodesTable';
import { SnapshotBanner } from '../common/SnapshotStatus';
import { SubnetMap } from '../common/SubnetMap';
import {
  byRisk,
  FragmentationWarning,
  SubnetsTable,
  SubnetStatusChip,
  toSubnetRow,
} from '../common/SubnetsTable';
import { usePolling } from '../common/usePolling';
import { ClusterCards } from './ClusterCards';
import { TeamsTable } from './TeamsTable';

interface Overview {
  clusters: ClustersResponse;
  details: ClusterDetailResponse[];
}

/** Subnets at risk drawn as maps at most: the table holds all of them. */
const MAX_MAPS = 12;

const RefreshButton = (props: { onRefreshed: () => void }) => {
  const api = useApi(podIpCapacityApiRef);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const { onRefreshed } = props;
  const onClick = useCallback(async () => {
    setBusy(true);
    try {
      const { refreshing } = await api.refresh();
      setNote(`Refreshing ${refreshing.join(', ') || 'all clusters'}…`);
      setTimeout(onRefreshed, 3000);
    } catch (e) {
      setNote(`Could not start a refresh: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }, [api, onRefreshed]);
  return (
    <Box display="flex" alignItems="center">
      <Box mr={2}>
        <Typography variant="body2" color="textSecondary" role="status">
          {note}
        </Typography>
      </Box>
      <Button
        variant="outlined"
        color="primary"
        startIcon={<RefreshIcon />}
        onClick={onClick}
        disabled={busy}
      >
        Refresh now
      </Button>
    </Box>
  );
};

const ClustersAndSubnets = () => {
  const api = useApi(podIpCapacityApiRef);
  const { value, loading, error, retry } =
    useAsyncRetry(async (): Promise<Overview> => {
      const clusters = await api.getClusters();
      const details = await Promise.all(
        clusters.clusters
          .filter(c => c.totals)
          .map(c => api.getCluster(c.name)),
      );
      return { clusters, details };
    }, [api]);
  const pending =
    !!value &&
    (value.clusters.clusters.length === 0 ||
      value.clusters.clusters.some(c => c.snapshot.status === 'pending'));
  usePolling(pending && !loading, retry);

  const { subnetRows, nodeRows } = useMemo(() => {
    const details = value?.details ?? [];
    return {
      subnetRows: details
        .flatMap(d =>
          (d.capacity?.subnets ?? []).map(s => toSubnetRow(d.name, s)),
        )
        .sort(byRisk),
      nodeRows: details.flatMap(d =>
        (d.capacity?.nodes ?? []).map(n => toNodeRow(d.name, n)),
      ),
    };
  }, [value]);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const atRisk = subnetRows.filter(r => r.subnet.atRisk);

  return (
    <>
      <ContentHeader title="Clusters">
        <RefreshButton onRefreshed={retry} />
      </ContentHeader>
      {value.clusters.problems.map((p, i) => (
        <WarningPanel
          key={i}
          severity="error"
          title="Clusters could not be listed"
          message={p.message}
          defaultExpanded
        />
      ))}
      {value.clusters.clusters.map(c => (
        <SnapshotBanner key={c.name} cluster={c.name} snapshot={c.snapshot} />
      ))}
      {value.clusters.clusters.length === 0 && (
        <Typography variant="body1">
          No clusters yet: the backend takes them from the Kubernetes plugin's
          configuration. This page refreshes by itself.
        </Typography>
      )}
      <ClusterCards clusters={value.clusters.clusters} />

      <ContentHeader title="Subnets by risk" />
      {atRisk.length === 0 && subnetRows.length > 0 && (
        <Typography variant="body1" paragraph>
          No subnet is at risk: every subnet has free /28 blocks and addresses
          left.
        </Typography>
      )}
      <Grid container spacing={3}>
        {atRisk.slice(0, MAX_MAPS).map(r => (
          <Grid item xs={12} md={6} key={r.id}>
            <InfoCard
              title={`${r.cidr} · ${r.cluster}`}
              subheader={`${r.subnetId}${
                r.subnet.availabilityZone
                  ? `, ${r.subnet.availabilityZone}`
                  : ''
              }: ${r.available} free IPs, ${
                r.freePrefixBlocks
              } free /28 blocks of ${r.subnet.blocks.total}`}
              action={<SubnetStatusChip status={r.status} />}
            >
              <div data-testid={`subnet-at-risk-${r.subnetId}`}>
                <SubnetMap subnet={r.subnet} />
                <Box mt={2}>
                  <FragmentationWarning
                    subnet={r.subnet}
                    cluster={r.cluster}
                    expanded={false}
                  />
                </Box>
              </div>
            </InfoCard>
          </Grid>
        ))}
      </Grid>
      <Box mt={3}>
        <SubnetsTable
          title="All subnets"
          rows={subnetRows}
          showCluster
          podIpsTitle="Pod IPs"
        />
      </Box>

      <ContentHeader title="Nodes" />
      <NodesTable title="All nodes" rows={nodeRows} showCluster pageSize={20} />
    </>
  );
};

const Teams = () => {
  const api = useApi(podIpCapacityApiRef);
  const { value, loading, error } = useAsyncRetry(() => api.getOwners(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return <TeamsTable owners={value?.owners ?? []} />;
};

/**
 * The platform team's view: clusters at a glance, subnets by risk with
 * their maps, all nodes, and teams ranked by the pod IPs they hold.
 *
 * @public
 */
export const PodIpCapacityPage = () => (
  <Page themeId="tool">
    <Header
      title="Pod IP Capacity"
      subtitle="How much pod IP room your EKS clusters have left"
    />
    <Content>
      <ClustersAndSubnets />
      <ContentHeader title="Teams" />
      <Teams />
    </Content>
  </Page>
);
