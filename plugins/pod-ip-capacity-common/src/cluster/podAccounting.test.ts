import { ClusterInventory } from '../types';
import {
  INSTANCE_TYPES,
  makeEni,
  makeNode,
  makePod,
} from '../testing/builders';
import { computeClusterCapacity } from './computeClusterCapacity';

/**
 * A secondary-IP mode t3.medium (3 ENIs × 6 IPv4 → 5 pod IPs per ENI,
 * max pods 3 × 5 + 2 = 17) in 10.1.0.0/24, with every kind of pod:
 * running, hostNetwork daemons, completed with stale IPs, pending without
 * an IP, and one with a security-group-for-pods branch ENI.
 */
function secondaryIpCluster(allocatablePods: number): ClusterInventory {
  const node = 'i-sec1';
  return {
    cluster: 'secondary',
    nodes: [
      makeNode(
        node,
        't3.medium',
        { 'eks.amazonaws.com/nodegroup': 'small' },
        { allocatablePods },
      ),
    ],
    pods: [
      makePod('p1', node, ['10.1.0.11']),
      makePod('p2', node, ['10.1.0.12']),
      makePod('p3', node, ['10.1.0.21']),
      makePod('aws-node', node, ['10.1.0.10'], { hostNetwork: true }),
      makePod('kube-proxy', node, ['10.1.0.10'], { hostNetwork: true }),
      // Completed: their IPs were released but status.podIP still shows them.
      makePod('job-done', node, ['10.1.0.13'], { phase: 'Succeeded' }),
      makePod('job-failed', node, ['10.1.0.14'], { phase: 'Failed' }),
      makePod('starting', node, [], { phase: 'Pending' }),
      makePod('sgp', node, ['10.1.0.50'], {
        annotations: {
          'vpc.amazonaws.com/pod-eni': '[{"eniId":"eni-branch"}]',
        },
      }),
    ],
    instances: [
      {
        instanceId: node,
        instanceType: 't3.medium',
        networkInterfaces: [
          makeEni('eni-0', 'subnet-sec', '10.1.0.10', {
            instanceId: node,
            secondaryIps: [
              '10.1.0.11',
              '10.1.0.12',
              '10.1.0.13',
              '10.1.0.14',
              '10.1.0.15',
            ],
          }),
          makeEni('eni-1', 'subnet-sec', '10.1.0.20', {
            instanceId: node,
            deviceIndex: 1,
            secondaryIps: ['10.1.0.21', '10.1.0.22'],
          }),
        ],
      },
    ],
    subnets: [
      {
        subnetId: 'subnet-sec',
        cidr: '10.1.0.0/24',
        // 251 − (1 + 5) − (1 + 2) − 1 branch ENI = 241
        availableIpAddressCount: 241,
        cidrReservations: [],
      },
    ],
    otherNetworkInterfaces: [
      makeEni('eni-branch', 'subnet-sec', '10.1.0.50', {
        interfaceType: 'branch',
      }),
    ],
    instanceTypes: [INSTANCE_TYPES['t3.medium']],
  };
}

