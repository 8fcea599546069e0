import { InventoryNetworkInterface, InventorySubnet } from '../types';
import {
  computeSubnetUsage,
  SubnetNetworkInterface,
} from './computeSubnetUsage';

const eni = (
  id: string,
  overrides: Partial<InventoryNetworkInterface>,
): InventoryNetworkInterface => ({
  networkInterfaceId: id,
  subnetId: 'subnet-frag',
  interfaceType: 'interface',
  secondaryIps: [],
  ipv4Prefixes: [],
  ipv6Prefixes: [],
  ...overrides,
});

// how-pod-ips-are-counted.md §5 worked example: 10.0.0.0/25 (8 blocks of 16).
// ENI A primary .10 + prefix .16/28; ENI B primary .37 + prefix .64/28;
// a Lambda ENI at .85; an explicit reservation .96/28.
const fragmentedSubnet: InventorySubnet = {
  subnetId: 'subnet-frag',
  cidr: '10.0.0.0/25',
  // 128 − 5 reserved − 3 single IPs (.10, .37, .85) − 2 prefixes × 16 = 88
  availableIpAddressCount: 88,
  availabilityZone: 'eu-west-1a',
  cidrReservations: [{ cidr: '10.0.0.96/28', reservationType: 'explicit' }],
};
const fragmentedEnis: SubnetNetworkInterface[] = [
  {
    ofClusterNode: true,
    eni: eni('eni-a', {
      primaryIp: '10.0.0.10',
      ipv4Prefixes: ['10.0.0.16/28'],
      attachment: { instanceId: 'i-a', deviceIndex: 0 },
    }),
  },
  {
    ofClusterNode: true,
    eni: eni('eni-b', {
      primaryIp: '10.0.0.37',
      ipv4Prefixes: ['10.0.0.64/28'],
      attachment: { instanceId: 'i-b', deviceIndex: 0 },
    }),
  },
  {
    ofClusterNode: false,
    eni: eni('eni-lambda', { primaryIp: '10.0.0.85', interfaceType: 'lambda' }),
  },
];

const empty = (cidr: string, available: number): InventorySubnet => ({
  subnetId: `subnet-${cidr}`,
  cidr,
  availableIpAddressCount: available,
  cidrReservations: [],
});

