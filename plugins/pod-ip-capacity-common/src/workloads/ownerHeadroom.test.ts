import { ClusterInventory } from '../types';
import { domainSample1, domainSample2 } from '../testing/domainSamples';
import {
  INSTANCE_TYPES,
  makeEni,
  makeNode,
  makePod,
} from '../testing/builders';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeOwnerUsage } from './computeOwnerUsage';

const ID = 'backstage.io/kubernetes-id';

/**
 * Sample 1's node b alone (m5.large, Auto Mode, allocatable 110, one /28
 * .71.80/28): checkout's 3 pods, cart's 2 more in the same prefix, and 2
 * hostNetwork daemons — 7 pods against the limit, so 103 more fit; IPs
 * are plentiful (11 idle in the prefix, 26 free slots, hundreds of free
 * /28s), the pod limit is the wall.
 */
function oneNode(): ClusterInventory {
  const sample = domainSample1();
  const b = 'i-bbbbbbbbbbbbbbbbb';
  const inventory: ClusterInventory = {
    ...sample,
    nodes: sample.nodes.filter(n => n.name === b),
    instances: sample.instances.filter(i => i.instanceId === b),
    pods: sample.pods.filter(p => p.nodeName === b),
  };
  for (const pod of inventory.pods) pod.labels = { [ID]: 'checkout' };
  inventory.pods.push(
    makePod('cart-1', b, ['192.168.71.83'], { labels: { [ID]: 'cart' } }),
    makePod('cart-2', b, ['192.168.71.84'], { labels: { [ID]: 'cart' } }),
    makePod('aws-node', b, ['192.168.81.38'], { hostNetwork: true }),
    makePod('kube-proxy', b, ['192.168.81.38'], { hostNetwork: true }),
  );
  return inventory;
}

describe('ownerHeadroom (through computeOwnerUsage)', () => {
  it('gives a team with two services on one node 103 more replicas, shared, not 206', () => {
    const inventory = oneNode();
    const capacity = computeClusterCapacity(inventory);
    expect(capacity.totals.headroomPods).toBe(103);
    const team = computeOwnerUsage(
      'group:default/shop',
      [
        { entityRef: 'component:default/checkout', kubernetesId: 'checkout' },
        { entityRef: 'component:default/cart', kubernetesId: 'cart' },
      ],
      [{ capacity, pods: inventory.pods }],
    );
    // Each service alone could take the node's 103: per entity that stays.
    expect(team.entities.map(e => e.headroom.replicas)).toEqual([103, 103]);
    // The team: up to 103, shared between the two.
    expect(team.headroomReplicas).toBe(103);
    expect(team.headroom.pools).toEqual([
      {
        cluster: 'sample-1-auto-mode',
        nodeGroups: ['general-purpose'],
        nodes: 1,
        replicas: 103,
        sharedBy: ['component:default/checkout', 'component:default/cart'],
        wall: 'pod-limit',
      },
    ]);
  });

  it('keeps pools apart when their node groups share no subnet, and adds them up', () => {
    // Sample 2: custom networking, one node group; put node e in its own
    // group. Its pods come from 100.64.64.0/19, node a's from
    // 100.64.32.0/19: no subnet in common, so two pools.
    const inventory = domainSample2();
    inventory.nodes[1].labels = { 'eks.amazonaws.com/nodegroup': 'workers' };
    for (const pod of inventory.pods)
      pod.labels = { [ID]: pod.name.startsWith('api') ? 'api' : 'worker' };
    const capacity = computeClusterCapacity(inventory);
    const team = computeOwnerUsage(
      'group:default/platform',
      [{ kubernetesId: 'api' }, { kubernetesId: 'worker' }],
      [{ capacity, pods: inventory.pods }],
    );
    // Pod limit room: 110 − 3 on node a, 110 − 2 on node e.
    expect(
      team.headroom.pools.map(p => [p.nodeGroups, p.replicas, p.sharedBy]),
    ).toEqual([
      [['custom-networking'], 107, ['kubernetes-id:api']],
      [['workers'], 108, ['kubernetes-id:worker']],
    ]);
    expect(team.headroomReplicas).toBe(107 + 108);
    expect(team.headroomReplicas).toBe(capacity.totals.headroomPods);
  });

  it("never says more than the cluster's headroom, even where the cluster's order gives the last free /28 to another node", () => {
    // 10.0.0.0/25, one free /28 left (.96). Node i-a (group batch) is one
    // pod short of its limit (allocatable 17, 16 pods) with no idle IP:
    // that one pod takes a whole new prefix. Node i-b (group web) has room
    // for 94 pods but no idle IP either. The cluster, node by node in name
    // order, gives the free block to i-a: 1 more pod in all. i-b alone
    // would get the block's 16 addresses — more than the cluster's figure,
    // so the team on i-b is capped at the cluster's 1.
    const full = (prefix: number) =>
      Array.from({ length: 16 }, (_, i) => `10.0.0.${prefix + i}`);
    const inventory: ClusterInventory = {
      cluster: 'last-block',
      nodes: [
        makeNode(
          'i-a',
          'm5.large',
          { 'eks.amazonaws.com/nodegroup': 'batch' },
          { allocatablePods: 17 },
        ),
        makeNode(
          'i-b',
          'm5.large',
          { 'eks.amazonaws.com/nodegroup': 'web' },
          { allocatablePods: 110 },
        ),
      ],
      pods: [
        ...full(16).map((ip, i) => makePod(`batch-${i}`, 'i-a', [ip])),
        ...full(48).map((ip, i) =>
          makePod(`web-${i}`, 'i-b', [ip], { labels: { [ID]: 'web' } }),
        ),
      ],
      instances: [
        {
          instanceId: 'i-a',
          instanceType: 'm5.large',
          networkInterfaces: [
            makeEni('eni-a', 'subnet-x', '10.0.0.10', {
              instanceId: 'i-a',
              ipv4Prefixes: ['10.0.0.16/28'],
            }),
          ],
        },
        {
          instanceId: 'i-b',
          instanceType: 'm5.large',
          networkInterfaces: [
            makeEni('eni-b', 'subnet-x', '10.0.0.37', {
              instanceId: 'i-b',
              ipv4Prefixes: ['10.0.0.48/28'],
            }),
          ],
        },
      ],
      subnets: [
        // 128 − 5 − 2 primaries − 2 other ENIs − 32 = 87
        {
          subnetId: 'subnet-x',
          cidr: '10.0.0.0/25',
          availableIpAddressCount: 87,
          cidrReservations: [],
        },
      ],
      otherNetworkInterfaces: [
        makeEni('eni-x1', 'subnet-x', '10.0.0.69', {}),
        makeEni('eni-x2', 'subnet-x', '10.0.0.85', {}),
      ],
      instanceTypes: [INSTANCE_TYPES['m5.large']],
    };
    const capacity = computeClusterCapacity(inventory);
    expect(capacity.subnets[0].blockMap).toBe('raxaxx.r');
    expect(capacity.totals.headroomPods).toBe(1);
    const sources = [{ capacity, pods: inventory.pods }];
    const team = computeOwnerUsage(
      'group:default/web',
      [{ kubernetesId: 'web' }],
      sources,
    );
    // The entity's own figure stays as it was computed: 16.
    expect(team.entities[0].headroom.replicas).toBe(16);
    expect(team.headroomReplicas).toBe(1);
    expect(team.headroom.pools[0].replicas).toBe(1);
  });
});
