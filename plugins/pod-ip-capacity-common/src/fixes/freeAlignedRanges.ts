import { formatIpv4Cidr, parseIpv4Cidr } from '../ip/ipv4';

/** An aligned range of whole /28 blocks. */
export interface AlignedRange {
  cidr: string;
  prefixLength: number;
  addresses: number;
  /** Index of its first /28 block in the subnet. */
  firstBlock: number;
}

const BLOCK = 16;

/**
 * The subnet's free space cut into the largest aligned CIDRs (/28 or
 * larger) made only of free blocks, largest first, lowest address first
 * among equals. `isFree(i)` says whether block `i` counts as free. A range
 * is listed when it is free and the aligned range twice its size that
 * contains it is not, so the ranges never overlap and together cover every
 * free block (the buddy decomposition). A range is aligned within the
 * subnet, and so in absolute terms, because a subnet's base is aligned to
 * its own size. O(blocks): each level halves the one below.
 */
export function freeAlignedRanges(
  cidr: string,
  blockCount: number,
  isFree: (block: number) => boolean,
): AlignedRange[] {
  if (blockCount === 0) return [];
  const { base } = parseIpv4Cidr(cidr);
  const levels: Uint8Array[] = [];
  let level = new Uint8Array(blockCount);
  for (let i = 0; i < blockCount; i++) level[i] = isFree(i) ? 1 : 0;
  levels.push(level);
  while (level.length > 1) {
    const next = new Uint8Array(level.length >> 1);
    for (let j = 0; j < next.length; j++)
      next[j] = level[2 * j] & level[2 * j + 1];
    levels.push(next);
    level = next;
  }
  const ranges: AlignedRange[] = [];
  levels.forEach((current, k) => {
    const parent = levels[k + 1];
    for (let j = 0; j < current.length; j++) {
      if (!current[j] || (parent && parent[j >> 1])) continue;
      const blocks = 2 ** k;
      const addresses = blocks * BLOCK;
      const prefixLength = 28 - k;
      ranges.push({
        cidr: formatIpv4Cidr(base + j * addresses, prefixLength),
        prefixLength,
        addresses,
        firstBlock: j * blocks,
      });
    }
  });
  return ranges.sort(
    (a, b) => b.addresses - a.addresses || a.firstBlock - b.firstBlock,
  );
}
