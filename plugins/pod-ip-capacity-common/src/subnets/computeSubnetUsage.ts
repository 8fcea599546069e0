import {
  InventoryNetworkInterface,
  InventorySubnet,
  InventoryUnknown,
  IpFamily,
  SubnetHolders,
  SubnetRole,
  SubnetStatus,
  SubnetUsage,
} from '../types';
import {
  Ipv4Range,
  parseIpv4Cidr,
  rangeContains,
  tryParseIpv4,
  tryParseIpv4Cidr,
} from '../ip/ipv4';
import {
  blockMap,
  classifySubnetBlocks,
  SubnetBlocks,
  SubnetOccupancy,
} from './freeAlignedBlocks';

/**
 * An ENI in a subnet, and whether it is one of the cluster's nodes'.
 *
 * @public
 */
export interface SubnetNetworkInterface {
  eni: InventoryNetworkInterface;
  /** True for ENIs attached to one of the cluster's instances. */
  ofClusterNode: boolean;
}

/**
 * When a subnet is flagged.
 *
 * @public
 */
export interface SubnetRiskOptions {
  /**
   * Fewer free /28 blocks than this, while at least 16 × this many
   * addresses are free, is fragmentation (default 4).
   */
  fewFreeBlocks?: number;
  /** Fewer free addresses than this share of usable ones is `low` (default 0.1). */
  lowAvailableFraction?: number;
}

/**
 * Pod IP facts the cluster computation knows about a subnet.
 *
 * @public
 */
export interface SubnetPodFacts {
  ipFamily: IpFamily;
  podIps?: number;
  podNodes?: number;
  /** Nodes whose new pod IPs come from the subnet as /28 prefixes. */
  prefixNodes?: number;
  /** Nodes whose new pod IPs come from the subnet as single secondary IPs. */
  secondaryIpNodes?: number;
  /** Occupants that could not be read (see `ClusterInventory.unknown`). */
  unknown?: readonly InventoryUnknown[];
}

const AWS_RESERVED_PER_SUBNET = 5;
/** A new prefix-mode node needs its primary IP and one /28. */
const ADDRESSES_PER_NEW_NODE = 17;

/**
 * Everything that occupies a subnet's addresses, as integers: the private
 * IPs and prefixes of its ENIs (the nodes' and everybody else's) and its
 * CIDR reservations. Addresses outside the CIDR are ignored.
 *
 * @public
 */
export function subnetOccupancy(
  subnet: InventorySubnet,
  enis: readonly InventoryNetworkInterface[],
): { range: Ipv4Range; occupancy: SubnetOccupancy } {
  const range = parseIpv4Cidr(subnet.cidr);
  const usedIps: number[] = [];
  const prefixBases: number[] = [];
  for (const eni of enis) {
    for (const address of [eni.primaryIp, ...eni.secondaryIps]) {
      const ip = tryParseIpv4(address);
      if (ip !== undefined && rangeContains(range, ip)) usedIps.push(ip);
    }
    for (const prefix of eni.ipv4Prefixes) {
      const p = tryParseIpv4Cidr(prefix);
      if (p && rangeContains(range, p.base)) prefixBases.push(p.base);
    }
  }
  const reservations = subnet.cidrReservations.flatMap(r => {
    const parsed = tryParseIpv4Cidr(r.cidr);
    return parsed
      ? [{ range: parsed, reservationType: r.reservationType }]
      : [];
  });
  return { range, occupancy: { usedIps, prefixBases, reservations } };
}

function clippedSize(subnet: Ipv4Range, range: Ipv4Range): number {
  const start = Math.max(subnet.base, range.base);
  const end = Math.min(subnet.base + subnet.size, range.base + range.size);
  return Math.max(0, end - start);
}

function subnetStatus(
  usable: number,
  available: number,
  freeBlocks: number,
  ipFamily: IpFamily,
  options: SubnetRiskOptions,
): SubnetStatus {
  // IPv6 pods take no subnet IPv4: never raise IPv4 exhaustion there.
  if (ipFamily === 'ipv6') return 'ok';
  const few = options.fewFreeBlocks ?? 4;
  const lowFraction = options.lowAvailableFraction ?? 0.1;
  if (available <= 0) return 'exhausted';
  if (available < usable * lowFraction) return 'low';
  if (freeBlocks < few && available >= 16 * few) return 'fragmented';
  return 'ok';
}

/**
 * One subnet's usage: usable, used and available addresses, who holds them,
 * its aligned /28 blocks and whether it is at risk.
 *
 * @public
 */
