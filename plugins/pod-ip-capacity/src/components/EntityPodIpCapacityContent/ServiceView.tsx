import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EntityCapacityResponse,
  EntityClusterUsage,
  WorkloadUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { plural, WALL_TEXT } from '../common/format';
import { NodesTable, toNodeRow } from '../common/NodesTable';
import { SnapshotAge } from '../common/SnapshotStatus';
import { SubnetsTable, toSubnetRow } from '../common/SubnetsTable';

/** A cluster where the entity has pods, with its workload usage. */
export interface WorkloadInCluster {
  cluster: EntityClusterUsage;
  workload: WorkloadUsage;
}

export function workloadsWithPods(
  response: EntityCapacityResponse,
): WorkloadInCluster[] {
  return response.clusters.flatMap(cluster => {
    const workload = cluster.usage?.entities[0];
    return workload && workload.pods > 0 ? [{ cluster, workload }] : [];
  });
}

/** "12 more replicas can get a pod IP in eks-prod, limited by …". */
export function headlineText(
  clusterName: string,
  workload: WorkloadUsage,
): string {
  const { replicas, wall } = workload.headroom;
  const more =
    replicas === 0
      ? 'No more replicas can get a pod IP'
      : `${plural(replicas, 'more replica')} can get a pod IP`;
  return `${clusterName}: ${more}, limited by ${WALL_TEXT[wall]}`;
}

/** "10.0.0.0/24 has 12 free /28 blocks" for each subnet the pods use. */
export function subnetsText(workload: WorkloadUsage): string {
  return workload.subnets
    .map(
      s =>
        `${s.subnet.cidr} has ${plural(
          s.subnet.freePrefixBlocks,
          'free /28 block',
        )} (${plural(s.subnet.available, 'free IP')})`,
    )
    .join('; ');
}

export const Headline = (props: WorkloadInCluster) => {
  const { cluster, workload } = props;
  const name = cluster.cluster.name;
  return (
    <Box mb={2} data-testid={`headline-${name}`}>
      <Typography variant="h6" component="p">
        {headlineText(name, workload)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {plural(workload.podsWithVpcIp, 'pod')} with a pod IP on{' '}
        {plural(workload.nodes.length, 'node')}
        {workload.headroom.onCurrentNodes !== workload.headroom.replicas
          ? `; ${workload.headroom.onCurrentNodes} more fit on the nodes it runs on now`
          : ''}
        {workload.unattributedPods > 0
          ? `; ${plural(
              workload.unattributedPods,
              'pod',
            )} with an IP outside its node's prefixes (branch ENI or Fargate)`
          : ''}
        . Subnets: {subnetsText(workload) || 'none'} ·{' '}
        <SnapshotAge snapshot={cluster.snapshot} />
      </Typography>
    </Box>
  );
};

/** A service's nodes and subnets in one cluster. */
export const ClusterDetails = (props: WorkloadInCluster) => {
  const { cluster, workload } = props;
  const name = cluster.cluster.name;
  return (
    <section aria-label={`Pod IPs of the service in ${name}`}>
      <Typography variant="h5" component="h2">
        {cluster.cluster.title ?? name}
      </Typography>
      <Box mb={2}>
        <SnapshotAge snapshot={cluster.snapshot} />
      </Box>
      <SubnetsTable
        title="Subnets its pod IPs come from"
        rows={workload.subnets.map(s =>
          toSubnetRow(name, s.subnet, s.workloadPodIps),
        )}
        podIpsTitle="Its pod IPs"
        showWarnings
      />
      <Box mt={2}>
        <NodesTable
          title="Nodes running its pods"
          rows={workload.nodes.map(n =>
            toNodeRow(name, n.node, n.workloadPods),
          )}
          workloadPodsTitle="Its pods"
        />
      </Box>
    </section>
  );
};

/** The tab of a Component or Resource: its headroom, nodes and subnets per cluster. */
export const ServiceView = (props: {
  workloads: WorkloadInCluster[];
  /** Collected clusters where the service has no pods. */
  withoutPods: string[];
}) => (
  <Grid container spacing={3}>
    <Grid item xs={12}>
      <InfoCard title="How many more replicas can get a pod IP?">
        {props.workloads.map(w => (
          <Headline key={w.cluster.cluster.name} {...w} />
        ))}
        {props.withoutPods.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            No pods in {props.withoutPods.join(', ')}.
          </Typography>
        )}
      </InfoCard>
    </Grid>
    {props.workloads.map(w => (
      <Grid item xs={12} key={w.cluster.cluster.name}>
        <ClusterDetails {...w} />
      </Grid>
    ))}
  </Grid>
);
