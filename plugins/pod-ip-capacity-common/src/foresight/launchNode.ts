import { SubnetBudget } from '../nodes/nodeHeadroom';
import { AddressError, LandingWarning } from './types';
import { SubnetBudgets, takePrefix, takeSingleIps } from './subnetBudgets';
import { NodeShape } from './nodeShape';
import { warmIps, warmPrefixes } from './warmPool';

const PREFIX_ADDRESSES = 16;

/** A request a subnet could not serve. */
export type Shortfall = Omit<LandingWarning, 'workingSubnetId'>;

/** What one new node took, and what it could not get. */
export interface LaunchOutcome {
  /** Addresses it took: its own, ENI addresses, 16 per prefix, secondary IPs. */
  addresses: number;
  prefixes: number;
  /** Of its pods, those that got an IP. */
  podsWithIps: number;
  shortfalls: Shortfall[];
  /** A request it needs failed: its own address, its first prefix (or what its pods need), its warm IPs. */
  failed: boolean;
  /** A subnet is not in the snapshot: nothing could be told. */
  unknown: boolean;
}

/** `InsufficientCidrBlocks` while addresses are free; `InsufficientFreeAddressesInSubnet` when none are. */
export function addressErrorOf(budget: SubnetBudget): AddressError {
  return budget.ips > 0
    ? 'InsufficientCidrBlocks'
    : 'InsufficientFreeAddressesInSubnet';
}

/**
 * Launches one new node with `pods` pods into a node subnet and a pod
 * subnet, taking from `budgets` what it asks for (how-pod-ips-are-counted.md §7):
 * its own address; then in prefix mode the ENI addresses its prefixes
 * need beyond the primary ENI (every pod ENI under custom networking) and
 * its prefixes — the first ones it needs for its pods must be granted,
 * the rest of its warm pool is taken while blocks are free (EKS Auto Mode
 * takes single IPs when no /28 is left); in secondary-IP mode its warm
 * IPs and their ENIs' addresses, all needed (the CNI asks for an ENI's
 * worth at once).
 */
export function launchNode(
  budgets: SubnetBudgets,
  landing: { nodeSubnetId: string; podSubnetId: string },
  shape: NodeShape,
  pods: number,
): LaunchOutcome {
  const out: LaunchOutcome = {
    addresses: 0,
    prefixes: 0,
    podsWithIps: 0,
    shortfalls: [],
    failed: false,
    unknown: false,
  };
  const nodeSubnet = budgets.get(landing.nodeSubnetId);
  const podSubnet = budgets.get(landing.podSubnetId);
  if (!nodeSubnet || !podSubnet) {
    return { ...out, failed: true, unknown: true };
  }
  const short = (
    budget: SubnetBudget,
    subnetId: string,
    request: Shortfall['request'],
    needed: number,
    error: AddressError = addressErrorOf(budget),
    fallsBackToSecondaryIps = false,
  ) =>
    out.shortfalls.push({
      error,
      request,
      subnetId,
      available: budget.ips,
      freePrefixBlocks: budget.blocks,
      needed,
      fallsBackToSecondaryIps,
    });

  if (nodeSubnet.ips < 1) {
    short(nodeSubnet, landing.nodeSubnetId, 'node-ip', 1);
    return { ...out, failed: true };
  }
  out.addresses += takeSingleIps(nodeSubnet, 1);

  const limits = {
    ...(shape.maxPods !== undefined ? { maxPods: shape.maxPods } : {}),
    ...(shape.instanceType ? { instanceType: shape.instanceType } : {}),
    customNetworking: shape.customNetworking,
  };
  const perEni = shape.instanceType
    ? Math.max(1, shape.instanceType.ipv4AddressesPerInterface - 1)
    : Infinity;
  const forPods = Math.max(1, Math.ceil(pods / PREFIX_ADDRESSES));

  if (shape.prefixMode && !shape.singleIpsOnly) {
    // Auto Mode's own pool is not documented: at least what its pods need.
    const wanted = shape.autoMode
      ? forPods
      : warmPrefixes(pods, shape.targets, limits).prefixes ?? forPods;
    const required = Math.min(wanted, forPods);
    const enis = Math.max(1, Math.ceil(wanted / perEni));
    const eniAddresses = shape.customNetworking ? enis : enis - 1;
    if (eniAddresses > 0) {
      const got = takeSingleIps(podSubnet, eniAddresses);
      out.addresses += got;
      if (got < eniAddresses) {
        short(
          podSubnet,
          landing.podSubnetId,
          'pod-eni',
          1,
          'InsufficientFreeAddressesInSubnet',
        );
        return { ...out, failed: true };
      }
    }
    while (out.prefixes < wanted && takePrefix(podSubnet)) out.prefixes++;
    out.addresses += PREFIX_ADDRESSES * out.prefixes;
    let podIps = Math.min(pods, PREFIX_ADDRESSES * out.prefixes);
    if (out.prefixes < required) {
      short(
        podSubnet,
        landing.podSubnetId,
        'prefix',
        PREFIX_ADDRESSES,
        addressErrorOf(podSubnet),
        shape.fallbackToSecondaryIps,
      );
      if (shape.fallbackToSecondaryIps) {
        if (podSubnet.ips < pods - podIps) {
          short(
            podSubnet,
            landing.podSubnetId,
            'secondary-ips',
            pods - podIps,
            'InsufficientFreeAddressesInSubnet',
          );
        }
        const singles = takeSingleIps(podSubnet, pods - podIps);
        out.addresses += singles;
        podIps += singles;
      }
      out.failed = !shape.fallbackToSecondaryIps || podIps < pods;
    }
    out.podsWithIps = podIps;
    return out;
  }

  let eniAddresses = 0;
  let wantedIps: number;
  if (shape.singleIpsOnly) {
    wantedIps = pods;
  } else {
    const pool = warmIps(pods, shape.targets, limits);
    // Without the instance type an ENI's size is unknown: at least the pods' IPs.
    wantedIps = Math.max(pods, pool?.addresses ?? 1);
    const enis = pool?.enis ?? 1;
    eniAddresses = shape.customNetworking ? enis : Math.max(0, enis - 1);
  }
  const wanted = eniAddresses + wantedIps;
  if (podSubnet.ips < wanted) {
    short(
      podSubnet,
      landing.podSubnetId,
      'secondary-ips',
      wanted,
      'InsufficientFreeAddressesInSubnet',
    );
    out.failed = true;
  }
  const got = takeSingleIps(podSubnet, wanted);
  out.addresses += got;
  out.podsWithIps = Math.min(pods, Math.max(0, got - eniAddresses));
  return out;
}
