import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EntityCapacityResponse,
  EntityClusterUsage,
  EntityWorkload,
  PodWithoutNodeIpReason,
  WorkloadPodWithoutNodeIp,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { rootRouteRef } from '../../routes';
import {
  fmt,
  plural,
  UNATTRIBUTED_TEXT,
  WALL_TEXT,
  WITHOUT_IP_TEXT,
} from '../common/format';
import { firstRunOutText } from '../common/forecastText';
import { Term } from '../common/glossary';
import { HistoryChart } from '../common/HistoryChart';
import { overviewLink } from '../common/links';
import { PagedNodesTable } from '../common/PagedNodesTable';
import {
  isOutOfDate,
  outOfDateText,
  SnapshotAge,
} from '../common/SnapshotStatus';
import { SubnetRow, SubnetsTable, toSubnetRow } from '../common/SubnetsTable';
import { freeBlocksText } from '../common/subnetText';
import { WhatIfPanel } from './WhatIfPanel';

/** A cluster where the entity has pods, with its workload usage. */
export interface WorkloadInCluster {
  cluster: EntityClusterUsage;
  workload: EntityWorkload;
}

/** Pods the Kubernetes tab lists: running and pending ones, and completed ones. */
export function allPods(workload: EntityWorkload): number {
  return (
    workload.pods +
    (workload.podsWithoutNodeIp.find(p => p.reason === 'completed')?.pods ?? 0)
  );
}

export function workloadsWithPods(
  response: EntityCapacityResponse,
): WorkloadInCluster[] {
  return response.clusters.flatMap(cluster => {
    const workload = cluster.usage?.entities[0];
    return workload && allPods(workload) > 0 ? [{ cluster, workload }] : [];
  });
}

/** "12 more replicas can get a pod IP in eks-prod, limited by …". */
export function headlineText(
  clusterName: string,
  workload: EntityWorkload,
): string {
  const { replicas, wall } = workload.headroom;
  const more =
    replicas === 0
      ? 'No more replicas can get a pod IP'
      : `${plural(replicas, 'more replica')} can get a pod IP`;
  return `${clusterName}: ${more}, limited by ${WALL_TEXT[wall]}`;
}

/** "3 of 4 pods hold a pod IP, on 1 node". */
export function podsText(workload: EntityWorkload): string {
  const holding = workload.podsWithVpcIp;
  const total = allPods(workload);
  return `${fmt(holding)} of ${plural(total, 'pod')} ${
    holding === 1 ? 'holds' : 'hold'
  } a pod IP, on ${plural(workload.nodes, 'node')}`;
}

/** "10.0.0.0/24 has 12 free /28 blocks (233 free IPs)" for each subnet the pods use. */
export function subnetsText(workload: EntityWorkload): string {
  return workload.subnets
    .map(
      s =>
        `${s.subnet.cidr} has ${freeBlocksText(s.subnet)} (${plural(
          s.subnet.available,
          'free IP',
        )})`,
    )
    .join('; ');
}

function podLine(pod: WorkloadPodWithoutNodeIp): string {
  if (pod.reason === 'ip-outside-node-prefixes') {
    const holder = pod.unattributedReason
      ? UNATTRIBUTED_TEXT[pod.unattributedReason]
      : 'an ENI that is not its node’s';
    return `${pod.name} (${pod.phase}): holds ${
      pod.podIp ?? 'a VPC IP'
    } from ${holder}, outside its node's prefixes — counted above and on that ENI's subnet`;
  }
  return `${pod.name} (${pod.phase}${
    pod.nodeName ? ` on ${pod.nodeName}` : ''
  }): ${WITHOUT_IP_TEXT[pod.reason]}${
    pod.podIp && pod.reason === 'completed' ? ` (${pod.podIp})` : ''
  }`;
}

/** Of an entity's pods without a pod IP of their node, those for these reasons. */
function countOf(
  workload: EntityWorkload,
  match: (reason: PodWithoutNodeIpReason) => boolean,
): number {
  return workload.podsWithoutNodeIp
    .filter(c => match(c.reason))
    .reduce((n, c) => n + c.pods, 0);
}

