import fc from 'fast-check';
import { parseIpv4Cidr, formatIpv4 } from '../ip/ipv4';
import {
  BlockState,
  classifySubnetBlocks,
  freeBlockBases,
} from './freeAlignedBlocks';

/** A random subnet (/20 to /28) with random used IPs, prefixes and reservations. */
const subnetCase = fc.integer({ min: 20, max: 28 }).chain(prefixLength => {
  const size = 2 ** (32 - prefixLength);
  const blocks = size / 16;
  return fc.record({
    prefixLength: fc.constant(prefixLength),
    usedOffsets: fc.array(fc.integer({ min: 0, max: size - 1 }), {
      maxLength: 60,
    }),
    prefixBlocks: fc.uniqueArray(fc.integer({ min: 0, max: blocks - 1 }), {
      maxLength: 30,
    }),
    reservations: fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: size - 1 }),
        length: fc.integer({ min: Math.max(prefixLength, 24), max: 32 }),
        reservationType: fc.constantFrom(
          'prefix' as const,
          'explicit' as const,
        ),
      }),
      { maxLength: 4 },
    ),
  });
});

describe('free aligned /28 blocks (properties)', () => {
  it('never calls a block free that holds a used IP, a prefix, a reserved address or an explicit reservation', () => {
    fc.assert(
      fc.property(subnetCase, c => {
        const subnet = parseIpv4Cidr(`10.20.0.0/${c.prefixLength}`);
        const usedIps = c.usedOffsets.map(o => subnet.base + o);
        const prefixBases = c.prefixBlocks.map(b => subnet.base + b * 16);
        const reservations = c.reservations.map(r => ({
          range: parseIpv4Cidr(
            `${formatIpv4(subnet.base + r.offset)}/${r.length}`,
          ),
          reservationType: r.reservationType,
        }));
        const blocks = classifySubnetBlocks(subnet, {
          usedIps,
          prefixBases,
          reservations,
        });
        const free = freeBlockBases(blocks);
        const reservedAddresses = [
          subnet.base,
          subnet.base + 1,
          subnet.base + 2,
          subnet.base + 3,
          subnet.base + subnet.size - 1,
        ];
        for (const base of free) {
          const inside = (ip: number) => ip >= base && ip < base + 16;
          expect(usedIps.some(inside)).toBe(false);
          expect(reservedAddresses.some(inside)).toBe(false);
          expect(prefixBases.includes(base)).toBe(false);
          for (const r of reservations) {
            if (r.reservationType !== 'explicit') continue;
            const overlaps =
              r.range.base < base + 16 && base < r.range.base + r.range.size;
            expect(overlaps).toBe(false);
          }
        }
        const { counts } = blocks;
        expect(free.length).toBe(counts.free);
        expect(
          counts.reserved +
            counts.allocated +
            counts.fragmented +
            counts.unavailable +
            counts.free,
        ).toBe(counts.total);
        // Free blocks never exceed what the usable addresses could hold.
        expect(counts.free).toBeLessThanOrEqual(
          Math.floor((subnet.size - 5) / 16),
        );
        expect(counts.freeInPrefixReservation).toBeLessThanOrEqual(counts.free);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a largest free block made only of free /28s, and none larger', () => {
    fc.assert(
      fc.property(subnetCase, c => {
        const subnet = parseIpv4Cidr(`10.20.0.0/${c.prefixLength}`);
        const blocks = classifySubnetBlocks(subnet, {
          usedIps: c.usedOffsets.map(o => subnet.base + o),
          prefixBases: c.prefixBlocks.map(b => subnet.base + b * 16),
          reservations: [],
        });
        const largest = blocks.largestFreeBlock;
        // None exactly when no /28 is free.
        expect(largest === null).toBe(blocks.counts.free === 0);
        const range = largest ? parseIpv4Cidr(largest.cidr) : undefined;
        const span = range ? range.size / 16 : 0;
        const first = range ? (range.base - subnet.base) / 16 : 0;
        const allFreeIn = (from: number, count: number) =>
          blocks.states
            .slice(from, from + count)
            .every(s => s === BlockState.free);
        // Aligned, and made only of free /28s…
        expect(span === 0 || first % span === 0).toBe(true);
        expect(allFreeIn(first, span)).toBe(true);
        // …and the aligned block twice as large (if the subnet has one) is not all free.
        const parent = span ? first - (first % (span * 2)) : 0;
        const hasParent = span > 0 && span * 2 <= blocks.states.length;
        expect(hasParent && allFreeIn(parent, span * 2)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
