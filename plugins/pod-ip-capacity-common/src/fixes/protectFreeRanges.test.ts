import { InventoryNetworkInterface, InventorySubnet } from '../types';
import {
  computeSubnetUsage,
  SubnetNetworkInterface,
} from '../subnets/computeSubnetUsage';
import { protectFreeRanges } from './protectFreeRanges';

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

// how-pod-ips-are-counted.md §5 worked example: 10.0.0.0/25 (8 blocks).
// ENI A primary .10 + prefix .16/28; ENI B primary .37 + prefix .64/28;
// a Lambda ENI at .85; an explicit reservation .96/28.
const subnet: InventorySubnet = {
  subnetId: 'subnet-frag',
  cidr: '10.0.0.0/25',
  availableIpAddressCount: 88,
  availabilityZone: 'eu-west-1a',
  cidrReservations: [{ cidr: '10.0.0.96/28', reservationType: 'explicit' }],
};
const enis: SubnetNetworkInterface[] = [
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
const usage = (reservations = subnet.cidrReservations) =>
  computeSubnetUsage({ ...subnet, cidrReservations: reservations }, enis, {
    ipFamily: 'ipv4',
  });

describe('protectFreeRanges', () => {
  it('reserves exactly 10.0.0.48/28 in the §5 /25, the one free block, with the command to copy', () => {
    // Blocks 'rax.axur': .0 reserved, .16 allocated, .32 fragmented (.37),
    // .48 free, .64 allocated, .80 fragmented (.85), .96 explicit, .112
    // reserved — so the only range is the single /28 at .48.
    expect(protectFreeRanges(usage())).toEqual({
      kind: 'protect-free-ranges',
      subnetId: 'subnet-frag',
      ranges: [
        {
          cidr: '10.0.0.48/28',
          prefixLength: 28,
          addresses: 16,
          blocks: 1,
          command:
            'aws ec2 create-subnet-cidr-reservation --subnet-id subnet-frag --cidr 10.0.0.48/28 --reservation-type prefix',
        },
      ],
      totalRanges: 1,
      unprotectedFreeBlocks: 1,
      alreadyProtectedBlocks: 0,
      complete: true,
      notes: [expect.stringContaining('no longer handed out as single IPs')],
    });
  });

  it('proposes nothing for a free block that is already inside a prefix reservation', () => {
    // blockMap 'raxpaxur': .48 is free but protected ('p'): no new command.
    const fix = protectFreeRanges(
      usage([
        ...subnet.cidrReservations,
        { cidr: '10.0.0.48/28', reservationType: 'prefix' },
      ]),
    );
    expect(fix.ranges).toEqual([]);
    expect(fix.unprotectedFreeBlocks).toBe(0);
    expect(fix.alreadyProtectedBlocks).toBe(1);
  });

  it('lists at most `limit` ranges, largest first, and says how many there are', () => {
    // Without the explicit reservation .96 is free too: .48/28 and .96/28,
    // not adjacent halves of a /27 (.32 and .112 are taken), so two /28s.
    const fix = protectFreeRanges(usage([]), { limit: 1 });
    expect(fix.ranges.map(r => r.cidr)).toEqual(['10.0.0.48/28']);
    expect(fix.totalRanges).toBe(2);
    expect(fix.unprotectedFreeBlocks).toBe(2);
  });

  it('falls back to the largest free block when the snapshot has no block map', () => {
    const { blockMap, ...withoutMap } = usage();
    expect(blockMap).toBe('rax.axur');
    const fix = protectFreeRanges(withoutMap);
    expect(fix.complete).toBe(false);
    expect(fix.ranges.map(r => r.cidr)).toEqual(['10.0.0.48/28']);
  });
});
