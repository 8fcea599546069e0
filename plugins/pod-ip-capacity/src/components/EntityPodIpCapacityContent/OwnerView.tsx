import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EntityCapacityResponse,
  OwnerHeadroomPool,
  EntityUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { DataColumn, DataTable } from '../common/DataTable';
import {
  fmt,
  listText,
  plural,
  sharedByName,
  WALL_SHORT_TEXT,
} from '../common/format';
import { firstRunOutText } from '../common/forecastText';
import { GLOSSARY, Term } from '../common/glossary';
import { HistoryChart } from '../common/HistoryChart';
import {
  isOutOfDate,
  outOfDateText,
  SnapshotAge,
} from '../common/SnapshotStatus';
import { UsageBar } from '../common/UsageBar';
import { allPods } from './ServiceView';

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
  /** The others it shares that room with, when it does. */
  sharedWith: string[];
  wall: string;
}

type Titles = Map<string, string>;

function poolOf(
  usage: EntityUsage,
  ref: string,
): OwnerHeadroomPool | undefined {
  return usage.headroom.pools.find(p => p.sharedBy.includes(ref));
}

function serviceRows(
  response: EntityCapacityResponse,
  titles: Titles,
): ServiceRow[] {
  return response.clusters.flatMap(c =>
    (c.usage?.entities ?? [])
      .filter(w => allPods(w) > 0)
      .map(w => {
        const ref = w.selection.entityRef ?? '';
        const pool = c.usage ? poolOf(c.usage, ref) : undefined;
        return {
          id: `${c.cluster.name}/${ref}`,
          entityRef: ref,
          title: titles.get(ref) ?? ref,
          cluster: c.cluster.name,
          pods: allPods(w),
          podsWithVpcIp: w.podsWithVpcIp,
          nodes: w.nodes,
          subnets: w.subnets.length,
          replicas: w.headroom.replicas,
          sharedWith: (pool?.sharedBy ?? [])
            .filter(r => r !== ref)
            .map(r => sharedByName(r, titles)),
          wall: WALL_SHORT_TEXT[w.headroom.wall],
        };
      }),
  );
}

/** "node group dev, 1 node" */
function poolPlace(pool: OwnerHeadroomPool): string {
  return `${
    pool.nodeGroups.length === 1 ? 'node group' : 'node groups'
  } ${listText(pool.nodeGroups)}, ${plural(pool.nodes, 'node')}`;
}

/**
 * The room an owner's services have in one cluster, counted once: "up to N
 * more replicas, shared between A and B" where they compete for the same
 * nodes or subnets; pools that share nothing add up.
 */
export function ownerHeadroomText(usage: EntityUsage, titles: Titles): string {
  const { replicas, pools } = usage.headroom;
  const names = (pool: OwnerHeadroomPool) =>
    listText(pool.sharedBy.map(r => sharedByName(r, titles)));
  if (pools.length === 0) {
    return replicas === 0
      ? 'No more replicas can get a pod IP'
      : `${plural(replicas, 'more replica')} can get a pod IP`;
  }
  if (pools.length === 1) {
    const pool = pools[0];
    return pool.sharedBy.length > 1
      ? `Up to ${plural(replicas, 'more replica')}, shared between ${names(
          pool,
        )} (${poolPlace(pool)})`
      : `${plural(replicas, 'more replica')} of ${names(pool)} (${poolPlace(
          pool,
        )})`;
  }
  return `Up to ${plural(replicas, 'more replica')} across its services: ${pools
    .map(
      p =>
        `${p.sharedBy.length > 1 ? 'up to ' : ''}${fmt(
          p.replicas,
        )} on ${listText(p.nodeGroups)} (${
          p.sharedBy.length > 1 ? `shared between ${names(p)}` : names(p)
        })`,
    )
    .join('; ')}`;
}

