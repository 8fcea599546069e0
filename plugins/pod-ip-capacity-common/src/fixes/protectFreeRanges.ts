import { SubnetUsage } from '../types';
import { freeAlignedRanges } from './freeAlignedRanges';
import {
  FreeRangeToProtect,
  ProtectFreeRangesFix,
  ProtectFreeRangesOptions,
} from './types';
import { unknownOccupants } from './unknownOccupants';

const DEFAULT_LIMIT = 5;

function reservationCommand(subnetId: string, cidr: string): string {
  return `aws ec2 create-subnet-cidr-reservation --subnet-id ${subnetId} --cidr ${cidr} --reservation-type prefix`;
}

/**
 * Fix 1: the subnet's largest free aligned ranges, each with the command
 * that reserves it for prefixes. A `prefix` CIDR reservation is where EC2
 * takes prefixes from first, and single IPs never land in it
 * (how-pod-ips-are-counted.md §5, §8), so the free /28s in it stay whole
 * while secondary IPs, node IPs and other ENIs keep fragmenting the rest.
 * Works from the snapshot's `blockMap` (one character per /28): only `.`
 * blocks are candidates — `p` blocks are free but already inside a prefix
 * reservation. O(blocks).
 *
 * @public
 */
export function protectFreeRanges(
  subnet: SubnetUsage,
  options: ProtectFreeRangesOptions = {},
): ProtectFreeRangesFix {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const notes: string[] = [];
  const map = subnet.blockMap;
  let ranges: FreeRangeToProtect[];
  let totalRanges: number;
  let unprotected: number;
  let complete = true;
  if (map !== undefined) {
    const all = freeAlignedRanges(subnet.cidr, map.length, i => map[i] === '.');
    totalRanges = all.length;
    unprotected = [...map].filter(c => c === '.').length;
    ranges = all.slice(0, limit).map(r => ({
      cidr: r.cidr,
      prefixLength: r.prefixLength,
      addresses: r.addresses,
      blocks: r.addresses / 16,
      command: reservationCommand(subnet.subnetId, r.cidr),
    }));
  } else {
    // No block map beyond a /12 (AWS subnets stop at /16): the snapshot
    // still names the largest free block.
    complete = false;
    const largest = subnet.largestFreeBlock;
    ranges = largest
      ? [
          {
            cidr: largest.cidr,
            prefixLength: largest.prefixLength,
            addresses: largest.addresses,
            blocks: largest.addresses / 16,
            command: reservationCommand(subnet.subnetId, largest.cidr),
          },
        ]
      : [];
    totalRanges = ranges.length;
    unprotected = subnet.blocks.free - subnet.blocks.freeInPrefixReservation;
    notes.push(
      'The subnet has no block map: only its largest free block is listed, and it may already be inside a prefix reservation.',
    );
  }
  if (unknownOccupants(subnet).includes('cidrReservations')) {
    notes.push(
      "The subnet's CIDR reservations could not be read: some of these ranges may already be reserved; EC2 then refuses the overlapping command.",
    );
  }
  if (unknownOccupants(subnet).includes('otherNetworkInterfaces')) {
    notes.push(
      'Not every ENI in the subnet could be read: a range may hold an address we did not see; EC2 then refuses to reserve it.',
    );
  }
  if (ranges.length > 0) {
    notes.push(
      'Addresses in a prefix reservation are no longer handed out as single IPs (secondary-IP nodes, node IPs, other ENIs): reserve only what prefixes need.',
    );
  }
  return {
    kind: 'protect-free-ranges',
    subnetId: subnet.subnetId,
    ranges,
    totalRanges,
    unprotectedFreeBlocks: unprotected,
    alreadyProtectedBlocks: subnet.blocks.freeInPrefixReservation,
    complete,
    notes,
  };
}