export function computeSubnetUsage(
  subnet: InventorySubnet,
  enis: readonly SubnetNetworkInterface[],
  facts: SubnetPodFacts,
  options: SubnetRiskOptions = {},
): SubnetUsage {
  const { range, occupancy } = subnetOccupancy(
    subnet,
    enis.map(e => e.eni),
  );
  const blocks: SubnetBlocks = classifySubnetBlocks(range, occupancy);
  const usable = Math.max(0, range.size - AWS_RESERVED_PER_SUBNET);
  const available = subnet.availableIpAddressCount;
  const used = usable - available;

  const holders: SubnetHolders = {
    nodePrimaryIps: 0,
    networkInterfacePrimaryIps: 0,
    prefixes: 0,
    prefixAddresses: 0,
    secondaryIps: 0,
    foreignNetworkInterfaces: 0,
    foreignAddresses: 0,
    foreignAddressesByType: {},
    explicitReservationAddresses: 0,
    prefixReservationAddresses: 0,
    unexplained: 0,
  };
  for (const { eni, ofClusterNode } of enis) {
    const primary = eni.primaryIp ? 1 : 0;
    const secondary = eni.secondaryIps.length;
    const prefixes = eni.ipv4Prefixes.length;
    if (ofClusterNode) {
      if ((eni.attachment?.deviceIndex ?? 0) === 0) {
        holders.nodePrimaryIps += primary;
      } else {
        holders.networkInterfacePrimaryIps += primary;
      }
      holders.secondaryIps += secondary;
      holders.prefixes += prefixes;
      holders.prefixAddresses += 16 * prefixes;
    } else {
      const addresses = primary + secondary + 16 * prefixes;
      holders.foreignNetworkInterfaces++;
      holders.foreignAddresses += addresses;
      holders.foreignAddressesByType[eni.interfaceType] =
        (holders.foreignAddressesByType[eni.interfaceType] ?? 0) + addresses;
    }
  }
  for (const r of occupancy.reservations) {
    const size = clippedSize(range, r.range);
    if (r.reservationType === 'explicit') {
      holders.explicitReservationAddresses += size;
    } else {
      holders.prefixReservationAddresses += size;
    }
  }
  const explained =
    holders.nodePrimaryIps +
    holders.networkInterfacePrimaryIps +
    holders.prefixAddresses +
    holders.secondaryIps +
    holders.foreignAddresses;
  holders.unexplained = Math.max(0, used - explained);

  const unknown = facts.unknown ?? [];
  const freeAtMost = blocks.counts.free;
  // Without the subnet's other ENIs, every address EC2 counts as used that no
  // node ENI explains may sit in a different block that looks free: the
  // fewest free blocks there can be is what is left after each takes one.
  const freePrefixBlocks = unknown.includes('otherNetworkInterfaces')
    ? Math.max(0, freeAtMost - holders.unexplained)
    : freeAtMost;
  const status = subnetStatus(
    usable,
    available,
    freePrefixBlocks,
    facts.ipFamily,
    options,
  );
  const prefixNodes = facts.prefixNodes ?? 0;
  const secondaryIpNodes = facts.secondaryIpNodes ?? 0;
  const forPods = prefixNodes + secondaryIpNodes > 0 || (facts.podIps ?? 0) > 0;
  const forNodes = holders.nodePrimaryIps > 0;
  let role: SubnetRole = 'other';
  if (forPods && forNodes) role = 'pods-and-nodes';
  else if (forPods) role = 'pods';
  else if (forNodes) role = 'nodes';
  // A full subnet fails everyone; a fragmented one only the nodes that
  // need whole /28 blocks (how-pod-ips-are-counted.md §5).
  const atRisk =
    status === 'low' ||
    status === 'exhausted' ||
    (status === 'fragmented' && prefixNodes > 0);
  const map = blockMap(blocks);
  return {
    subnetId: subnet.subnetId,
    cidr: subnet.cidr,
    ...(subnet.availabilityZone
      ? { availabilityZone: subnet.availabilityZone }
      : {}),
    size: range.size,
    usable,
    available,
    used,
    holders,
    blocks: blocks.counts,
    freePrefixBlocks,
    ...(unknown.length > 0
      ? { freePrefixBlocksAtMost: freeAtMost, unknown: [...unknown] }
      : {}),
    prefixRoom: 16 * freePrefixBlocks,
    largestFreeBlock: blocks.largestFreeBlock,
    moreNodes: Math.max(
      0,
      Math.min(
        freePrefixBlocks,
        Math.floor(available / ADDRESSES_PER_NEW_NODE),
      ),
    ),
    podIps: facts.podIps ?? 0,
    podNodes: facts.podNodes ?? 0,
    prefixNodes,
    secondaryIpNodes,
    role,
    status,
    atRisk,
    ...(map !== undefined ? { blockMap: map } : {}),
  };
}
