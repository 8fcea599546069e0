import ipaddr from 'ipaddr.js';

/** AWS reserves the first four addresses and the last one of every subnet. */
const AWS_RESERVED_ADDRESSES_PER_SUBNET = 5;

/**
 * How many addresses of an IPv4 subnet EC2 can hand out: its size less the
 * five that AWS reserves (network, VPC router, DNS, future use, broadcast).
 *
 * @public
 */
export function subnetUsableAddresses(cidr: string): number {
  const [address, prefixLength] = ipaddr.IPv4.parseCIDR(cidr);
  if (address.kind() !== 'ipv4') {
    throw new Error(`Not an IPv4 CIDR: ${cidr}`);
  }
  const size = 2 ** (32 - prefixLength);
  return Math.max(0, size - AWS_RESERVED_ADDRESSES_PER_SUBNET);
}
