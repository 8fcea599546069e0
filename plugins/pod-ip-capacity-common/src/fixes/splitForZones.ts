import { formatIpv4Cidr, parseIpv4Cidr } from '../ip/ipv4';

/** The VPC CIDR block size AWS allows: /16 (largest) to /28. */
export const VPC_BLOCK_LARGEST = 16;
export const VPC_BLOCK_SMALLEST = 28;
/** The default when no number of addresses is asked for: a whole /16. */
export const DEFAULT_VPC_BLOCK = 16;

const log2Ceil = (n: number) => Math.ceil(Math.log2(Math.max(1, n)));

/**
 * How large the secondary block must be, and how it splits into one subnet
 * per zone: into the next power of two of equal parts (3 zones → 4 parts:
 * a /16 gives a /18 per zone and one /18 to spare), since subnets are
 * aligned CIDRs. With `podAddresses`, each zone's subnet gets at least its
 * share in free /28 blocks (prefix mode takes whole /28s, and the first and
 * last block hold AWS-reserved addresses, how-pod-ips-are-counted.md §5);
 * the block is then capped at a /16, the largest AWS allows.
 */
export function secondaryBlockSize(
  zones: number,
  podAddresses?: number,
): { vpcPrefixLength: number; zonePrefixLength: number; capped: boolean } {
  const partBits = log2Ceil(zones);
  let vpcPrefixLength = DEFAULT_VPC_BLOCK;
  let capped = false;
  if (podAddresses !== undefined) {
    const perZone = Math.ceil(Math.max(0, podAddresses) / Math.max(1, zones));
    const blocks = Math.ceil(perZone / 16) + 2;
    const zoneBits = Math.max(4, log2Ceil(blocks * 16));
    vpcPrefixLength = 32 - zoneBits - partBits;
    if (vpcPrefixLength < VPC_BLOCK_LARGEST) {
      vpcPrefixLength = VPC_BLOCK_LARGEST;
      capped = true;
    }
  }
  vpcPrefixLength = Math.min(
    vpcPrefixLength,
    VPC_BLOCK_SMALLEST - partBits,
    VPC_BLOCK_SMALLEST,
  );
  return {
    vpcPrefixLength,
    zonePrefixLength: vpcPrefixLength + partBits,
    capped,
  };
}

/** The block's aligned parts of the given prefix length, in address order. */
export function splitCidr(cidr: string, prefixLength: number): string[] {
  const range = parseIpv4Cidr(cidr);
  const size = 2 ** (32 - prefixLength);
  const parts: string[] = [];
  for (let base = range.base; base < range.base + range.size; base += size)
    parts.push(formatIpv4Cidr(base, prefixLength));
  return parts;
}
