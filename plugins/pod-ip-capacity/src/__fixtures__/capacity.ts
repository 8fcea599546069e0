import {
  apportionNodeIps,
  ClusterCapacity,
  ClusterDetailResponse,
  ClusterInventory,
  ClustersResponse,
  ClusterSummary,
  computeClusterCapacity,
  computeOwnerUsage,
  toEntityUsage,
  EntityCapacityResponse,
  InventoryPod,
  NodeDetailResponse,
  NodeRow,
  NodeSortKey,
  NodesPage,
  NodeUsage,
  OverviewResponse,
  OwnersResponse,
  runOuts,
  SnapshotInfo,
  SubnetForecast,
  SubnetStatus,
  SubnetUsage,
  WorkloadSelection,
  WorkloadSource,
  withQuantity,
  workloadSubnetsRunOut,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  domainSample1,
  domainSample2,
  INSTANCE_TYPES,
  makeEni,
  makeNode,
  makePod,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common/testing';
import type { ListNodesRequest } from '../api';
import { forecastOf } from './history';
import { landingWarningsOf } from './foresight';

/**
 * Test fixtures made by the real engine from the samples of
 * how-pod-ips-are-counted.md, so that the numbers the tests assert are the
 * worked examples' numbers:
 *
 * - cluster `sample-1-auto-mode` (§6 sample 1): checkout-api's pods are
 *   web-b-1..3 on i-bbbbbbbbbbbbbbbbb, prefix 192.168.71.80/28 with 3
 *   assigned and 13 available; a fourth, web-b-4, has Failed (its stale IP
 *   192.168.71.83 is released: "3 of 4 pods hold a pod IP", the Kubernetes
 *   tab's 4 pods). Storefront's pods are web-a-1, web-c-1 and web-a-2, whose
 *   IP is a branch ENI's (security groups for pods), outside its node's
 *   prefix. Added to it: a "legacy" secondary-IP node group in subnet
 *   10.0.2.0/24 whose scattered secondary IPs and foreign ENIs leave 238 free
 *   IPs but a single free /28 block (the portal-demo scenario's fragmented
 *   subnet): fragmented, but not at risk, as its nodes take single secondary
 *   IPs. legacy-batch runs there: batch-1 and batch-2 hold IPs, batch-3 is
 *   Pending without one and batch-agent runs on the host network.
 * - cluster `sample-2-custom-networking` (§6 sample 2): search-api's pods
 *   are api-1..3 (prefix 100.64.43.16/28: 3 assigned, 13 available),
 *   search-worker's worker-1..2, all in one node group: Search's two
 *   services compete for the same room.
 * - cluster `sample-3-fragmented` (§5's worked example): subnet
 *   10.0.0.0/25 with 88 free IPs but one free /28 block, where two
 *   prefix-mode nodes take pod IPs: fragmented and at risk; and a /28
 *   subnet with 1 free IP of 11: low.
 * - `sample-4-partial` (only in `partialSource`): the same subnet where
 *   DescribeNetworkInterfaces was denied (the Lambda ENI is unknown, so free
 *   blocks are "0 to 1") and a node whose instance EC2 did not describe.
 */

export const CLUSTER_1 = 'sample-1-auto-mode';
export const CLUSTER_2 = 'sample-2-custom-networking';
export const CLUSTER_3 = 'sample-3-fragmented';
export const CLUSTER_4 = 'sample-4-partial';

const label = (pod: InventoryPod, id: string): InventoryPod => ({
  ...pod,
  labels: { ...pod.labels, 'backstage.io/kubernetes-id': id },
});

function sample1WithLegacySubnet(): ClusterInventory {
  const inventory = domainSample1();
  const legacy = { 'eks.amazonaws.com/nodegroup': 'legacy' };
  const a = 'i-aaaaaaaaaaaaaaaaa';
  const b = 'i-bbbbbbbbbbbbbbbbb';
  const l1 = 'i-0legacy000000001';
  const l2 = 'i-0legacy000000002';
  return {
    ...inventory,
    nodes: [
      ...inventory.nodes,
      makeNode(l1, 'm5.large', legacy, {
        zone: 'eu-west-1c',
        allocatablePods: 29,
      }),
      makeNode(l2, 'm5.large', legacy, {
        zone: 'eu-west-1c',
        allocatablePods: 29,
      }),
    ],
    pods: [
      ...inventory.pods.map(p =>
        label(p, p.name.startsWith('web-b-') ? 'checkout-api' : 'storefront'),
      ),
      // Failed: its podIP is stale and already released (§3).
      label(
        makePod('web-b-4', b, ['192.168.71.83'], { phase: 'Failed' }),
        'checkout-api',
      ),
      // Security groups for pods: the IP is its own branch ENI's primary IP.
      label(
        makePod('web-a-2', a, ['192.168.183.60'], {
          annotations: {
            'vpc.amazonaws.com/pod-eni':
              '[{"eniId":"eni-0branch00000000001","ifAddress":"0a:00:00:00:00:01","privateIp":"192.168.183.60"}]',
          },
        }),
        'storefront',
      ),
      label(makePod('batch-1', l1, ['10.0.2.37']), 'legacy-batch'),
      label(makePod('batch-2', l2, ['10.0.2.117']), 'legacy-batch'),
      label(makePod('batch-3', l1, [], { phase: 'Pending' }), 'legacy-batch'),
      label(
        makePod('batch-agent', l2, ['10.0.2.100'], { hostNetwork: true }),
        'legacy-batch',
      ),
    ],
    instances: [
      ...inventory.instances,
      {
        instanceId: l1,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1c',
        networkInterfaces: [
          makeEni('eni-0legacy000000001', 'subnet-0legacy1c', '10.0.2.20', {
            instanceId: l1,
            secondaryIps: ['10.0.2.37', '10.0.2.53', '10.0.2.69', '10.0.2.85'],
          }),
        ],
      },
      {
        instanceId: l2,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1c',
        networkInterfaces: [
          makeEni('eni-0legacy000000002', 'subnet-0legacy1c', '10.0.2.100', {
            instanceId: l2,
            secondaryIps: [
              '10.0.2.117',
              '10.0.2.133',
              '10.0.2.149',
              '10.0.2.165',
            ],
          }),
        ],
      },
    ],
    subnets: [
      ...inventory.subnets.map(s =>
        s.subnetId === 'subnet-0sample1c'
          ? // 8187 − 1 primary IP − 16 (one prefix) − 1 branch ENI
            { ...s, availableIpAddressCount: 8169 }
          : s,
      ),
      {
        subnetId: 'subnet-0legacy1c',
        cidr: '10.0.2.0/24',
        // 251 usable − 2 primary IPs − 8 secondary IPs − 3 foreign ENIs
        availableIpAddressCount: 238,
        availabilityZone: 'eu-west-1c',
        cidrReservations: [],
      },
    ],
    otherNetworkInterfaces: [
      makeEni('eni-0branch00000000001', 'subnet-0sample1c', '192.168.183.60', {
        interfaceType: 'branch',
      }),
      makeEni('eni-0lambda00000001', 'subnet-0legacy1c', '10.0.2.181', {
        interfaceType: 'lambda',
      }),
      makeEni('eni-0rds0000000001', 'subnet-0legacy1c', '10.0.2.198'),
      makeEni('eni-0vpce000000001', 'subnet-0legacy1c', '10.0.2.213', {
        interfaceType: 'vpc_endpoint',
      }),
    ],
    instanceTypes: [INSTANCE_TYPES['m5.large']],
  };
}

function sample2Labelled(): ClusterInventory {
  const inventory = domainSample2();
  return {
    ...inventory,
    pods: inventory.pods.map(p =>
      label(p, p.name.startsWith('api-') ? 'search-api' : 'search-worker'),
    ),
  };
}

/**
 * §5's worked example: subnet 10.0.0.0/25 (8 blocks). ENI A has primary
 * .10 and prefix .16/28, ENI B primary .37 and prefix .64/28, a Lambda ENI
 * sits at .85, and .96/28 is an explicit reservation: one free /28 (.48),
 * while AvailableIpAddressCount = 128 − 5 − 3 − 32 = 88. Both ENIs are
 * prefix-mode nodes that take pod IPs here.
 */
function section5Inventory(
  cluster: string,
  subnetId: string,
  [a, b]: [string, string],
  options: { otherEnisUnknown?: boolean } = {},
): ClusterInventory {
  const group = { 'eks.amazonaws.com/nodegroup': 'reports' };
  return {
    cluster,
    nodes: [
      makeNode(a, 'm5.large', group, {
        zone: 'eu-west-1b',
        allocatablePods: 110,
      }),
      makeNode(b, 'm5.large', group, {
        zone: 'eu-west-1b',
        allocatablePods: 110,
      }),
    ],
    pods: [
      label(makePod('reports-1', a, ['10.0.0.17']), 'reports-api'),
      label(makePod('reports-2', b, ['10.0.0.65']), 'reports-api'),
    ],
    instances: [a, b].map((id, i) => ({
      instanceId: id,
      instanceType: 'm5.large',
      availabilityZone: 'eu-west-1b',
      networkInterfaces: [
        makeEni(`eni-${id.slice(2)}`, subnetId, ['10.0.0.10', '10.0.0.37'][i], {
          instanceId: id,
          ipv4Prefixes: [['10.0.0.16/28', '10.0.0.64/28'][i]],
        }),
      ],
    })),
    subnets: [
      {
        subnetId,
        cidr: '10.0.0.0/25',
        availableIpAddressCount: 88,
        availabilityZone: 'eu-west-1b',
        cidrReservations: [
          { cidr: '10.0.0.96/28', reservationType: 'explicit' },
        ],
      },
    ],
    otherNetworkInterfaces: options.otherEnisUnknown
      ? []
      : [
          makeEni('eni-0lambda00000005', subnetId, '10.0.0.85', {
            interfaceType: 'lambda',
          }),
        ],
    ...(options.otherEnisUnknown
      ? { unknown: ['otherNetworkInterfaces' as const] }
      : {}),
    instanceTypes: [INSTANCE_TYPES['m5.large']],
  };
}

/**
 * `sample-3-fragmented`: §5's subnet, and beside it a /28 subnet (§5: "a /28
 * subnet 11 usable and none free" blocks) where a secondary-IP node holds its
 * primary IP and 9 secondary IPs: 1 free IP of 11, below a tenth — low. So
 * the cluster has both risks: a fragmented subnet for its prefix-mode nodes,
 * and one running out for everyone.
 */
function sample3Fragmented(): ClusterInventory {
  const inventory = section5Inventory(CLUSTER_3, 'subnet-0sec5frag1b', [
    'i-0sec5a0000000001',
    'i-0sec5b0000000001',
  ]);
  const c = 'i-0sec5c0000000001';
  const batch = { 'eks.amazonaws.com/nodegroup': 'batch' };
  return {
    ...inventory,
    nodes: [
      ...inventory.nodes,
      makeNode(c, 'm5.large', batch, {
        zone: 'eu-west-1b',
        allocatablePods: 29,
      }),
    ],
    pods: [
      ...inventory.pods,
      label(makePod('nightly-1', c, ['10.0.1.5']), 'nightly-batch'),
    ],
    instances: [
      ...inventory.instances,
      {
        instanceId: c,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1b',
        networkInterfaces: [
          makeEni('eni-0sec5c0000000001', 'subnet-0small1b', '10.0.1.4', {
            instanceId: c,
            secondaryIps: [5, 6, 7, 8, 9, 10, 11, 12, 13].map(
              n => `10.0.1.${n}`,
            ),
          }),
        ],
      },
    ],
    subnets: [
      ...inventory.subnets,
      {
        subnetId: 'subnet-0small1b',
        cidr: '10.0.1.0/28',
        // 16 − 5 reserved − 1 primary IP − 9 secondary IPs
        availableIpAddressCount: 1,
        availabilityZone: 'eu-west-1b',
        cidrReservations: [],
      },
    ],
  };
}

/**
 * §5's subnet once more, collected partly: DescribeNetworkInterfaces was
 * denied (the Lambda ENI at .85 is unknown, so the one address EC2 counts as
 * used that no node ENI explains may sit in the free block: at least 0, up to
 * 1 free /28), and node i-0hidden000000001 names an instance EC2 did not
 * describe.
 */
function partialInventory(): ClusterInventory {
  const inventory = section5Inventory(
    CLUSTER_4,
    'subnet-0partial1b',
    ['i-0part5a000000001', 'i-0part5b000000001'],
    { otherEnisUnknown: true },
  );
  return {
    ...inventory,
    nodes: [
      ...inventory.nodes,
      makeNode(
        'i-0hidden000000001',
        'm5.large',
        { 'eks.amazonaws.com/nodegroup': 'reports' },
        { zone: 'eu-west-1b', allocatablePods: 110 },
      ),
    ],
    pods: [
      ...inventory.pods,
      label(
        makePod('reports-3', 'i-0hidden000000001', ['10.0.1.20']),
        'reports-api',
      ),
    ],
  };
}

const toSource = (inventory: ClusterInventory): WorkloadSource => ({
  capacity: computeClusterCapacity(inventory),
  pods: inventory.pods,
});

export function sources(): WorkloadSource[] {
  return [
    sample1WithLegacySubnet(),
    sample2Labelled(),
    sample3Fragmented(),
  ].map(toSource);
}

/** `sample-4-partial`: see `partialInventory`. */
export function partialSource(): WorkloadSource {
  return toSource(partialInventory());
}

export const okSnapshot: SnapshotInfo = {
  status: 'ok',
  collectedAt: '2026-11-23T08:00:00.000Z',
  attemptedAt: '2026-11-23T08:00:00.000Z',
  ageSeconds: 120,
  stale: false,
  refreshing: false,
  problems: [],
};

export const staleSnapshot: SnapshotInfo = {
  ...okSnapshot,
  status: 'stale',
  ageSeconds: 1800,
  stale: true,
  problems: [
    {
      source: 'ec2',
      code: 'UnauthorizedOperation',
      action: 'ec2:DescribeNetworkInterfaces',
      message:
        'The portal may not call ec2:DescribeNetworkInterfaces in account 222222222222: add it to the role backstage-eks-reader.',
    },
  ],
};

/** The last refresh failed two hours ago; the data shown is older. */
export const errorWithDataSnapshot: SnapshotInfo = {
  ...okSnapshot,
  status: 'error',
  ageSeconds: 7200,
  stale: true,
  problems: [
    {
      source: 'kubernetes',
      code: 'Timeout',
      message:
        'The Kubernetes API of the cluster did not answer within 30 seconds; the last good data is shown.',
    },
  ],
};

export const partialSnapshot: SnapshotInfo = {
  ...okSnapshot,
  status: 'partial',
  problems: [
    {
      source: 'ec2',
      code: 'UnauthorizedOperation',
      action: 'ec2:DescribeNetworkInterfaces',
      message:
        "The portal may not call ec2:DescribeNetworkInterfaces: the subnets' other ENIs are unknown.",
    },
    {
      source: 'ec2',
      code: 'InstancesNotFound',
      action: 'ec2:DescribeInstances',
      message:
        'EC2 did not describe instance i-0hidden000000001 (another account or region, or hidden as a managed resource).',
    },
  ],
};

export const pendingSnapshot: SnapshotInfo = {
  status: 'pending',
  stale: false,
  refreshing: true,
  problems: [],
};

const selection = (name: string): WorkloadSelection => ({
  entityRef: `component:default/${name}`,
  kubernetesId: name,
});

/** `GET /entity` for entities whose pods are `names` (one for a service, several for a team). */
export function entityResponse(
  entityRef: string,
  names: string[],
  snapshots: Partial<Record<string, SnapshotInfo>> = {},
): EntityCapacityResponse {
  const kind = entityRef.split(':')[0];
  return {
    entity: { entityRef, kind, title: entityRef.split('/')[1] },
    problems: [],
    entities: names.map(n => ({
      entityRef: `component:default/${n}`,
      kind: 'Component',
      title: n,
    })),
    clusters: sources().map(source => {
      const name = source.capacity.cluster;
      const snapshot = snapshots[name] ?? okSnapshot;
      if (snapshot.status === 'pending') {
        return { cluster: { name }, snapshot };
      }
      const usage = computeOwnerUsage(entityRef, names.map(selection), [
        source,
      ]);
      const workloadSubnets = [
        ...new Set(
          usage.entities.flatMap(w => w.subnets.map(x => x.subnet.subnetId)),
        ),
      ];
      return {
        cluster: { name, title: `${name} (eu-west-1)` },
        snapshot,
        usage: toEntityUsage(usage),
        // As the backend's entityRunOut: the first of the pods' subnets, naming what it runs out of.
        runOut: withQuantity(
          workloadSubnetsRunOut(
            workloadSubnets,
            runOuts(forecastOf(source.capacity).subnets),
          ),
          forecastOf(source.capacity).subnets,
        ),
        share: {
          podIps: usage.podsWithVpcIp,
          clusterHeldIps: source.capacity.totals.heldIps,
        },
      };
    }),
  };
}

function summaryOf(
  capacity: ClusterCapacity,
  snapshot: SnapshotInfo = okSnapshot,
): ClusterSummary {
  return {
    name: capacity.cluster,
    title: `${capacity.cluster} (eu-west-1)`,
    snapshot,
    ipFamily: capacity.ipFamily,
    totals: capacity.totals,
    subnetsAtRisk: capacity.subnets
      .filter(s => s.atRisk)
      .map(s => ({ subnetId: s.subnetId, cidr: s.cidr, status: s.status })),
    runOut: forecastOf(capacity).first,
  };
}

export function clustersResponse(): ClustersResponse {
  return { clusters: sources().map(s => summaryOf(s.capacity)), problems: [] };
}

export function clusterDetail(name: string): ClusterDetailResponse {
  const source = sources().find(s => s.capacity.cluster === name)!;
  const forecast = forecastOf(source.capacity);
  return {
    ...summaryOf(source.capacity),
    capacity: source.capacity,
    forecast,
    runOut: forecast.first,
  };
}

/** The backend's order of `GET /overview`'s subnets: most at risk first. */
const RISK: Record<SubnetStatus, number> = {
  exhausted: 3,
  low: 2,
  fragmented: 1,
  ok: 0,
};

/** Days until a subnet runs out of what its nodes need (0: it has; Infinity: no date). */
function daysLeft(forecast: SubnetForecast | undefined): number {
  const f = forecast?.[forecast.quantity];
  if (f?.state === 'exhausted') return 0;
  if (f?.state === 'forecast') return f.daysLeft;
  return Infinity;
}

/**
 * The backend's urgency order (compareSubnetsByUrgency): most at risk now,
 * then the soonest to run out, then fewest free /28 blocks.
 */
function byUrgency(
  a: { cluster: string; subnet: SubnetUsage; forecast?: SubnetForecast },
  b: { cluster: string; subnet: SubnetUsage; forecast?: SubnetForecast },
): number {
  const days = daysLeft(a.forecast) - daysLeft(b.forecast);
  return (
    RISK[b.subnet.status] - RISK[a.subnet.status] ||
    (Number.isNaN(days) ? 0 : days) ||
    a.subnet.freePrefixBlocks - b.subnet.freePrefixBlocks ||
    a.cluster.localeCompare(b.cluster) ||
    a.subnet.subnetId.localeCompare(b.subnet.subnetId)
  );
}

/**
 * `GET /overview` as the backend shapes it from the same snapshots: every
 * cluster's summary, node groups and subnets (most at risk first), no
 * per-node detail. `snapshots` overrides a cluster's snapshot state;
 * `partial` adds `sample-4-partial`.
 */
export function overviewResponse(
  options: {
    snapshots?: Partial<Record<string, SnapshotInfo>>;
    partial?: boolean;
  } = {},
): OverviewResponse {
  const all = [...sources(), ...(options.partial ? [partialSource()] : [])];
  const snapshotOf = (name: string) =>
    options.snapshots?.[name] ??
    (name === CLUSTER_4 ? partialSnapshot : okSnapshot);
  return {
    clusters: all.map(s =>
      summaryOf(s.capacity, snapshotOf(s.capacity.cluster)),
    ),
    nodeGroups: all.flatMap(s =>
      s.capacity.nodeGroups.map(nodeGroup => ({
        cluster: s.capacity.cluster,
        nodeGroup,
      })),
    ),
    subnets: all
      .flatMap(s => {
        const forecast = forecastOf(s.capacity);
        return s.capacity.subnets.map(subnet => ({
          cluster: s.capacity.cluster,
          subnet,
          forecast: forecast.subnets.find(f => f.subnetId === subnet.subnetId),
        }));
      })
      .sort(byUrgency),
    problems: [],
    nextNodeWarnings: all.flatMap(s => landingWarningsOf(s.capacity)),
  };
}

/** A node as `GET /nodes` answers it: without its ENIs and pod IPs. */
export function toNodeRow(cluster: string, node: NodeUsage): NodeRow {
  const { networkInterfaces, customNetworking: _, ...rest } = node;
  return {
    cluster,
    ...rest,
    networkInterfaces: networkInterfaces.length,
    prefixes: networkInterfaces.reduce((n, e) => n + e.prefixes.length, 0),
    secondaryIps: networkInterfaces.reduce(
      (n, e) => n + e.secondaryIps.total,
      0,
    ),
  };
}

const SORT_VALUE: Record<NodeSortKey, (row: NodeRow) => string | number> = {
  name: r => r.name,
  cluster: r => r.cluster,
  nodeGroup: r => r.nodeGroup,
  zone: r => r.zone ?? '',
  mode: r => r.mode,
  podsWithVpcIp: r => r.pods.withVpcIp,
  heldIps: r => r.ips.held,
  usedIps: r => r.ips.used,
  idleIps: r => r.ips.idle,
  headroomPods: r => r.headroom.pods,
  workloadPods: r => r.workloadPods ?? 0,
};

/**
 * `GET /nodes` over the given clusters' nodes, as the backend pages it:
 * filtered by cluster (and entity) and by text in the name, instance, type, node group,
 * zone, mode or pod subnet; sorted by one column, then cluster and name.
 */
export function nodesPage(
  request: ListNodesRequest = {},
  from: WorkloadSource[] = sources(),
): NodesPage {
  const q = request.q?.trim().toLocaleLowerCase('en-US');
  // With entityRef (a service of entityResponse's): the nodes running its pods.
  const entityRows = (s: WorkloadSource): NodeRow[] =>
    computeOwnerUsage(
      request.entityRef!,
      [selection(request.entityRef!.split('/')[1])],
      [s],
    ).entities[0].nodes.map(n => ({
      ...toNodeRow(s.capacity.cluster, n.node),
      workloadPods: n.workloadPods,
    }));
  const rows = from
    .filter(s => !request.cluster || s.capacity.cluster === request.cluster)
    .flatMap(s =>
      request.entityRef
        ? entityRows(s)
        : s.capacity.nodes.map(n => toNodeRow(s.capacity.cluster, n)),
    )
    .filter(
      r =>
        !q ||
        [
          r.cluster,
          r.name,
          r.instanceId,
          r.instanceType,
          r.nodeGroup,
          r.zone,
          r.mode,
          r.podSubnetId,
        ]
          .filter(Boolean)
          .join(' ')
          .toLocaleLowerCase('en-US')
          .includes(q),
    );
  const value = SORT_VALUE[request.sort ?? 'name'];
  const sign = request.order === 'desc' ? -1 : 1;
  rows.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const primary =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y));
    return (
      sign * primary ||
      a.cluster.localeCompare(b.cluster) ||
      a.name.localeCompare(b.name)
    );
  });
  const offset = request.offset ?? 0;
  const limit = request.limit ?? 50;
  return {
    items: rows.slice(offset, offset + limit),
    total: rows.length,
    offset,
    limit,
  };
}

