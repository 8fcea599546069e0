import { NodeHeadroom, NodeUsage, SubnetUsage } from '../types';

/**
 * What a node's headroom is computed from (all in `NodeUsage`).
 *
 * @public
 */
export interface HeadroomFacts {
  /** Room under the pod limit; undefined when no limit is known. */
  podLimitRoom?: number;
  /** Held IPs no pod uses, less those pending pods will take. */
  fromIdleIps: number;
  freeAddressSlots: number;
  /** False when the instance type is unknown: slots cannot be told. */
  slotsKnown: boolean;
  prefixDelegation: boolean;
  /** EKS Auto Mode falls back to single IPs when the subnet has no free /28. */
  fallbackToSecondaryIps: boolean;
  podSubnetId?: string;
  ipv6: boolean;
}

/**
 * What a subnet can still give: free /28 blocks and free addresses.
 *
 * @public
 */
export interface SubnetBudget {
  blocks: number;
  ips: number;
}

const PREFIX_ADDRESSES = 16;

/**
 * More pods with VPC IPs a node can take before the first wall: the pod
 * limit (pods of any kind count, hostNetwork included), or IPs — idle held
 * ones first, then /28 prefixes its free address slots can attach while its
 * subnet has free aligned blocks (single secondary IPs in secondary-IP mode,
 * bounded by the subnet's free addresses). IPv6 nodes only hit the pod
 * limit. With `consume`, takes what the node would use from `budget`, so
 * that nodes sharing a subnet do not count the same free block twice.
 *
 * @public
 */
export function nodeHeadroom(
  facts: HeadroomFacts,
  budget: SubnetBudget | undefined,
  consume = false,
): NodeHeadroom {
  const podRoom = facts.podLimitRoom ?? Infinity;
  const limitKnown = facts.podLimitRoom !== undefined;
  if (facts.ipv6) {
    return {
      pods: limitKnown ? podRoom : 0,
      ...(limitKnown ? { podLimitRoom: podRoom } : {}),
      fromIdleIps: 0,
      attachablePrefixes: 0,
      attachableSecondaryIps: 0,
      freeAddressSlots: facts.freeAddressSlots,
      wall: limitKnown ? 'pod-limit' : 'unknown',
    };
  }
  const blocks = Math.max(0, budget?.blocks ?? 0);
  const ips = Math.max(0, budget?.ips ?? 0);
  const slots = facts.freeAddressSlots;
  let attachablePrefixes = 0;
  let attachableSecondaryIps = 0;
  let subnetBound: boolean;
  if (facts.prefixDelegation) {
    attachablePrefixes = Math.min(
      slots,
      blocks,
      Math.floor(ips / PREFIX_ADDRESSES),
    );
    subnetBound = attachablePrefixes < slots;
    if (facts.fallbackToSecondaryIps && subnetBound) {
      attachableSecondaryIps = Math.min(
        slots - attachablePrefixes,
        ips - PREFIX_ADDRESSES * attachablePrefixes,
      );
      subnetBound = attachablePrefixes + attachableSecondaryIps < slots;
    }
  } else {
    attachableSecondaryIps = Math.min(slots, ips);
    subnetBound = attachableSecondaryIps < slots;
  }
  const ipRoom =
    facts.fromIdleIps +
    PREFIX_ADDRESSES * attachablePrefixes +
    attachableSecondaryIps;
  const pods = Math.min(podRoom, ipRoom);

  let wall: NodeHeadroom['wall'];
  if (limitKnown && pods === podRoom) wall = 'pod-limit';
  else if (!facts.slotsKnown || (!facts.podSubnetId && slots > 0))
    wall = 'unknown';
  else if (subnetBound) wall = 'subnet';
  else wall = 'instance-ips';

  if (consume && budget) {
    let need = Math.max(0, pods - facts.fromIdleIps);
    const usedPrefixes = Math.min(
      attachablePrefixes,
      Math.ceil(need / PREFIX_ADDRESSES),
    );
    need -= Math.min(need, PREFIX_ADDRESSES * usedPrefixes);
    const usedSecondary = Math.min(attachableSecondaryIps, need);
    budget.blocks -= usedPrefixes;
    budget.ips -= PREFIX_ADDRESSES * usedPrefixes + usedSecondary;
  }

  return {
    pods,
    ...(limitKnown ? { podLimitRoom: podRoom } : {}),
    ipRoom,
    fromIdleIps: facts.fromIdleIps,
    attachablePrefixes,
    attachableSecondaryIps,
    freeAddressSlots: slots,
    wall,
  };
}

/**
 * The facts behind a computed node's headroom, read back from its usage
 * (so headroom over any set of nodes can be recomputed from the snapshot).
 *
 * @public
 */
export function headroomFactsOf(node: NodeUsage): HeadroomFacts {
  return {
    ...(node.headroom.podLimitRoom !== undefined
      ? { podLimitRoom: node.headroom.podLimitRoom }
      : {}),
    fromIdleIps: node.headroom.fromIdleIps,
    freeAddressSlots: node.headroom.freeAddressSlots,
    slotsKnown:
      node.limits.secondaryIp !== undefined && !node.notDescribedByEc2,
    prefixDelegation: node.prefixDelegation,
    fallbackToSecondaryIps: node.mode === 'auto-mode',
    ...(node.podSubnetId ? { podSubnetId: node.podSubnetId } : {}),
    ipv6: node.mode === 'ipv6',
  };
}

/**
 * Headroom of a set of nodes taken together: each node's, in order, with
 * the free /28 blocks and addresses of each subnet shared between them.
 *
 * @public
 */
export function sharedHeadroom(
  nodes: readonly NodeUsage[],
  subnets: readonly SubnetUsage[],
): { pods: number; perNode: NodeHeadroom[] } {
  const budgets = new Map<string, SubnetBudget>();
  for (const s of subnets) {
    budgets.set(s.subnetId, { blocks: s.freePrefixBlocks, ips: s.available });
  }
  let pods = 0;
  const perNode = nodes.map(node => {
    const facts = headroomFactsOf(node);
    const budget = facts.podSubnetId
      ? budgets.get(facts.podSubnetId)
      : undefined;
    const headroom = nodeHeadroom(facts, budget, true);
    pods += headroom.pods;
    return headroom;
  });
  return { pods, perNode };
}
