import { ClusterInventory } from '../types';
import {
  INSTANCE_TYPES,
  makeEni,
  makeNode,
  makePod,
} from '../testing/builders';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { replaceFragmentingNodes } from './replaceFragmentingNodes';

const GROUP = { 'eks.amazonaws.com/nodegroup': 'workers' };

/**
 * A /25 (8 blocks of 16) with two secondary-IP-mode nodes whose addresses
 * scatter over it, and one Lambda ENI:
 *
 * | block | addresses                          | held by          |
 * | ----- | ---------------------------------- | ---------------- |
 * | .0    | AWS-reserved .0–.3                 | reserved         |
 * | .16   | .20 (primary), .21, .22            | node A only      |
 * | .32   | .36 (primary), .37 of B; .40 of A  | nodes A and B    |
 * | .48   | .50, .51                           | node B only      |
 * | .64   | .70                                | node A only      |
 * | .80   | .90 of B; .93 the Lambda ENI       | B and Lambda     |
 * | .96   | —                                  | free             |
 * | .112  | broadcast .127                     | reserved         |
 *
 * 128 − 5 reserved − 5 (A) − 5 (B) − 1 (Lambda) = 112 free addresses but
 * 1 free /28: fragmented (how-pod-ips-are-counted.md §5).
 */
function scattered(): ClusterInventory {
  return {
    cluster: 'scattered',
    nodes: [
      makeNode('i-a', 'm5.large', GROUP, {
        zone: 'eu-west-1a',
        allocatablePods: 29,
      }),
      makeNode('i-b', 'm5.large', GROUP, {
        zone: 'eu-west-1a',
        allocatablePods: 29,
      }),
    ],
    pods: [
      makePod('a-1', 'i-a', ['10.0.0.21']),
      makePod('a-2', 'i-a', ['10.0.0.22']),
      makePod('b-1', 'i-b', ['10.0.0.37']),
      makePod('b-2', 'i-b', ['10.0.0.50']),
      makePod('b-3', 'i-b', ['10.0.0.51']),
    ],
    instances: [
      {
        instanceId: 'i-a',
        instanceType: 'm5.large',
        networkInterfaces: [
          makeEni('eni-a', 'subnet-s', '10.0.0.20', {
            instanceId: 'i-a',
            secondaryIps: ['10.0.0.21', '10.0.0.22', '10.0.0.40', '10.0.0.70'],
          }),
        ],
      },
      {
        instanceId: 'i-b',
        instanceType: 'm5.large',
        networkInterfaces: [
          makeEni('eni-b', 'subnet-s', '10.0.0.36', {
            instanceId: 'i-b',
            secondaryIps: ['10.0.0.37', '10.0.0.50', '10.0.0.51', '10.0.0.90'],
          }),
        ],
      },
    ],
    subnets: [
      {
        subnetId: 'subnet-s',
        cidr: '10.0.0.0/25',
        availableIpAddressCount: 112,
        availabilityZone: 'eu-west-1a',
        cidrReservations: [],
      },
    ],
    otherNetworkInterfaces: [
      makeEni('eni-lambda', 'subnet-s', '10.0.0.93', {
        interfaceType: 'lambda',
        description: 'AWS Lambda VPC ENI-orders',
      }),
    ],
    instanceTypes: [INSTANCE_TYPES['m5.large']],
  };
}