/** The pods the Kubernetes tab shows that hold no pod IP of their node, and why. */
const PodsWithoutNodeIp = (props: {
  cluster: string;
  workload: EntityWorkload;
}) => {
  const { workload } = props;
  const isOutside = (r: PodWithoutNodeIpReason) =>
    r === 'ip-outside-node-prefixes';
  const withoutCount = countOf(workload, r => !isOutside(r));
  const outsideCount = countOf(workload, isOutside);
  if (withoutCount + outsideCount === 0) return null;
  // The backend lists the first 50 of them; the counts are of all.
  const listed = workload.podsWithoutNodeIpListed;
  const without = listed.filter(p => !isOutside(p.reason));
  const outside = listed.filter(p => isOutside(p.reason));
  const more = (count: number, shown: number) =>
    count > shown ? (
      <li>
        <Typography variant="body2" color="textSecondary">
          and {plural(count - shown, 'more pod')} (the Kubernetes tab lists them
          all)
        </Typography>
      </li>
    ) : null;
  return (
    <Box mt={1} data-testid={`pods-without-node-ip-${props.cluster}`}>
      {withoutCount > 0 && (
        <>
          <Typography variant="body2">
            {withoutCount === 1
              ? 'The pod without a pod IP:'
              : `The ${fmt(withoutCount)} pods without a pod IP:`}
          </Typography>
          <ul style={{ marginTop: 0 }}>
            {without.map(p => (
              <li key={`${p.namespace}/${p.name}`}>
                <Typography variant="body2">{podLine(p)}</Typography>
              </li>
            ))}
            {more(withoutCount, without.length)}
          </ul>
        </>
      )}
      {outsideCount > 0 && (
        <>
          <Typography variant="body2">
            Holding a pod IP outside its node's prefixes (
            <Term term="branchEni">branch ENI</Term>, Fargate):
          </Typography>
          <ul style={{ marginTop: 0 }}>
            {outside.map(p => (
              <li key={`${p.namespace}/${p.name}`}>
                <Typography variant="body2">{podLine(p)}</Typography>
              </li>
            ))}
            {more(outsideCount, outside.length)}
          </ul>
        </>
      )}
    </Box>
  );
};

/**
 * "The subnets your pods use run out of /28 blocks in about 12 days
 * (9–16), around 5 Dec 2026 (subnet-0abc first)", "… not growing",
 * "… collecting history".
 */
export function runOutSentence(cluster: EntityClusterUsage): string {
  return firstRunOutText(cluster.runOut!, {
    subject: 'The subnets your pods use',
  });
}

export const Headline = (props: WorkloadInCluster) => {
  const { cluster, workload } = props;
  const name = cluster.cluster.name;
  const outOfDate = isOutOfDate(cluster.snapshot);
  return (
    <Box mb={3} data-testid={`headline-${name}`}>
      <Box style={outOfDate ? { opacity: 0.5 } : undefined}>
        <Typography variant="h6" component="p">
          {headlineText(name, workload)}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          <Term term="moreReplicas">
            Pod IPs and pod limits only: CPU and memory are not part of this
            number.
          </Term>
          {workload.headroom.onCurrentNodes !== workload.headroom.replicas
            ? ` ${fmt(
                workload.headroom.onCurrentNodes,
              )} of them fit on the nodes it runs on now; the rest on other nodes of the same node groups.`
            : ''}
        </Typography>
        <Typography variant="body2">
          {podsText(workload)} · <SnapshotAge snapshot={cluster.snapshot} />
        </Typography>
        <PodsWithoutNodeIp cluster={name} workload={workload} />
        <Typography variant="body2" color="textSecondary">
          Subnets: {subnetsText(workload) || 'none'}.
        </Typography>
        {cluster.runOut && (
          <Typography
            variant="body2"
            data-testid={`run-out-${name}`}
            color={
              cluster.runOut.first &&
              (cluster.runOut.first.forecast.state === 'exhausted' ||
                cluster.runOut.first.forecast.daysLeft < 14)
                ? 'error'
                : 'textPrimary'
            }
          >
            {runOutSentence(cluster)}.
          </Typography>
        )}
      </Box>
      {outOfDate && (
        <Typography variant="body2" color="error">
          {outOfDateText(cluster.snapshot)}
        </Typography>
      )}
    </Box>
  );
};