describe('pod accounting', () => {
  it('counts each kind of pod once, and only where it belongs', () => {
    const capacity = computeClusterCapacity(secondaryIpCluster(17));
    const [node] = capacity.nodes;
    expect(node.pods).toEqual({
      // p1 p2 p3, two daemons, the pending pod and the branch-ENI pod
      total: 7,
      // p1 p2 p3 and the branch-ENI pod
      withVpcIp: 4,
      hostNetwork: 2,
      pendingWithoutIp: 1,
      completedWithStaleIp: 2,
      unattributed: 1,
    });
    // The stale IPs .13 and .14 are not counted as used.
    expect(
      node.networkInterfaces.map(e => [
        e.mode,
        e.total,
        e.assigned,
        e.available,
      ]),
    ).toEqual([
      ['secondary-ip', 5, 2, 3],
      ['secondary-ip', 2, 1, 1],
    ]);
    expect(node.networkInterfaces[0].secondaryIps.podIps).toEqual([
      '10.1.0.11',
      '10.1.0.12',
    ]);
    expect(node.ips).toEqual({ held: 7, used: 3, idle: 4 });
    expect(node.mode).toBe('secondary-ip');
    expect(capacity.totals).toMatchObject({
      pods: 7,
      podsWithVpcIp: 4,
      hostNetworkPods: 2,
      pendingPodsWithoutIp: 1,
      completedPodsWithStaleIp: 2,
      unattributedPods: 1,
    });
  });

  it('reports a branch-ENI pod as unattributed, never drops it, and counts it on its subnet', () => {
    const capacity = computeClusterCapacity(secondaryIpCluster(17));
    expect(capacity.unattributedPods).toEqual([
      {
        namespace: 'default',
        name: 'sgp',
        nodeName: 'i-sec1',
        podIp: '10.1.0.50',
        reason: 'branch-eni',
        networkInterfaceId: 'eni-branch',
        subnetId: 'subnet-sec',
      },
    ]);
    // .11 .12 .21 attributed, plus the branch ENI pod
    expect(capacity.subnets[0].podIps).toBe(4);
    expect(capacity.subnets[0].holders.foreignAddressesByType).toEqual({
      branch: 1,
    });
  });

  it('stops at the pod limit, counting hostNetwork and pending pods against it', () => {
    const [node] = computeClusterCapacity(secondaryIpCluster(17)).nodes;
    expect(node.limits).toEqual({
      allocatable: 17,
      secondaryIp: 17,
      // (3 − 1) × 5 + 2
      customNetworking: 12,
      // 3 × 5 × 16 + 2 = 242 → 110
      prefix: 110,
      effective: 17,
    });
    // 17 − 7 pods on the node = 10. IPs: 4 idle − 1 for the pending pod = 3,
    // + free slots: 0 on eni-0, 3 on eni-1, 5 on a third ENI = 8 → 11.
    expect(node.headroom).toEqual({
      pods: 10,
      podLimitRoom: 10,
      ipRoom: 11,
      fromIdleIps: 3,
      attachablePrefixes: 0,
      attachableSecondaryIps: 8,
      freeAddressSlots: 8,
      wall: 'pod-limit',
    });
  });

  it('stops at the instance IP wall when max pods was set above what the ENIs allow', () => {
    // allocatable 29 (say, copied from an m5.large): 22 pod slots, but
    // still only 11 more IPs on a t3.medium.
    const [node] = computeClusterCapacity(secondaryIpCluster(29)).nodes;
    expect(node.headroom.pods).toBe(11);
    expect(node.headroom.wall).toBe('instance-ips');
  });

  it('falls back to the ENI-derived limit of the mode when allocatable is unknown', () => {
    const inventory = secondaryIpCluster(17);
    delete inventory.nodes[0].allocatablePods;
    const [node] = computeClusterCapacity(inventory).nodes;
    expect(node.limits.effective).toBe(17);
    expect(node.headroom.podLimitRoom).toBe(10);
  });

  it('reports pods on Fargate and on another node as unattributed, with why', () => {
    const inventory = secondaryIpCluster(17);
    inventory.nodes.push(
      makeNode(
        'fargate-ip-10-1-0-60',
        'unknown',
        { 'eks.amazonaws.com/compute-type': 'fargate' },
        {
          instanceId: undefined,
        },
      ),
    );
    inventory.otherNetworkInterfaces.push(
      makeEni('eni-fargate', 'subnet-sec', '10.1.0.60', {
        interfaceType: 'fargate',
      }),
    );
    inventory.pods.push(
      makePod('on-fargate', 'fargate-ip-10-1-0-60', ['10.1.0.60']),
      // The scheduler says node X, but the IP is a secondary IP of i-sec1's
      // eni-1 (say, a stale pod list): report it, do not credit i-sec1.
      makePod('elsewhere', 'fargate-ip-10-1-0-60', ['10.1.0.22']),
      // Nobody holds 10.9.9.9.
      makePod('lost', 'i-sec1', ['10.9.9.9']),
    );
    const capacity = computeClusterCapacity(inventory);
    const reasons = Object.fromEntries(
      capacity.unattributedPods.map(p => [
        p.name,
        [p.reason, p.networkInterfaceId],
      ]),
    );
    expect(reasons).toEqual({
      sgp: ['branch-eni', 'eni-branch'],
      'on-fargate': ['fargate', 'eni-fargate'],
      elsewhere: ['fargate', 'eni-1'],
      lost: ['unknown', undefined],
    });
    const fargate = capacity.nodes.find(n => n.name.startsWith('fargate'))!;
    expect(fargate.mode).toBe('fargate');
    expect(fargate.limits.effective).toBe(1);
    expect(capacity.nodes.find(n => n.name === 'i-sec1')!.ips.used).toBe(3);
  });
});

/**
 * how-pod-ips-are-counted.md §5's fragmented /25 with two m5.large prefix-mode nodes: node
 * A's prefix .16/28 is full (16 pods), node B's .64/28 is empty. The
 * subnet has 88 free addresses but a single free /28 (.48).
 */
function fragmentedPrefixCluster(
  labels: Record<string, string>,
): ClusterInventory {
  const podsOnA = Array.from({ length: 16 }, (_, i) =>
    makePod(`a-${i}`, 'i-a', [`10.0.0.${16 + i}`]),
  );
  return {
    cluster: 'fragmented',
    nodes: [
      makeNode('i-a', 'm5.large', labels, { allocatablePods: 110 }),
      makeNode('i-b', 'm5.large', labels, { allocatablePods: 110 }),
    ],
    pods: podsOnA,
    instances: [
      {
        instanceId: 'i-a',
        instanceType: 'm5.large',
        networkInterfaces: [
          makeEni('eni-a', 'subnet-frag', '10.0.0.10', {
            instanceId: 'i-a',
            ipv4Prefixes: ['10.0.0.16/28'],
          }),
        ],
      },
      {
        instanceId: 'i-b',
        instanceType: 'm5.large',
        networkInterfaces: [
          makeEni('eni-b', 'subnet-frag', '10.0.0.37', {
            instanceId: 'i-b',
            ipv4Prefixes: ['10.0.0.64/28'],
          }),
        ],
      },
    ],
    subnets: [
      {
        subnetId: 'subnet-frag',
        cidr: '10.0.0.0/25',
        availableIpAddressCount: 88,
        cidrReservations: [
          { cidr: '10.0.0.96/28', reservationType: 'explicit' },
        ],
      },
    ],
    otherNetworkInterfaces: [
      makeEni('eni-lambda', 'subnet-frag', '10.0.0.85', {
        interfaceType: 'lambda',
      }),
    ],
    instanceTypes: [INSTANCE_TYPES['m5.large']],
  };
}

