import {
  InventoryUnknown,
  SubnetUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { fmt, plural } from './format';

const UNKNOWN_TEXT: Record<InventoryUnknown, string> = {
  otherNetworkInterfaces: "the subnet's other ENIs could not be read",
  cidrReservations: "the subnet's CIDR reservations could not be read",
};

/** Why a subnet's figures are bounds, or undefined when they are exact. */
export function unknownText(subnet: SubnetUsage): string | undefined {
  if (!subnet.unknown?.length) return undefined;
  return subnet.unknown.map(u => UNKNOWN_TEXT[u]).join(' and ');
}

/** True when the free /28 blocks are a range, not one number. */
export function freeBlocksUncertain(subnet: SubnetUsage): boolean {
  return (
    subnet.freePrefixBlocksAtMost !== undefined &&
    subnet.freePrefixBlocksAtMost !== subnet.freePrefixBlocks
  );
}

/** "12", or "at least 1 (up to 2)" when some occupants could not be read. */
export function freeBlocksCountText(subnet: SubnetUsage): string {
  return freeBlocksUncertain(subnet)
    ? `at least ${fmt(subnet.freePrefixBlocks)} (up to ${fmt(
        subnet.freePrefixBlocksAtMost!,
      )})`
    : fmt(subnet.freePrefixBlocks);
}

/**
 * "12 free /28 blocks", or, when some occupants could not be read, "at least
 * 1 free /28 block (up to 2)".
 */
export function freeBlocksText(subnet: SubnetUsage): string {
  const n = subnet.freePrefixBlocks;
  if (freeBlocksUncertain(subnet)) {
    return `at least ${plural(n, 'free /28 block')} (up to ${fmt(
      subnet.freePrefixBlocksAtMost!,
    )})`;
  }
  return plural(n, 'free /28 block');
}

/** "12 free /28 blocks (192 addresses a prefix could use)". */
export function freeBlocksWithAddressesText(subnet: SubnetUsage): string {
  return `${freeBlocksText(subnet)} (${plural(
    subnet.prefixRoom,
    'address',
    'addresses',
  )} a prefix could use)`;
}

/** True when a fragmented subnet hurts nobody yet: its nodes take single IPs. */
export function fragmentedWithoutRisk(subnet: SubnetUsage): boolean {
  return subnet.status === 'fragmented' && !subnet.atRisk;
}

/** Severity order for sorting: the worst first. */
export function subnetSeverity(subnet: SubnetUsage): number {
  switch (subnet.status) {
    case 'exhausted':
      return 0;
    case 'low':
      return 1;
    case 'fragmented':
      return subnet.atRisk ? 2 : 3;
    default:
      return 4;
  }
}

/** The status as a chip says it. */
export function statusLabel(subnet: SubnetUsage): string {
  return subnet.status;
}

/**
 * What a subnet's state means, for whom, in one sentence: the risk is per
 * IP mode (a fragmented subnet stops prefix-mode nodes, a full one all).
 * Undefined for a healthy subnet.
 */
export function subnetRiskTitle(subnet: SubnetUsage): string | undefined {
  const cidr = subnet.cidr;
  switch (subnet.status) {
    case 'exhausted':
      return `Subnet ${cidr} is exhausted: no free IPs — every node taking pod IPs here fails to get another (InsufficientFreeAddressesInSubnet)`;
    case 'low':
      return `Subnet ${cidr} is running out: ${plural(
        subnet.available,
        'free IP',
      )} of ${fmt(
        subnet.usable,
      )} usable — every node taking pod IPs here will run out`;
    case 'fragmented':
      if (subnet.prefixNodes > 0) {
        return `Subnet ${cidr} is fragmented: ${freeBlocksText(
          subnet,
        )} — the ${plural(
          subnet.prefixNodes,
          'prefix-mode node',
        )} taking pod IPs here will fail to add a prefix (InsufficientCidrBlocks)`;
      }
      return subnet.secondaryIpNodes > 0
        ? `Subnet ${cidr} is fragmented, but its nodes use single secondary IPs, which still fit`
        : `Subnet ${cidr} is fragmented, but no node takes /28 prefixes from it`;
    default:
      return undefined;
  }
}

/** The explanation under the title: the numbers behind it. */
export function subnetRiskDetail(
  subnet: SubnetUsage,
  cluster?: string,
): string {
  const where = `${subnet.subnetId}${cluster ? ` (${cluster})` : ''}${
    subnet.availabilityZone ? `, ${subnet.availabilityZone}` : ''
  }`;
  const bounds = unknownText(subnet);
  const boundsText = bounds ? ` These are bounds: ${bounds}.` : '';
  if (subnet.status === 'fragmented') {
    const split = `${plural(subnet.blocks.fragmented, 'block')} of ${fmt(
      subnet.blocks.total,
    )} ${
      subnet.blocks.fragmented === 1 ? 'is' : 'are'
    } split by single addresses (secondary IPs, node or other ENIs' addresses).`;
    if (subnet.prefixNodes > 0) {
      return `${where}: a new /28 prefix needs a whole, aligned, unused block, and only ${freeBlocksText(
        subnet,
      )} ${
        subnet.freePrefixBlocks === 1 ? 'is' : 'are'
      } left, although EC2 reports ${plural(
        subnet.available,
        'free IP',
      )}. ${split}${boundsText}`;
    }
    const who =
      subnet.secondaryIpNodes > 0
        ? `The ${plural(
            subnet.secondaryIpNodes,
            'node',
          )} taking pod IPs here use single secondary IPs, which fit in any free address`
        : 'No node takes pod IPs here as /28 prefixes';
    return `${where}: ${plural(
      subnet.available,
      'free IP',
    )} but ${freeBlocksText(
      subnet,
    )}. ${who}; a prefix-mode node landing here would fail to add a prefix. ${split}${boundsText}`;
  }
  return `${where}: ${plural(subnet.available, 'free IP')} of ${fmt(
    subnet.usable,
  )} usable, ${freeBlocksText(subnet)}.${boundsText}`;
}