const columns: DataColumn<ServiceRow>[] = [
  {
    id: 'service',
    title: 'Service',
    sortValue: r => r.title,
    render: r => <EntityRefLink entityRef={r.entityRef} title={r.title} />,
  },
  {
    id: 'cluster',
    title: 'Cluster',
    sortValue: r => r.cluster,
    render: r => r.cluster,
  },
  {
    id: 'pods',
    title: 'Pods with a pod IP',
    align: 'right',
    sortValue: r => r.podsWithVpcIp,
    firstOrder: 'desc',
    render: r => `${fmt(r.podsWithVpcIp)} of ${fmt(r.pods)}`,
  },
  {
    id: 'nodes',
    title: 'Nodes',
    align: 'right',
    sortValue: r => r.nodes,
    render: r => fmt(r.nodes),
  },
  {
    id: 'subnets',
    title: 'Subnets',
    align: 'right',
    sortValue: r => r.subnets,
    render: r => fmt(r.subnets),
  },
  {
    id: 'replicas',
    title: 'More replicas',
    help: `${GLOSSARY.moreReplicas} ${GLOSSARY.sharedRoom}`,
    align: 'right',
    sortValue: r => r.replicas,
    firstOrder: 'desc',
    render: r => (
      <>
        {r.sharedWith.length > 0 ? `up to ${fmt(r.replicas)}` : fmt(r.replicas)}
        {r.sharedWith.length > 0 && (
          <Typography variant="caption" component="div" color="textSecondary">
            shared with {listText(r.sharedWith)}
          </Typography>
        )}
      </>
    ),
  },
  {
    id: 'wall',
    title: 'Limited by',
    sortValue: r => r.wall,
    render: r => r.wall,
  },
];

/**
 * The tab of a Group, User or System: per cluster, its share of the held
 * pod IPs and the room its services have (computed once by the backend,
 * shared where they compete — never their sum), and the services with
 * their pods and IPs.
 */
export const OwnerView = (props: { response: EntityCapacityResponse }) => {
  const { response } = props;
  const titles: Titles = new Map(
    response.entities.map(e => [e.entityRef, e.title ?? e.entityRef]),
  );
  const rows = serviceRows(response, titles);
  const name = response.entity.title ?? response.entity.entityRef;
  const withPods = new Set(rows.map(r => r.entityRef));
  const without = response.entities.filter(e => !withPods.has(e.entityRef));
  const shares = response.clusters.filter(
    c => c.share && c.usage && c.usage.entities.some(w => allPods(w) > 0),
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={`Pod IPs of ${name} in each cluster`}>
          {shares.map(c => {
            const outOfDate = isOutOfDate(c.snapshot);
            return (
              <Box
                key={c.cluster.name}
                mb={3}
                data-testid={`share-${c.cluster.name}`}
              >
                <Box style={outOfDate ? { opacity: 0.5 } : undefined}>
                  <Typography variant="subtitle1">
                    {c.cluster.title ?? c.cluster.name}:{' '}
                    {plural(c.share!.podIps, 'pod IP')} of{' '}
                    {fmt(c.share!.clusterHeldIps)} <Term term="held">held</Term>{' '}
                    (
                    {c.share!.clusterHeldIps > 0
                      ? (
                          (100 * c.share!.podIps) /
                          c.share!.clusterHeldIps
                        ).toFixed(1)
                      : '0'}
                    %)
                  </Typography>
                  <UsageBar
                    used={c.share!.podIps}
                    total={c.share!.clusterHeldIps}
                    label={`Pod IPs of ${name} / held in ${c.cluster.name}`}
                    text=" "
                  />
                  <Typography
                    variant="body2"
                    data-testid={`headroom-${c.cluster.name}`}
                  >
                    {ownerHeadroomText(c.usage!, titles)}.{' '}
                    <Term term="moreReplicas">
                      Pod IPs and pod limits only, not CPU or memory.
                    </Term>
                  </Typography>
                  {c.runOut && (
                    <Typography
                      variant="body2"
                      data-testid={`run-out-${c.cluster.name}`}
                    >
                      {firstRunOutText(c.runOut, {
                        subject: "The subnets its services' pods use",
                      })}
                      .
                    </Typography>
                  )}
                  <SnapshotAge snapshot={c.snapshot} />
                </Box>
                {outOfDate && (
                  <Typography variant="body2" color="error">
                    {outOfDateText(c.snapshot)}
                  </Typography>
                )}
              </Box>
            );
          })}
          <HistoryChart
            title="History of its pod IPs"
            kind="entity"
            historyKey={response.entity.entityRef}
            caption={series => series.cluster}
            projection={series => {
              const first = response.clusters.find(
                c => c.cluster.name === series.cluster,
              )?.runOut?.first;
              return first
                ? {
                    forecast: first.forecast,
                    quantity: first.quantity ?? 'freePrefixBlocks',
                    line: false,
                    label: `First to run out, ${first.subnetId}`,
                  }
                : undefined;
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <DataTable<ServiceRow>
          title={`Services of ${name} with pods`}
          testId="services-table"
          columns={columns}
          rows={rows}
          rowKey={r => r.id}
          pageSize={20}
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
