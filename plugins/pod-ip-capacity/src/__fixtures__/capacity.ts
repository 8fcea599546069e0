import {
  apportionNodeIps,
  ClusterCapacity,
  ClusterDetailResponse,
  ClusterInventory,
  ClustersResponse,
  ClusterSummary,
  computeClusterCapacity,
  computeOwnerUsage,
  EntityCapacityResponse,
  InventoryPod,
  OwnersResponse,
  SnapshotInfo,
  WorkloadSelection,
  WorkloadSource,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  domainSample1,
  domainSample2,
  INSTANCE_TYPES,
  makeEni,
  makeNode,
  makePod,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common/testing';

/**
 * Test fixtures made by the real engine from the samples of how-pod-ips-are-counted.md §6, so that
 * the numbers the tests assert are the worked examples' numbers:
 *
 * - cluster `sample-1-auto-mode` (sample 1): checkout-api's pods are
 *   web-b-1..3 on i-bbbbbbbbbbbbbbbbb, prefix 192.168.71.80/28 with 3
 *   assigned and 13 available. Storefront's pods are web-a-1 and web-c-1.
 *   Added to it: a "legacy" secondary-IP node group in subnet 10.0.2.0/24
 *   whose scattered secondary IPs and foreign ENIs leave 238 free IPs but a
 *   single free /28 block (the portal-demo scenario's fragmented subnet).
 * - cluster `sample-2-custom-networking` (sample 2): search-api's pods are
 *   api-1..3 (prefix 100.64.43.16/28: 3 assigned, 13 available).
 */

const label = (pod: InventoryPod, id: string): InventoryPod => ({
  ...pod,
  labels: { ...pod.labels, 'backstage.io/kubernetes-id': id },
});

function sample1WithLegacySubnet(): ClusterInventory {
  const inventory = domainSample1();
  const legacy = { 'eks.amazonaws.com/nodegroup': 'legacy' };
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
      label(makePod('batch-1', l1, ['10.0.2.37']), 'legacy-batch'),
      label(makePod('batch-2', l2, ['10.0.2.117']), 'legacy-batch'),
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
      ...inventory.subnets,
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

export const CLUSTER_1 = 'sample-1-auto-mode';
export const CLUSTER_2 = 'sample-2-custom-networking';

export function sources(): WorkloadSource[] {
  return [sample1WithLegacySubnet(), sample2Labelled()].map(inventory => ({
    capacity: computeClusterCapacity(inventory),
    pods: inventory.pods,
  }));
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
      if (snapshot.status === 'pending' || snapshot.status === 'error') {
        return { cluster: { name }, snapshot };
      }
      const usage = computeOwnerUsage(entityRef, names.map(selection), [
        source,
      ]);
      return {
        cluster: { name, title: `${name} (eu-west-1)` },
        snapshot,
        usage,
        share: {
          podIps: usage.podsWithVpcIp,
          clusterHeldIps: source.capacity.totals.heldIps,
        },
      };
    }),
  };
}

function summaryOf(capacity: ClusterCapacity): ClusterSummary {
  return {
    name: capacity.cluster,
    title: `${capacity.cluster} (eu-west-1)`,
    snapshot: okSnapshot,
    ipFamily: capacity.ipFamily,
    totals: capacity.totals,
    subnetsAtRisk: capacity.subnets
      .filter(s => s.atRisk)
      .map(s => ({ subnetId: s.subnetId, cidr: s.cidr, status: s.status })),
  };
}

export function clustersResponse(): ClustersResponse {
  return { clusters: sources().map(s => summaryOf(s.capacity)), problems: [] };
}

export function clusterDetail(name: string): ClusterDetailResponse {
  const source = sources().find(s => s.capacity.cluster === name)!;
  return { ...summaryOf(source.capacity), capacity: source.capacity };
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
