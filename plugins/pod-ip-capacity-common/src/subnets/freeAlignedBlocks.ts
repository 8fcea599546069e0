import {
  FreeBlock,
  InventoryCidrReservation,
  SubnetBlockCounts,
} from '../types';
import { formatIpv4Cidr, Ipv4Range } from '../ip/ipv4';

/**
 * A subnet split into aligned /28 blocks, each classified as how-pod-ips-are-counted.md §5
 * says, in this order of precedence: contains an AWS-reserved address →
 * reserved; is a delegated prefix → allocated; contains a used IP →
 * fragmented; overlaps an `explicit` reservation → unavailable; else free
 * (inside a `prefix` reservation: free, and where EC2 looks first).
 */

/** Block states, higher wins. */
export const BlockState = {
  free: 0,
  unavailable: 1,
  fragmented: 2,
  allocated: 3,
  reserved: 4,
} as const;

const BLOCK_SIZE = 16;
/** Subnets up to a /12 (65,536 blocks) get a block map in the output. */
const MAX_BLOCK_MAP = 65536;

/**
 * What occupies a subnet, as integers.
 *
 * @public
 */
export interface SubnetOccupancy {
  /** Every private IP of every ENI in the subnet (primary and secondary). */
  usedIps: readonly number[];
  /** Base addresses of every /28 prefix delegated in the subnet. */
  prefixBases: readonly number[];
  reservations: ReadonlyArray<{
    range: Ipv4Range;
    reservationType: InventoryCidrReservation['reservationType'];
  }>;
}

/**
 * The classified blocks of one subnet.
 *
 * @public
 */
export interface SubnetBlocks {
  subnet: Ipv4Range;
  /** One `BlockState` per block, in address order. */
  states: Uint8Array;
  /** 1 where the block lies in a `prefix` reservation. */
  inPrefixReservation: Uint8Array;
  counts: SubnetBlockCounts;
  largestFreeBlock: FreeBlock | null;
}

function blockCount(subnet: Ipv4Range): number {
  return subnet.prefixLength > 28 ? 0 : subnet.size / BLOCK_SIZE;
}

/** Marks the blocks [first, last] of a range clipped to the subnet in a difference array. */
function markRange(
  diff: Int32Array,
  subnet: Ipv4Range,
  range: Ipv4Range,
): void {
  const start = Math.max(range.base, subnet.base);
  const end = Math.min(range.base + range.size, subnet.base + subnet.size) - 1;
  if (end < start) return;
  diff[Math.floor((start - subnet.base) / BLOCK_SIZE)] += 1;
  diff[Math.floor((end - subnet.base) / BLOCK_SIZE) + 1] -= 1;
}

/**
 * Classifies every aligned /28 block of a subnet. Cost: O(blocks + used IPs
 * + prefixes + reservations); no block is visited per allocation.
 *
 * @public
 */
export function classifySubnetBlocks(
  subnet: Ipv4Range,
  occupancy: SubnetOccupancy,
): SubnetBlocks {
  const n = blockCount(subnet);
  const states = new Uint8Array(n);
  const inPrefixReservation = new Uint8Array(n);
  const raise = (index: number, state: number) => {
    if (index >= 0 && index < n && states[index] < state) states[index] = state;
  };
  const indexOf = (address: number) =>
    address >= subnet.base && address < subnet.base + subnet.size
      ? Math.floor((address - subnet.base) / BLOCK_SIZE)
      : -1;

  if (n > 0) {
    // The network address, VPC router, DNS and "future use" sit in the first
    // block; the broadcast address in the last.
    raise(0, BlockState.reserved);
    raise(n - 1, BlockState.reserved);
  }
  for (const base of occupancy.prefixBases) {
    raise(indexOf(base), BlockState.allocated);
  }
  for (const ip of occupancy.usedIps) {
    raise(indexOf(ip), BlockState.fragmented);
  }
  const explicit = new Int32Array(n + 1);
  const prefixReserved = new Int32Array(n + 1);
  for (const reservation of occupancy.reservations) {
    markRange(
      reservation.reservationType === 'explicit' ? explicit : prefixReserved,
      subnet,
      reservation.range,
    );
  }
  let explicitDepth = 0;
  let prefixDepth = 0;
  const counts: SubnetBlockCounts = {
    total: n,
    reserved: 0,
    allocated: 0,
    fragmented: 0,
    unavailable: 0,
    free: 0,
    freeInPrefixReservation: 0,
  };
  for (let i = 0; i < n; i++) {
    explicitDepth += explicit[i];
    prefixDepth += prefixReserved[i];
    if (explicitDepth > 0) raise(i, BlockState.unavailable);
    if (prefixDepth > 0) inPrefixReservation[i] = 1;
    switch (states[i]) {
      case BlockState.reserved:
        counts.reserved++;
        break;
      case BlockState.allocated:
        counts.allocated++;
        break;
      case BlockState.fragmented:
        counts.fragmented++;
        break;
      case BlockState.unavailable:
        counts.unavailable++;
        break;
      default:
        counts.free++;
        if (inPrefixReservation[i]) counts.freeInPrefixReservation++;
    }
  }
  return {
    subnet,
    states,
    inPrefixReservation,
    counts,
    largestFreeBlock: largestFreeAlignedBlock(subnet, states),
  };
}

/**
 * The largest aligned block (a /28 or larger) made only of free /28s, the
 * lowest one when several tie. O(blocks): each level halves the array.
 */
function largestFreeAlignedBlock(
  subnet: Ipv4Range,
  states: Uint8Array,
): FreeBlock | null {
  let level = new Uint8Array(states.length);
  let first = -1;
  for (let i = 0; i < states.length; i++) {
    level[i] = states[i] === BlockState.free ? 1 : 0;
    if (first < 0 && level[i]) first = i;
  }
  if (first < 0) return null;
  let best = { index: first, prefixLength: 28 };
  for (let prefixLength = 27; level.length > 1; prefixLength--) {
    const next = new Uint8Array(level.length >> 1);
    let found = -1;
    for (let j = 0; j < next.length; j++) {
      next[j] = level[2 * j] & level[2 * j + 1];
      if (found < 0 && next[j]) found = j;
    }
    if (found < 0) break;
    best = { index: found, prefixLength };
    level = next;
  }
  const addresses = 2 ** (32 - best.prefixLength);
  return {
    cidr: formatIpv4Cidr(
      subnet.base + best.index * addresses,
      best.prefixLength,
    ),
    prefixLength: best.prefixLength,
    addresses,
  };
}

/**
 * The base addresses of the free blocks (for tests and visualisations).
 *
 * @public
 */
export function freeBlockBases(blocks: SubnetBlocks): number[] {
  const bases: number[] = [];
  blocks.states.forEach((state, i) => {
    if (state === BlockState.free)
      bases.push(blocks.subnet.base + i * BLOCK_SIZE);
  });
  return bases;
}

const MAP_CHARS = ['.', 'u', 'x', 'a', 'r'];

/**
 * One character per block (see `SubnetUsage.blockMap`); undefined for
 * subnets larger than a /12.
 */
export function blockMap(blocks: SubnetBlocks): string | undefined {
  if (blocks.states.length > MAX_BLOCK_MAP) return undefined;
  let map = '';
  blocks.states.forEach((state, i) => {
    map +=
      state === BlockState.free && blocks.inPrefixReservation[i]
        ? 'p'
        : MAP_CHARS[state];
  });
  return map;
}