/** The overview's path, when the app has the page. */
function useOverviewPath(): string | undefined {
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

/**
 * The nodes running the service's pods, with the table's own filter: what
 * is typed there renders the table again, not the history and subnets
 * around it.
 */
const ServiceNodes = (props: {
  cluster: string;
  entityRef: string;
  version?: string;
}) => {
  const [q, setQ] = useState('');
  return (
    <PagedNodesTable
      title="Nodes running its pods"
      testId={`nodes-table-${props.cluster}`}
      cluster={props.cluster}
      entityRef={props.entityRef}
      q={q}
      onQueryChange={setQ}
      workloadPodsTitle="Its pods"
      version={props.version}
    />
  );
};

/** A service's nodes and subnets in one cluster. */
export const ClusterDetails = (
  props: WorkloadInCluster & { entityRef: string },
) => {
  const { cluster, workload } = props;
  const name = cluster.cluster.name;
  const overviewPath = useOverviewPath();
  const links = overviewPath
    ? (r: SubnetRow) => (
        <Box mt={1}>
          <Link
            to={overviewLink(
              { cluster: r.cluster, q: r.subnet.subnetId },
              'nodes',
              overviewPath,
            )}
          >
            {`Every node taking pod IPs from ${r.subnet.cidr}, on the overview`}
          </Link>
          {' · '}
          <Link
            to={overviewLink(
              { cluster: r.cluster, subnet: r.subnet.subnetId },
              'subnets',
              overviewPath,
            )}
          >
            This subnet on the overview
          </Link>
        </Box>
      )
    : undefined;
  return (
    <section aria-label={`Pod IPs of the service in ${name}`}>
      <Typography variant="h5" component="h2">
        {cluster.cluster.title ?? name}
      </Typography>
      <Box mb={2}>
        <SnapshotAge snapshot={cluster.snapshot} />
      </Box>
      {props.entityRef && (
        <HistoryChart
          title={`Its history in ${name}`}
          kind="entity"
          historyKey={props.entityRef}
          onlyCluster={name}
          projection={() =>
            cluster.runOut?.first
              ? {
                  forecast: cluster.runOut.first.forecast,
                  quantity: cluster.runOut.first.quantity ?? 'freePrefixBlocks',
                  line: false,
                }
              : undefined
          }
        />
      )}
      <SubnetsTable
        title="Subnets its pod IPs come from"
        testId={`subnets-table-${name}`}
        rows={workload.subnets.map(s =>
          toSubnetRow(name, s.subnet, s.workloadPodIps),
        )}
        podIpsTitle="Its pod IPs"
        showWarnings
        renderLinks={links}
      />
      <Box mt={2}>
        <ServiceNodes
          cluster={name}
          entityRef={props.entityRef}
          version={cluster.snapshot.collectedAt}
        />
      </Box>
    </section>
  );
};

/** The tab of a Component or Resource: its headroom, nodes and subnets per cluster. */
export const ServiceView = (props: {
  /** The service's entity ref: its history, nodes and what-ifs. */
  entityRef: string;
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
    {props.entityRef && (
      <Grid item xs={12}>
        <WhatIfPanel entityRef={props.entityRef} />
      </Grid>
    )}
    {props.workloads.map(w => (
      <Grid item xs={12} key={w.cluster.cluster.name}>
        <ClusterDetails {...w} entityRef={props.entityRef} />
      </Grid>
    ))}
  </Grid>
);
