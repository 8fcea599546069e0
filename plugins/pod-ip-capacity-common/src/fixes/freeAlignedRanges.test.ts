import fc from 'fast-check';
import { freeAlignedRanges } from './freeAlignedRanges';

const rangesOf = (cidr: string, map: string) =>
  freeAlignedRanges(cidr, map.length, i => map[i] === '.');

describe('freeAlignedRanges', () => {
  it("cuts an empty /24's 14 free blocks into the largest aligned CIDRs, largest first", () => {
    // how-pod-ips-are-counted.md §5: an empty /24 has 16 blocks, the first
    // and last reserved, 14 free. No /25 is free (each half holds a
    // reserved block); the /26s .64 and .128 are; .32/27 and .192/27 are
    // what is left of the outer /26s; .16/28 and .224/28 what is left of
    // the outer /27s. 4 + 4 + 2 + 2 + 1 + 1 = 14 blocks.
    expect(
      rangesOf('10.1.2.0/24', `r${'.'.repeat(14)}r`).map(r => r.cidr),
    ).toEqual([
      '10.1.2.64/26',
      '10.1.2.128/26',
      '10.1.2.32/27',
      '10.1.2.192/27',
      '10.1.2.16/28',
      '10.1.2.224/28',
    ]);
  });

  it('lists nothing when no block is free, and nothing for a subnet smaller than a /28', () => {
    expect(rangesOf('10.0.0.0/25', 'raxpaxur')).toEqual([]);
    expect(freeAlignedRanges('10.0.0.0/29', 0, () => true)).toEqual([]);
  });

  it('never lists a range with a used block in it, never overlaps, and covers every free block (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }).chain(bits =>
          fc.array(fc.constantFrom('.', '.', '.', 'x', 'a', 'p'), {
            minLength: 2 ** bits,
            maxLength: 2 ** bits,
          }),
        ),
        chars => {
          const map = chars.join('');
          const prefixLength = 28 - Math.log2(map.length);
          const ranges = rangesOf(`10.0.0.0/${prefixLength}`, map);
          const covered = new Array(map.length).fill(0);
          for (const r of ranges) {
            const blocks = r.addresses / 16;
            // aligned to its own size
            expect(r.firstBlock % blocks).toBe(0);
            for (let i = r.firstBlock; i < r.firstBlock + blocks; i++) {
              expect(map[i]).toBe('.');
              covered[i]++;
            }
          }
          covered.forEach((c, i) => expect(c).toBe(map[i] === '.' ? 1 : 0));
          // largest first
          ranges
            .slice(1)
            .forEach((r, i) =>
              expect(r.addresses).toBeLessThanOrEqual(ranges[i].addresses),
            );
        },
      ),
      { numRuns: 200 },
    );
  });
});
