import { Ipv4Cidr } from './ipv4';
import { SimSubnet } from './types';

/** What resolution knows of one subnet: every address claimed in it, and by whom. */
export interface SubnetIndex {
  subnet: SimSubnet;
  cidr: Ipv4Cidr;
  /** Every private IP of every ENI in the subnet → the ENI holding it. */
  usedIps: Map<number, string>;
  /** Network address of every allocated /28 prefix → the ENI holding it. */
  prefixes: Map<number, string>;
}

/** AvailableIpAddressCount exactly as EC2 derives it (how-pod-ips-are-counted.md §5). */
export function deriveAvailableIpAddressCounts(
  subnets: Iterable<SubnetIndex>,
): void {
  for (const { subnet, cidr, usedIps, prefixes } of subnets) {
    subnet.availableIpAddressCount =
      cidr.size - 5 - usedIps.size - 16 * prefixes.size;
  }
}
