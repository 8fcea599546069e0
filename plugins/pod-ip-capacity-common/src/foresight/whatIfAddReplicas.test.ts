import { ClusterInventory } from '../types';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeWorkloadUsage } from '../workloads/computeWorkloadUsage';
import { INSTANCE_TYPES } from '../testing/builders';
import { karpenterScenario } from './__fixtures__/karpenterScenario';
import { buildCluster } from './__fixtures__/buildCluster';
import { whatIfAddReplicas } from './whatIfAddReplicas';

const instanceTypes = [INSTANCE_TYPES['m5.large']];

function workloadOf(inventory: ClusterInventory, kubernetesId: string) {
  const capacity = computeClusterCapacity(inventory);
  const workload = computeWorkloadUsage([{ capacity, pods: inventory.pods }], {
    kubernetesId,
  });
  return { capacity, workload };
}

/*
 * The Karpenter scenario: 16 replicas on each of a-0 (subnet-a1, 59 free
 * /28), b-0 and b-1 (subnet-b1, no free /28). Each node holds 2 prefixes:
 * 16 addresses idle. m5.large at 110 pods with 16 + 2 daemons: room for 92
 * more under the pod limit on each node.
 */
describe('whatIfAddReplicas (how-pod-ips-are-counted.md §7)', () => {
  it('places replicas on current nodes, taking prefixes from their subnets', () => {
    // a-0 takes all 40: 16 on idle addresses, 24 on ⌈24/16⌉ = 2 new
    // prefixes: subnet-a1 goes from 59 to 57 free /28 and 986 to 954 IPs.
    const { inventory, provisioning } = karpenterScenario();
    const { capacity, workload } = workloadOf(inventory, 'general-purpose-app');
    const result = whatIfAddReplicas(capacity, workload, 40, {
      provisioning,
      instanceTypes,
    });
    expect(result).toMatchObject({
      requested: 40,
      placed: 40,
      onCurrentNodes: 40,
      newNodes: [],
      newNodesNeeded: 0,
      firstFailure: null,
      subnets: [
        {
          subnetId: 'subnet-a1',
          freePrefixBlocks: { before: 59, after: 57 },
          available: { before: 986, after: 954 },
        },
      ],
    });
    // But b-0 and b-1 admit 92 more pods each and have IPs for 16 (their
    // idle addresses): a replica the scheduler sends there beyond those gets
    // no IP, its node's next prefix failing with InsufficientCidrBlocks.
    expect(result.ipStarvedNodes).toEqual([
      {
        nodeName: 'b-0',
        podsWithoutIps: 76,
        reason: 'InsufficientCidrBlocks',
        subnetId: 'subnet-b1',
      },
      {
        nodeName: 'b-1',
        podsWithoutIps: 76,
        reason: 'InsufficientCidrBlocks',
        subnetId: 'subnet-b1',
      },
    ]);
  });

  it('fails where the scheduler puts a replica on a node with pod room but no IPs', () => {
    // 150: a-0 to its pod limit (92: 16 idle + ⌈76/16⌉ = 5 prefixes, 80
    // addresses), b-0 and b-1 16 each on idle addresses: 124. Replica 125
    // goes to b-0, which still has pod room, and waits for an IP there:
    // no node is launched for it.
    const { inventory, provisioning } = karpenterScenario();
    const { capacity, workload } = workloadOf(inventory, 'general-purpose-app');
    const result = whatIfAddReplicas(capacity, workload, 150, {
      provisioning,
      instanceTypes,
    });
    expect(result).toMatchObject({
      placed: 124,
      onCurrentNodes: 124,
      newNodes: [],
      firstFailure: {
        reason: 'InsufficientCidrBlocks',
        nodeName: 'b-0',
        nodeGroup: 'general-purpose',
        zone: 'us-west-2b',
        subnetId: 'subnet-b1',
        at: 125,
      },
      subnets: [
        {
          subnetId: 'subnet-a1',
          freePrefixBlocks: { before: 59, after: 54 },
          available: { before: 986, after: 906 },
        },
      ],
    });
  });

  it('launches new nodes for the rest, landing by the pool rule, and finds the first failing one', () => {
    // Every node at its pod limit (allocatable 18 = 16 + 2 daemons): new
    // nodes take 18 − 2 = 16 replicas each, round-robin over us-west-2a
    // and us-west-2b. The first lands in subnet-a1 (its address, 2 prefixes
    // for 16 pods + 1 warm: 33 addresses). The second in subnet-b1, most
    // free IPs of us-west-2b: its address comes, its first prefix does not.
    // Replica 17 fails with InsufficientCidrBlocks; 40 would take 3 nodes.
    const { inventory, provisioning } = karpenterScenario();
    for (const node of inventory.nodes) node.allocatablePods = 18;
    const { capacity, workload } = workloadOf(inventory, 'general-purpose-app');
    const result = whatIfAddReplicas(capacity, workload, 40, {
      provisioning,
      instanceTypes,
    });
    expect(result).toEqual({
      requested: 40,
      placed: 16,
      onCurrentNodes: 0,
      currentNodesWall: 'pod-limit',
      ipStarvedNodes: [],
      newNodes: [
        {
          nodeGroup: 'general-purpose',
          zone: 'us-west-2a',
          nodeSubnetId: 'subnet-a1',
          podSubnetId: 'subnet-a1',
          nodes: 1,
          replicas: 16,
        },
        {
          nodeGroup: 'general-purpose',
          zone: 'us-west-2b',
          nodeSubnetId: 'subnet-b1',
          podSubnetId: 'subnet-b1',
          nodes: 1,
          replicas: 0,
        },
      ],
      newNodesNeeded: 3,
      newNodesCapped: false,
      firstFailure: {
        reason: 'InsufficientCidrBlocks',
        nodeGroup: 'general-purpose',
        zone: 'us-west-2b',
        subnetId: 'subnet-b1',
        at: 17,
      },
      subnets: [
        {
          subnetId: 'subnet-b1',
          availabilityZone: 'us-west-2b',
          freePrefixBlocks: { before: 0, after: 0 },
          available: { before: 1856, after: 1855 },
        },
        {
          subnetId: 'subnet-a1',
          availabilityZone: 'us-west-2a',
          freePrefixBlocks: { before: 59, after: 57 },
          available: { before: 986, after: 953 },
        },
      ],
      unplannedGroups: [],
    });
  });

  it('lands in a subnet that has /28 blocks when the class lists only those', () => {
    // The same, with subnet-b1 taken out of the class: us-west-2b's node
    // lands in subnet-b2 (251 IPs, 14 /28) and takes 33 addresses, 2 /28.
    // 40 replicas: 16 + 16 + 8 on three nodes (a, b, a again).
    const { inventory, provisioning } = karpenterScenario();
    for (const node of inventory.nodes) node.allocatablePods = 18;
    provisioning.ec2NodeClasses![0].subnets =
      provisioning.ec2NodeClasses![0].subnets.filter(s => s.id !== 'subnet-b1');
    const { capacity, workload } = workloadOf(inventory, 'general-purpose-app');
    const result = whatIfAddReplicas(capacity, workload, 40, {
      provisioning,
      instanceTypes,
    });
    expect(result.firstFailure).toBeNull();
    expect(result.placed).toBe(40);
    expect(
      result.newNodes.map(n => [n.zone, n.nodeSubnetId, n.nodes, n.replicas]),
    ).toEqual([
      ['us-west-2a', 'subnet-a1', 2, 24],
      ['us-west-2b', 'subnet-b2', 1, 16],
    ]);
    // The third node has 8 pods: ⌈8/16⌉ + 1 = 2 prefixes again.
    expect(result.subnets.find(s => s.subnetId === 'subnet-b2')).toMatchObject({
      freePrefixBlocks: { before: 14, after: 12 },
      available: { before: 251, after: 218 },
    });
    expect(result.subnets.find(s => s.subnetId === 'subnet-a1')).toMatchObject({
      freePrefixBlocks: { before: 59, after: 55 },
      available: { before: 986, after: 920 },
    });
  });

  it('stops at the pod limit when no node pool or group is known to add nodes', () => {
    // Nodes without a node group label, at their pod limit.
    const inventory = buildCluster(
      'unlabelled',
      [{ id: 'subnet-u', cidr: '10.50.0.0/24', zone: 'eu-west-1a' }],
      [
        {
          name: 'u-0',
          group: 'svc',
          groupLabel: 'team',
          zone: 'eu-west-1a',
          subnetId: 'subnet-u',
          mode: 'prefix',
          pods: 16,
          allocatablePods: 18,
        },
      ],
    );
    const { capacity, workload } = workloadOf(inventory, 'svc-app');
    const result = whatIfAddReplicas(capacity, workload, 3, { instanceTypes });
    expect(result).toMatchObject({
      placed: 0,
      firstFailure: { reason: 'pod-limit', at: 1 },
      unplannedGroups: [{ nodeGroup: '(none)', problem: 'no-landing' }],
    });
  });
});