describe('computeSubnetUsage', () => {
  it("never counts more free /28s than there can be when the subnet's other ENIs could not be read", () => {
    // The /25 again, but DescribeNetworkInterfaces failed: the Lambda ENI at
    // .85 is not known, so block .80 looks free (2 "free" blocks). EC2 still
    // counts 88 available, 35 used; the two node ENIs explain 2 + 32 = 34,
    // so 1 used address is unexplained and may sit in either free-looking
    // block: at least 2 − 1 = 1 is free, at most 2.
    const usage = computeSubnetUsage(
      fragmentedSubnet,
      fragmentedEnis.filter(e => e.ofClusterNode),
      { ipFamily: 'ipv4', unknown: ['otherNetworkInterfaces'] },
    );
    expect(usage.holders.unexplained).toBe(1);
    expect(usage.freePrefixBlocks).toBe(1);
    expect(usage.freePrefixBlocksAtMost).toBe(2);
    expect(usage.prefixRoom).toBe(16);
    expect(usage.unknown).toEqual(['otherNetworkInterfaces']);
    // A complete picture carries no bounds at all.
    const complete = computeSubnetUsage(fragmentedSubnet, fragmentedEnis, {
      ipFamily: 'ipv4',
    });
    expect(complete.freePrefixBlocksAtMost).toBeUndefined();
    expect(complete.unknown).toBeUndefined();
  });

  it('finds exactly 1 free /28 in the fragmented /25 that still shows 88 free IPs', () => {
    // Nodes A and B take their pod IPs from it as /28 prefixes.
    const usage = computeSubnetUsage(fragmentedSubnet, fragmentedEnis, {
      ipFamily: 'ipv4',
      prefixNodes: 2,
    });
    expect(usage.usable).toBe(123);
    expect(usage.available).toBe(88);
    expect(usage.used).toBe(35);
    // .0 reserved, .16 allocated, .32 fragmented (.37), .48 free, .64
    // allocated, .80 fragmented (.85), .96 explicit, .112 broadcast
    expect(usage.blockMap).toBe('rax.axur');
    expect(usage.blocks).toEqual({
      total: 8,
      reserved: 2,
      allocated: 2,
      fragmented: 2,
      unavailable: 1,
      free: 1,
      freeInPrefixReservation: 0,
    });
    expect(usage.freePrefixBlocks).toBe(1);
    expect(usage.prefixRoom).toBe(16);
    expect(usage.largestFreeBlock).toEqual({
      cidr: '10.0.0.48/28',
      prefixLength: 28,
      addresses: 16,
    });
    // 88 single IPs free but only one /28: the subnet stands out.
    expect(usage.status).toBe('fragmented');
    expect(usage.atRisk).toBe(true);
  });

  it('calls a fragmented subnet at risk only for nodes that need whole /28 blocks', () => {
    // The same /25 serving secondary-IP mode nodes: single IPs still fit
    // in the fragmented blocks, so nothing fails there.
    const usage = computeSubnetUsage(fragmentedSubnet, fragmentedEnis, {
      ipFamily: 'ipv4',
      secondaryIpNodes: 2,
    });
    expect(usage.status).toBe('fragmented');
    expect(usage.atRisk).toBe(false);
    expect(usage.role).toBe('pods-and-nodes');
    // A subnet that is low on addresses fails every mode.
    const low = computeSubnetUsage(
      { ...fragmentedSubnet, availableIpAddressCount: 5 },
      fragmentedEnis,
      { ipFamily: 'ipv4', secondaryIpNodes: 2 },
    );
    expect(low.status).toBe('low');
    expect(low.atRisk).toBe(true);
  });

  it('explains who holds the 35 used addresses', () => {
    const { holders } = computeSubnetUsage(fragmentedSubnet, fragmentedEnis, {
      ipFamily: 'ipv4',
    });
    expect(holders).toEqual({
      nodePrimaryIps: 2,
      networkInterfacePrimaryIps: 0,
      prefixes: 2,
      prefixAddresses: 32,
      secondaryIps: 0,
      foreignNetworkInterfaces: 1,
      foreignAddresses: 1,
      foreignAddressesByType: { lambda: 1 },
      explicitReservationAddresses: 16,
      prefixReservationAddresses: 0,
      // 2 + 32 + 1 = 35 = used
      unexplained: 0,
    });
  });

  it('counts a free block inside a prefix reservation as free, and inside an explicit one as not', () => {
    const withPrefixReservation = computeSubnetUsage(
      {
        ...fragmentedSubnet,
        cidrReservations: [
          ...fragmentedSubnet.cidrReservations,
          { cidr: '10.0.0.48/28', reservationType: 'prefix' },
        ],
      },
      fragmentedEnis,
      { ipFamily: 'ipv4' },
    );
    expect(withPrefixReservation.freePrefixBlocks).toBe(1);
    expect(withPrefixReservation.blocks.freeInPrefixReservation).toBe(1);
    expect(withPrefixReservation.blockMap).toBe('raxpaxur');

    const withExplicit = computeSubnetUsage(
      {
        ...fragmentedSubnet,
        cidrReservations: [
          { cidr: '10.0.0.32/27', reservationType: 'explicit' },
        ],
      },
      fragmentedEnis,
      { ipFamily: 'ipv4' },
    );
    // .32 stays fragmented (a used IP wins), .48 becomes unavailable, .96 is free again
    expect(withExplicit.blockMap).toBe('raxuax.r');
    expect(withExplicit.freePrefixBlocks).toBe(1);
    expect(withExplicit.largestFreeBlock?.cidr).toBe('10.0.0.96/28');
  });

  it('never raises IPv4 exhaustion in an IPv6 cluster', () => {
    const usage = computeSubnetUsage(
      { ...fragmentedSubnet, availableIpAddressCount: 0 },
      fragmentedEnis,
      { ipFamily: 'ipv6' },
    );
    expect(usage.status).toBe('ok');
    expect(usage.atRisk).toBe(false);
  });

  it('flags a subnet with no addresses left as exhausted, and one with few as low', () => {
    expect(
      computeSubnetUsage(
        { ...fragmentedSubnet, availableIpAddressCount: 0 },
        [],
        {
          ipFamily: 'ipv4',
        },
      ).status,
    ).toBe('exhausted');
    // 10 < 10% of 123
    expect(
      computeSubnetUsage(
        { ...fragmentedSubnet, availableIpAddressCount: 10 },
        [],
        {
          ipFamily: 'ipv4',
        },
      ).status,
    ).toBe('low');
  });

  it.each([
    // /19: 8192 − 5 usable, 512 blocks, the first and last reserved.
    ['192.168.160.0/19', 8187, 512, 510, '192.168.168.0/21'],
    // /24: 251 usable, 16 blocks, 14 free; the largest free aligned block
    // is the second /26 (the first holds .0–.3, the last .255).
    ['10.0.0.0/24', 251, 16, 14, '10.0.0.64/26'],
    // /28: one block, holding both the first four and the last address.
    ['10.0.0.0/28', 11, 1, 0, undefined],
  ])(
    'an empty %s has %i usable addresses and %i blocks, %i free',
    (cidr, usable, total, free, largest) => {
      const usage = computeSubnetUsage(empty(cidr, usable), [], {
        ipFamily: 'ipv4',
      });
      expect(usage.usable).toBe(usable);
      expect(usage.blocks.total).toBe(total);
      expect(usage.freePrefixBlocks).toBe(free);
      expect(usage.largestFreeBlock?.cidr).toBe(largest);
      expect(usage.status).toBe('ok');
    },
  );

  it('estimates new prefix-mode nodes as a /28 plus a primary IP each', () => {
    // 88 free addresses → at most 5 nodes of 17, but only 1 free /28.
    expect(
      computeSubnetUsage(fragmentedSubnet, fragmentedEnis, { ipFamily: 'ipv4' })
        .moreNodes,
    ).toBe(1);
    // An empty /24: 14 blocks, 251 / 17 = 14 nodes.
    expect(
      computeSubnetUsage(empty('10.0.0.0/24', 251), [], { ipFamily: 'ipv4' })
        .moreNodes,
    ).toBe(14);
  });
});