describe('replaceFragmentingNodes', () => {
  it('ranks the nodes by the /28 blocks that replacing each alone frees', () => {
    const inventory = scattered();
    const capacity = computeClusterCapacity(inventory);
    expect(capacity.subnets[0].blockMap).toBe('rxxxxx.r');
    expect(capacity.subnets[0].status).toBe('fragmented');

    const fix = replaceFragmentingNodes(capacity, inventory, 'subnet-s')!;
    // A alone holds every address of .16 and .64: 2 blocks. B alone holds
    // .48: 1 block. So A first, though both hold 5 addresses.
    expect(
      fix.nodes.map(n => [n.nodeName, n.blocksFreed, n.freedBlocks]),
    ).toEqual([
      ['i-a', 2, ['10.0.0.16/28', '10.0.0.64/28']],
      ['i-b', 1, ['10.0.0.48/28']],
    ]);
    expect(fix.nodes[0]).toEqual({
      nodeName: 'i-a',
      instanceId: 'i-a',
      nodeGroup: 'workers',
      mode: 'secondary-ip',
      blocksFreed: 2,
      fragmentedBlocksFreed: 2,
      prefixBlocksFreed: 0,
      freedBlocks: ['10.0.0.16/28', '10.0.0.64/28'],
      // .32 has B's .36/.37 too
      blocksSharedWithNodes: 1,
      blocksPinnedByOtherEnis: 0,
      addresses: 5,
      podsWithVpcIp: 2,
      // a managed node group: drain, then terminate through its ASG so it launches a new one
      commands: [
        'kubectl drain i-a --ignore-daemonsets --delete-emptydir-data',
        'aws autoscaling terminate-instance-in-auto-scaling-group --instance-id i-a --no-should-decrement-desired-capacity',
      ],
    });
    // B also shares .32 with A, and .80 with the Lambda ENI.
    expect(fix.nodes[1].blocksSharedWithNodes).toBe(1);
    expect(fix.nodes[1].blocksPinnedByOtherEnis).toBe(1);

    // .32 is freed only by replacing both; .80 by neither (the Lambda ENI).
    expect(fix.fragmentedBlocks).toBe(5);
    expect(fix.blocksFreedOnlyTogether).toBe(1);
    expect(fix.pinnedBlocks).toBe(1);
    expect(fix.pinningInterfaces).toEqual([
      {
        networkInterfaceId: 'eni-lambda',
        interfaceType: 'lambda',
        description: 'AWS Lambda VPC ENI-orders',
        blocks: 1,
      },
    ]);
    // 1 free now + 2 (A) + 1 (B) + 1 (A and B together) = 5 of the 6
    // non-reserved blocks; .80 stays fragmented.
    expect(fix.freeBlocksIfAllReplaced).toBe(5);
    expect(fix.notes.join(' ')).toContain('secondary-IP mode');
  });

  it("counts a prefix-mode node's prefixes as freed, but never a block the subnet reserves", () => {
    // how-pod-ips-are-counted.md §5 /25: A primary .10 (in the reserved
    // block .0) + prefix .16; B primary .37 + prefix .64; Lambda at .85;
    // explicit reservation .96/28.
    const inventory: ClusterInventory = {
      ...scattered(),
      pods: [],
      instances: [
        {
          instanceId: 'i-a',
          instanceType: 'm5.large',
          networkInterfaces: [
            makeEni('eni-a', 'subnet-s', '10.0.0.10', {
              instanceId: 'i-a',
              ipv4Prefixes: ['10.0.0.16/28'],
            }),
          ],
        },
        {
          instanceId: 'i-b',
          instanceType: 'm5.large',
          networkInterfaces: [
            makeEni('eni-b', 'subnet-s', '10.0.0.37', {
              instanceId: 'i-b',
              ipv4Prefixes: ['10.0.0.64/28'],
            }),
          ],
        },
      ],
      subnets: [
        {
          subnetId: 'subnet-s',
          cidr: '10.0.0.0/25',
          availableIpAddressCount: 88,
          cidrReservations: [
            { cidr: '10.0.0.96/28', reservationType: 'explicit' },
          ],
        },
      ],
      otherNetworkInterfaces: [
        makeEni('eni-lambda', 'subnet-s', '10.0.0.85', {
          interfaceType: 'lambda',
        }),
      ],
    };
    const capacity = computeClusterCapacity(inventory);
    expect(capacity.subnets[0].blockMap).toBe('rax.axur');
    const fix = replaceFragmentingNodes(capacity, inventory, 'subnet-s')!;
    // B: .32 (its primary alone) + its prefix .64 = 2. A: its prefix .16 =
    // 1; its primary sits in the reserved block .0, which never frees.
    expect(
      fix.nodes.map(n => [
        n.nodeName,
        n.fragmentedBlocksFreed,
        n.prefixBlocksFreed,
      ]),
    ).toEqual([
      ['i-b', 1, 1],
      ['i-a', 0, 1],
    ]);
    expect(fix.pinnedBlocks).toBe(1); // .80, the Lambda ENI
    // 1 free (.48) + 2 (B) + 1 (A): .96 stays unavailable, .80 fragmented.
    expect(fix.freeBlocksIfAllReplaced).toBe(4);
  });
});
