import {
  EniMode,
  EniUsage,
  InventoryNetworkInterface,
  PrefixUsage,
} from '../types';
import {
  blockBaseOf,
  formatIpv4,
  tryParseIpv4,
  tryParseIpv4Cidr,
} from '../ip/ipv4';

const PREFIX_ADDRESSES = 16;

const byNumber = (a: number, b: number) => a - b;

/**
 * One ENI's pod IP usage, as the per-ENI report prints it (how-pod-ips-are-counted.md §6):
 * for each /28 prefix its 16 addresses, the pod IPs inside it (sorted
 * numerically), assigned and available; plus the secondary IPs used as pod
 * IPs, and the ENI's totals. `podIps` are the pod IPs (as integers) to
 * place; those in none of the ENI's prefixes or secondary IPs are ignored
 * here (the caller reports them as unattributed). O(pod IPs · log).
 *
 * @public
 */
export function computeEniUsage(
  eni: InventoryNetworkInterface,
  podIps: readonly number[],
  subnetCidr?: string,
): EniUsage {
  const prefixIndex = new Map<number, number>();
  const prefixes: Array<{ cidr: string; ips: number[] }> = [];
  for (const cidr of eni.ipv4Prefixes) {
    const range = tryParseIpv4Cidr(cidr);
    if (!range) continue;
    prefixIndex.set(range.base, prefixes.length);
    prefixes.push({ cidr, ips: [] });
  }
  const secondary = new Set<number>();
  for (const address of eni.secondaryIps) {
    const ip = tryParseIpv4(address);
    if (ip !== undefined) secondary.add(ip);
  }
  const secondaryPodIps: number[] = [];
  for (const ip of podIps) {
    const index = prefixIndex.get(blockBaseOf(ip));
    if (index !== undefined) prefixes[index].ips.push(ip);
    else if (secondary.has(ip)) secondaryPodIps.push(ip);
  }

  const prefixUsages: PrefixUsage[] = prefixes.map(p => {
    const ips = [...new Set(p.ips)].sort(byNumber);
    return {
      cidr: p.cidr,
      total: PREFIX_ADDRESSES,
      assigned: ips.length,
      available: PREFIX_ADDRESSES - ips.length,
      podIps: ips.map(formatIpv4),
    };
  });
  const secondaryIps = [...new Set(secondaryPodIps)].sort(byNumber);
  const secondaryTotal = secondary.size;
  const total = PREFIX_ADDRESSES * prefixUsages.length + secondaryTotal;
  const assigned =
    prefixUsages.reduce((sum, p) => sum + p.assigned, 0) + secondaryIps.length;
  let mode: EniMode = 'none';
  if (prefixUsages.length > 0) mode = 'prefix';
  else if (secondaryTotal > 0) mode = 'secondary-ip';

  return {
    networkInterfaceId: eni.networkInterfaceId,
    interfaceType: eni.interfaceType,
    deviceIndex: eni.attachment?.deviceIndex ?? 0,
    networkCardIndex: eni.attachment?.networkCardIndex ?? 0,
    ...(eni.primaryIp ? { primaryIp: eni.primaryIp } : {}),
    subnetId: eni.subnetId,
    ...(subnetCidr ? { subnetCidr } : {}),
    mode,
    prefixes: prefixUsages,
    secondaryIps: {
      total: secondaryTotal,
      assigned: secondaryIps.length,
      available: secondaryTotal - secondaryIps.length,
      podIps: secondaryIps.map(formatIpv4),
    },
    total,
    assigned,
    available: total - assigned,
    ipv6Prefixes: [...eni.ipv6Prefixes],
  };
}
