import {
  formatIpv4Cidr,
  Ipv4Range,
  parseIpv4Cidr,
  tryParseIpv4Cidr,
} from '../ip/ipv4';

/**
 * Choosing a secondary VPC CIDR block that the VPC does not use yet, from
 * the address space AWS lets a VPC add (Amazon VPC User Guide, "VPC CIDR
 * blocks"): a block is /16 to /28; 100.64.0.0/10 (RFC 6598, the space
 * custom networking uses, how-pod-ips-are-counted.md §1) can be added to
 * any VPC; RFC 1918 space only within the primary CIDR's own range (a
 * 10.x VPC cannot add 172.16/12 or 192.168/16 space).
 */

/** Where candidate blocks come from, in order of preference. */
export interface CidrPool {
  range: Ipv4Range;
  space: 'rfc6598' | 'rfc1918';
  /** Blocks of the pool that AWS refuses or advises against. */
  excluded: Ipv4Range[];
}

const RFC6598 = parseIpv4Cidr('100.64.0.0/10');
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(
  parseIpv4Cidr,
);

const overlaps = (a: Ipv4Range, b: Ipv4Range) =>
  a.base < b.base + b.size && b.base < a.base + a.size;

/**
 * The pools a VPC can take a new block from: 100.64.0.0/10 first, then the
 * RFC 1918 range of its primary CIDR (if it has one there).
 */
export function cidrPools(
  primary: Ipv4Range | undefined,
  existing: readonly Ipv4Range[],
): CidrPool[] {
  const pools: CidrPool[] = [
    { range: RFC6598, space: 'rfc6598', excluded: [] },
  ];
  const own = primary && RFC1918.find(r => overlaps(r, primary));
  if (own) {
    const excluded: Ipv4Range[] = [];
    // AWS: when any block of the VPC lies in 10.0.0.0/15, 10.0.0.0/16 cannot be added.
    if (
      own.base === RFC1918[0].base &&
      existing.some(e => overlaps(e, parseIpv4Cidr('10.0.0.0/15')))
    ) {
      excluded.push(parseIpv4Cidr('10.0.0.0/16'));
    }
    // AWS advises against 172.17.0.0/16, which Docker and some AWS services use.
    if (own.base === RFC1918[1].base)
      excluded.push(parseIpv4Cidr('172.17.0.0/16'));
    pools.push({ range: own, space: 'rfc1918', excluded });
  }
  return pools;
}

/**
 * The lowest aligned block of `2^(32 − prefixLength)` addresses in the
 * pool that overlaps none of `taken` nor the pool's exclusions. Jumps past
 * each overlapping block: O(taken²) at worst, never per candidate address.
 */
export function lowestFreeBlock(
  pool: CidrPool,
  prefixLength: number,
  taken: readonly Ipv4Range[],
): string | undefined {
  const size = 2 ** (32 - prefixLength);
  if (size > pool.range.size) return undefined;
  const avoid = [...taken, ...pool.excluded];
  const end = pool.range.base + pool.range.size;
  let base = pool.range.base;
  while (base + size <= end) {
    const candidate = { base, prefixLength, size };
    const hit = avoid.find(r => overlaps(r, candidate));
    if (!hit) return formatIpv4Cidr(base, prefixLength);
    base = Math.ceil((hit.base + hit.size) / size) * size;
  }
  return undefined;
}

/**
 * A block of the given size the VPC can add, and the pool it is from;
 * undefined when every pool is used up.
 */
export function pickSecondaryCidr(
  vpcCidrBlocks: readonly string[],
  prefixLength: number,
  options: { rfc1918Fallback: boolean },
): { cidr: string; space: CidrPool['space'] } | undefined {
  const existing = vpcCidrBlocks.flatMap(c => {
    const r = tryParseIpv4Cidr(c);
    return r ? [r] : [];
  });
  const primary = options.rfc1918Fallback ? existing[0] : undefined;
  for (const pool of cidrPools(primary, existing)) {
    const cidr = lowestFreeBlock(pool, prefixLength, existing);
    if (cidr) return { cidr, space: pool.space };
  }
  return undefined;
}
