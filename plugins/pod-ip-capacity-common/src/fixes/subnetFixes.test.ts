import { ClusterInventory } from '../types';
import { INSTANCE_TYPES, makeEni, makeNode } from '../testing/builders';
import { domainSample1 } from '../testing/domainSamples';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { clusterFixes, subnetFixes } from './subnetFixes';
import {
  ProtectFreeRangesFix,
  ReplaceNodesFix,
  SecondaryCidrFix,
} from './types';

const GROUP = { 'eks.amazonaws.com/nodegroup': 'workers' };

/**
 * how-pod-ips-are-counted.md §5 worked example as a cluster: 10.0.0.0/25,
 * node A primary .10 + prefix .16/28, node B primary .37 + prefix .64/28,
 * a Lambda ENI at .85, an explicit reservation .96/28; 88 free addresses,
 * one free /28.
 */
function section5(): ClusterInventory {
  return {
    cluster: 'section-5',
    nodes: [
      makeNode('i-a', 'm5.large', GROUP, { zone: 'eu-west-1a' }),
      makeNode('i-b', 'm5.large', GROUP, { zone: 'eu-west-1a' }),
    ],
    pods: [],
    instances: ['a', 'b'].map((x, i) => ({
      instanceId: `i-${x}`,
      instanceType: 'm5.large',
      networkInterfaces: [
        makeEni(`eni-${x}`, 'subnet-frag', ['10.0.0.10', '10.0.0.37'][i], {
          instanceId: `i-${x}`,
          ipv4Prefixes: [['10.0.0.16/28', '10.0.0.64/28'][i]],
        }),
      ],
    })),
    subnets: [
      {
        subnetId: 'subnet-frag',
        cidr: '10.0.0.0/25',
        availableIpAddressCount: 88,
        availabilityZone: 'eu-west-1a',
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

describe('subnetFixes', () => {
  it('offers a fragmented subnet its free range to protect and the nodes to replace', () => {
    const inventory = section5();
    const capacity = computeClusterCapacity(inventory);
    const fixes = subnetFixes(capacity, inventory, 'subnet-frag')!;
    expect(fixes.status).toBe('fragmented');
    expect(fixes.fixes.map(f => f.kind)).toEqual([
      'protect-free-ranges',
      'replace-fragmenting-nodes',
    ]);
    const [protect, replace] = fixes.fixes as [
      ProtectFreeRangesFix,
      ReplaceNodesFix,
    ];
    // The one free block of the §5 example.
    expect(protect.ranges.map(r => r.command)).toEqual([
      'aws ec2 create-subnet-cidr-reservation --subnet-id subnet-frag --cidr 10.0.0.48/28 --reservation-type prefix',
    ]);
    // B frees .32 (its primary .37 is alone there) and its prefix .64; A
    // only its prefix .16 (its primary .10 is in the reserved block .0).
    expect(replace.nodes.map(n => [n.nodeName, n.blocksFreed])).toEqual([
      ['i-b', 2],
      ['i-a', 1],
    ]);
  });

  it('offers a nearly full subnet a secondary VPC CIDR, and its largest free ranges', () => {
    const inventory = domainSample1();
    // As if unseen occupants held all but 500 of 192.168.64.0/19's 8,187
    // usable addresses: below a tenth left → low.
    inventory.subnets[1].availableIpAddressCount = 500;
    const capacity = computeClusterCapacity(inventory);
    const fixes = subnetFixes(capacity, inventory, 'subnet-0sample1a', {
      vpcId: 'vpc-1',
      vpcCidrBlocks: ['192.168.0.0/16'],
    })!;
    expect(fixes.status).toBe('low');
    expect(fixes.fixes.map(f => f.kind)).toEqual([
      'add-secondary-vpc-cidr',
      'protect-free-ranges',
    ]);
    const [plan, protect] = fixes.fixes as [
      SecondaryCidrFix,
      ProtectFreeRangesFix,
    ];
    // Sample 1's nodes are in two zones → a /16 in two /17s; they run in
    // Auto Mode → a NodeClass pod subnet selector, not ENIConfigs.
    expect(plan.vpcCidr).toBe('100.64.0.0/16');
    expect(plan.subnets.map(s => [s.availabilityZone, s.cidr])).toEqual([
      ['eu-west-1a', '100.64.0.0/17'],
      ['eu-west-1c', '100.64.128.0/17'],
    ]);
    expect(plan.networking).toBe('auto-mode');
    expect(plan.nodeClassSnippet).toContain(
      'Name: "sample-1-auto-mode-pods-eu-west-1a"',
    );
    // The /19's 512 blocks hold: reserved 0 and 511; node c's primary
    // .71.108 (block 118) and b's .81.38 (274); prefixes .71.80 (117) and
    // .85.160 (346). Free of all of them: blocks 128–255 (.72.0/21),
    // 384–447 (.88.0/22), then the /23s 32–63 (.66.0), 64–95 (.68.0),
    // 288–319 (.82.0) — and two more /23s beyond the first five.
    expect(protect.ranges.map(r => r.cidr)).toEqual([
      '192.168.72.0/21',
      '192.168.88.0/22',
      '192.168.66.0/23',
      '192.168.68.0/23',
      '192.168.82.0/23',
    ]);
  });

  it('offers nothing for a healthy subnet, and clusterFixes lists only at-risk subnets', () => {
    const inventory = domainSample1();
    const capacity = computeClusterCapacity(inventory);
    expect(subnetFixes(capacity, inventory, 'subnet-0sample1a')?.fixes).toEqual(
      [],
    );
    expect(clusterFixes(capacity, inventory)).toEqual([]);
    const fragmented = section5();
    expect(
      clusterFixes(computeClusterCapacity(fragmented), fragmented).map(
        f => f.subnetId,
      ),
    ).toEqual(['subnet-frag']);
  });
});