describe('headroom against a fragmented subnet', () => {
  it('stops prefix-mode nodes at the subnet wall, however many free IPs it shows', () => {
    const capacity = computeClusterCapacity(
      fragmentedPrefixCluster({ 'eks.amazonaws.com/nodegroup': 'ng' }),
    );
    const [a, b] = capacity.nodes;
    expect(a.mode).toBe('prefix');
    // A: 0 idle; 26 free slots but 1 free /28 → 16 more pods, not 94.
    expect(a.headroom).toMatchObject({
      pods: 16,
      podLimitRoom: 94,
      fromIdleIps: 0,
      attachablePrefixes: 1,
      wall: 'subnet',
    });
    // B alone: 16 idle + the same free /28.
    expect(b.headroom).toMatchObject({
      pods: 32,
      fromIdleIps: 16,
      attachablePrefixes: 1,
    });
    // Together they share the one free /28: A takes it (16), B keeps its 16 idle.
    expect(capacity.totals.headroomPods).toBe(32);
    expect(capacity.nodeGroups[0].headroomPods).toBe(32);
    expect(capacity.subnets[0].status).toBe('fragmented');
    expect(capacity.atRisk).toBe(true);
    expect(capacity.totals.atRiskSubnets).toBe(1);
  });

  it('lets Auto Mode fall back to single IPs once the subnet has no free /28', () => {
    const capacity = computeClusterCapacity(
      fragmentedPrefixCluster({ 'eks.amazonaws.com/compute-type': 'auto' }),
    );
    const [a] = capacity.nodes;
    expect(a.mode).toBe('auto-mode');
    // 1 prefix (16) + the 25 remaining slots as /32s out of 88 − 16 = 72 free.
    expect(a.headroom).toMatchObject({
      pods: 41,
      attachablePrefixes: 1,
      attachableSecondaryIps: 25,
      wall: 'instance-ips',
    });
  });
});

describe('IPv6 clusters', () => {
  function ipv6Cluster(): ClusterInventory {
    return {
      cluster: 'v6',
      nodes: [makeNode('i-v6', 'm5.large', {}, { allocatablePods: 110 })],
      pods: [
        makePod('a', 'i-v6', ['2600:1f14:abc:de00:1::1']),
        makePod('b', 'i-v6', ['2600:1f14:abc:de00:1::2']),
        makePod('ds', 'i-v6', ['10.2.0.10'], { hostNetwork: true }),
      ],
      instances: [
        {
          instanceId: 'i-v6',
          instanceType: 'm5.large',
          networkInterfaces: [
            makeEni('eni-v6', 'subnet-v6', '10.2.0.10', {
              instanceId: 'i-v6',
              ipv6Prefixes: ['2600:1f14:abc:de00:1::/80'],
            }),
          ],
        },
      ],
      // The subnet's IPv4 is exhausted: irrelevant for IPv6 pods.
      subnets: [
        {
          subnetId: 'subnet-v6',
          cidr: '10.2.0.0/28',
          availableIpAddressCount: 0,
          cidrReservations: [],
        },
      ],
      otherNetworkInterfaces: [],
      instanceTypes: [INSTANCE_TYPES['m5.large']],
    };
  }

  it('never raises IPv4 exhaustion, but still applies pod density', () => {
    const capacity = computeClusterCapacity(ipv6Cluster());
    expect(capacity.ipFamily).toBe('ipv6');
    expect(capacity.atRisk).toBe(false);
    expect(capacity.subnets[0]).toMatchObject({ status: 'ok', atRisk: false });
    const [node] = capacity.nodes;
    expect(node.mode).toBe('ipv6');
    expect(node.pods).toMatchObject({
      total: 3,
      withVpcIp: 2,
      unattributed: 0,
    });
    expect(capacity.unattributedPods).toEqual([]);
    // 110 − 3 pods; no IPv4 wall
    expect(node.headroom).toMatchObject({ pods: 107, wall: 'pod-limit' });
    expect(node.networkInterfaces[0].ipv6Prefixes).toEqual([
      '2600:1f14:abc:de00:1::/80',
    ]);
  });

  it('takes the family from the inventory when it says so', () => {
    const inventory = { ...ipv6Cluster(), pods: [], ipFamily: 'ipv4' as const };
    expect(computeClusterCapacity(inventory).ipFamily).toBe('ipv4');
    expect(
      computeClusterCapacity({ ...ipv6Cluster(), pods: [] }).ipFamily,
    ).toBe('ipv6');
  });
});