/** `GET /clusters/{name}/nodes/{node}`. */
export function nodeDetail(
  cluster: string,
  node: string,
  from: WorkloadSource[] = [...sources(), partialSource()],
): NodeDetailResponse {
  const source = from.find(s => s.capacity.cluster === cluster)!;
  return {
    cluster,
    snapshot: cluster === CLUSTER_4 ? partialSnapshot : okSnapshot,
    node: source.capacity.nodes.find(n => n.name === node)!,
  };
}

/** `GET /owners` as the backend sums it: whole addresses per team, the rest not attributed. */
export function ownersResponse(): OwnersResponse {
  const teams: Array<[string, string, string[]]> = [
    ['group:default/team-payments', 'Payments', ['checkout-api']],
    ['group:default/team-search', 'Search', ['search-api', 'search-worker']],
  ];
  const usages = teams.map(([ref, , names]) =>
    computeOwnerUsage(ref, names.map(selection), sources()),
  );
  const charged = apportionNodeIps(
    sources().map(s => s.capacity),
    usages,
  );
  return {
    problems: [],
    notAttributed: charged.notAttributed,
    owners: teams
      .map(([ref, title, names], i) => ({
        owner: { entityRef: ref, kind: 'Group', title },
        entities: names.length,
        pods: usages[i].pods,
        podsWithVpcIp: usages[i].podsWithVpcIp,
        nodes: usages[i].nodes,
        nodeHeldIps: charged.owners[i].held,
        nodeIdleIps: charged.owners[i].idle,
        headroom: usages[i].headroom,
        clusters: [
          ...new Set(
            usages[i].entities.flatMap(w => w.nodes.map(n => n.cluster)),
          ),
        ].sort(),
      }))
      .sort((a, b) => b.nodeHeldIps - a.nodeHeldIps),
  };
}
