import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { INSTANCE_TYPES } from '../testing/builders';
import { karpenterScenario } from './__fixtures__/karpenterScenario';
import { buildCluster } from './__fixtures__/buildCluster';
import { whatIfRotateNodeGroup } from './whatIfRotateNodeGroup';

const instanceTypes = [INSTANCE_TYPES['m5.large']];

describe('whatIfRotateNodeGroup (how-pod-ips-are-counted.md §7)', () => {
  it('needs, per new node, its address and first prefix before the old node drains', () => {
    // a-0's replacement lands in subnet-a1: 1 + 16 = 17 addresses, one
    // /28 (WARM_PREFIX_TARGET=1 with no pods yet). b-0's and b-1's land in
    // subnet-b1 (most free IPs of us-west-2b): each gets its address, not
    // its prefix.
    const { inventory, provisioning } = karpenterScenario();
    const rotation = whatIfRotateNodeGroup(
      computeClusterCapacity(inventory),
      'general-purpose',
      { provisioning, instanceTypes },
    );
    expect(rotation).toEqual({
      nodeGroup: 'general-purpose',
      nodes: 3,
      concurrent: 3,
      newNodes: [
        {
          replaces: 'a-0',
          zone: 'us-west-2a',
          nodeSubnetId: 'subnet-a1',
          podSubnetId: 'subnet-a1',
          addresses: 17,
          prefixes: 1,
        },
        {
          replaces: 'b-0',
          zone: 'us-west-2b',
          nodeSubnetId: 'subnet-b1',
          podSubnetId: 'subnet-b1',
          addresses: 1,
          prefixes: 0,
          failure: 'InsufficientCidrBlocks',
        },
        {
          replaces: 'b-1',
          zone: 'us-west-2b',
          nodeSubnetId: 'subnet-b1',
          podSubnetId: 'subnet-b1',
          addresses: 1,
          prefixes: 0,
          failure: 'InsufficientCidrBlocks',
        },
      ],
      fits: false,
      firstFailure: {
        reason: 'InsufficientCidrBlocks',
        nodeGroup: 'general-purpose',
        zone: 'us-west-2b',
        subnetId: 'subnet-b1',
        at: 2,
      },
      subnets: [
        {
          subnetId: 'subnet-b1',
          availabilityZone: 'us-west-2b',
          freePrefixBlocks: { before: 0, after: 0 },
          available: { before: 1856, after: 1854 },
        },
        {
          subnetId: 'subnet-a1',
          availabilityZone: 'us-west-2a',
          freePrefixBlocks: { before: 59, after: 58 },
          available: { before: 986, after: 969 },
        },
      ],
    });
    // One at a time, only a-0's replacement is up before a-0 drains.
    const one = whatIfRotateNodeGroup(
      computeClusterCapacity(inventory),
      'general-purpose',
      { provisioning, instanceTypes },
      { concurrent: 1 },
    );
    expect(one).toMatchObject({
      concurrent: 1,
      fits: true,
      firstFailure: null,
    });
  });

  it('counts the free /28 blocks down as each new node takes one', () => {
    // The class names one new subnet in us-west-2b with a single free /28
    // left (Lambda addresses in the other blocks): b-0's replacement takes
    // it, b-1's finds none.
    const base = karpenterScenario();
    const withTight = buildCluster(
      'karpenter',
      [
        {
          id: 'subnet-b1',
          cidr: '10.20.0.0/21',
          zone: 'us-west-2b',
          keepFreeBlocks: 0,
        },
        {
          id: 'subnet-b3',
          cidr: '10.20.12.0/24',
          zone: 'us-west-2b',
          keepFreeBlocks: 1,
        },
      ],
      ['b-0', 'b-1'].map(name => ({
        name,
        group: 'general-purpose',
        groupLabel: 'karpenter.sh/nodepool',
        zone: 'us-west-2b',
        subnetId: 'subnet-b1',
        mode: 'prefix' as const,
        pods: 16,
      })),
    );
    const provisioning = {
      ...base.provisioning,
      ec2NodeClasses: [
        { name: 'default', subnets: [{ id: 'subnet-b3', zone: 'us-west-2b' }] },
      ],
    };
    const rotation = whatIfRotateNodeGroup(
      computeClusterCapacity(withTight),
      'general-purpose',
      { provisioning, instanceTypes },
    );
    expect(
      rotation.newNodes.map(n => [
        n.replaces,
        n.nodeSubnetId,
        n.prefixes,
        n.failure ?? null,
      ]),
    ).toEqual([
      ['b-0', 'subnet-b3', 1, null],
      ['b-1', 'subnet-b3', 0, 'InsufficientCidrBlocks'],
    ]);
    // 251 usable − 13 Lambda addresses (blocks 1–13) = 238 free, 1 /28;
    // then 17 for b-0's replacement and 1 for b-1's.
    expect(rotation.subnets).toEqual([
      {
        subnetId: 'subnet-b3',
        availabilityZone: 'us-west-2b',
        freePrefixBlocks: { before: 1, after: 0 },
        available: { before: 238, after: 220 },
      },
    ]);
  });

  it('needs the warm IPs of a secondary-IP node, IP by IP', () => {
    // Two secondary-IP m5.large nodes; EC2 counts 15 free IPs in their
    // subnet (ENIs this snapshot does not see hold the rest). A new node
    // takes its address and WARM_ENI_TARGET=1's ENI of 9 IPs: 10. The
    // first fits (15 → 5); the second gets its address, then 4 < 9 IPs.
    const inventory = buildCluster(
      'legacy',
      [{ id: 'subnet-l', cidr: '10.40.0.0/24', zone: 'eu-west-1b' }],
      ['legacy-0', 'legacy-1'].map(name => ({
        name,
        group: 'legacy',
        zone: 'eu-west-1b',
        subnetId: 'subnet-l',
        mode: 'secondary-ip' as const,
        pods: 3,
      })),
    );
    inventory.subnets[0].availableIpAddressCount = 15;
    const rotation = whatIfRotateNodeGroup(
      computeClusterCapacity(inventory),
      'legacy',
      {
        instanceTypes,
      },
    );
    expect(
      rotation.newNodes.map(n => [n.replaces, n.addresses, n.failure ?? null]),
    ).toEqual([
      ['legacy-0', 10, null],
      ['legacy-1', 5, 'InsufficientFreeAddressesInSubnet'],
    ]);
    expect(rotation.firstFailure).toMatchObject({
      subnetId: 'subnet-l',
      at: 2,
    });
    expect(rotation.subnets[0].available).toEqual({ before: 15, after: 0 });
  });
});
