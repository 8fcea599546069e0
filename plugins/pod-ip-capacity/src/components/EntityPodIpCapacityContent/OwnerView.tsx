import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EntityCapacityResponse } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { plural, WALL_SHORT_TEXT } from '../common/format';
import { SnapshotAge } from '../common/SnapshotStatus';
import { UsageBar } from '../common/UsageBar';

interface ServiceRow {
  id: string;
  entityRef: string;
  title: string;
  cluster: string;
  pods: number;
  podsWithVpcIp: number;
  nodes: number;
  subnets: number;
  replicas: number;
  wall: string;
}

function serviceRows(response: EntityCapacityResponse): ServiceRow[] {
  const titles = new Map(
    response.entities.map(e => [e.entityRef, e.title ?? e.entityRef]),
  );
  return response.clusters.flatMap(c =>
    (c.usage?.entities ?? [])
      .filter(w => w.pods > 0)
      .map(w => {
        const ref = w.selection.entityRef ?? '';
        return {
          id: `${c.cluster.name}/${ref}`,
          entityRef: ref,
          title: titles.get(ref) ?? ref,
          cluster: c.cluster.name,
          pods: w.pods,
          podsWithVpcIp: w.podsWithVpcIp,
          nodes: w.nodes.length,
          subnets: w.subnets.length,
          replicas: w.headroom.replicas,
          wall: WALL_SHORT_TEXT[w.headroom.wall],
        };
      }),
  );
}

const columns: TableColumn<ServiceRow>[] = [
  {
    title: 'Service',
    field: 'title',
    highlight: true,
    render: r => <EntityRefLink entityRef={r.entityRef} title={r.title} />,
  },
  { title: 'Cluster', field: 'cluster' },
  { title: 'Pods', field: 'pods', type: 'numeric' },
  { title: 'Pod IPs', field: 'podsWithVpcIp', type: 'numeric' },
  { title: 'Nodes', field: 'nodes', type: 'numeric' },
  { title: 'Subnets', field: 'subnets', type: 'numeric' },
  { title: 'More replicas', field: 'replicas', type: 'numeric' },
  { title: 'Limited by', field: 'wall' },
];

/**
 * The tab of a Group, User or System: the services it owns (or contains)
 * with their pods and IPs, and its share of each cluster's held pod IPs.
 */
export const OwnerView = (props: { response: EntityCapacityResponse }) => {
  const { response } = props;
  const rows = serviceRows(response);
  const name = response.entity.title ?? response.entity.entityRef;
  const withPods = new Set(rows.map(r => r.entityRef));
  const without = response.entities.filter(e => !withPods.has(e.entityRef));
  const shares = response.clusters.filter(
    c => c.share && c.usage && c.usage.pods > 0,
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={`Pod IPs of ${name} in each cluster`}>
          {shares.map(c => (
            <Box
              key={c.cluster.name}
              mb={2}
              data-testid={`share-${c.cluster.name}`}
            >
              <Typography variant="subtitle1">
                {c.cluster.title ?? c.cluster.name}:{' '}
                {plural(c.share!.podIps, 'pod IP')} of{' '}
                {c.share!.clusterHeldIps.toLocaleString('en-US')} held (
                {c.share!.clusterHeldIps > 0
                  ? ((100 * c.share!.podIps) / c.share!.clusterHeldIps).toFixed(
                      1,
                    )
                  : '0'}
                %) · {plural(c.usage!.headroomReplicas, 'more replica')} across
                its services <SnapshotAge snapshot={c.snapshot} />
              </Typography>
              <UsageBar
                used={c.share!.podIps}
                total={c.share!.clusterHeldIps}
                label={`Pod IPs of ${name} / held in ${c.cluster.name}`}
                text=" "
              />
            </Box>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<ServiceRow>
          title={`Services of ${name} with pods`}
          columns={columns}
          data={rows}
          options={{
            paging: rows.length > 20,
            pageSize: 20,
            padding: 'dense',
            search: rows.length > 5,
          }}
        />
        {without.length > 0 && (
          <Box mt={1}>
            <Typography variant="body2" color="textSecondary">
              No pods found for:{' '}
              {without.map(e => e.title ?? e.entityRef).join(', ')}.
            </Typography>
          </Box>
        )}
      </Grid>
    </Grid>
  );
};
