import { SubnetBudgets } from './subnetBudgets';
import { LaunchTarget } from './launchTargets';

/** The subnets a target's next node would use, given what the subnets hold now. */
export interface PickedLanding {
  nodeSubnetId?: string;
  podSubnetId?: string;
  /** The node subnets in the zone, most free IPs first (those not in the snapshot last). */
  candidates: string[];
  /** A node group with several subnets in the zone: EC2 Auto Scaling's pick is not known. */
  ambiguous: boolean;
  /** Some candidate is not in the snapshot, so it may have more free IPs. */
  unknownCandidates: boolean;
}

/** Subnet ids, most free IPs first; ties keep their order (the class's). */
export function byMostAvailable(
  ids: readonly string[],
  budgets: SubnetBudgets,
): string[] {
  return ids
    .map((id, order) => ({ id, order, ips: budgets.get(id)?.ips }))
    .sort(
      (a, b) =>
        (b.ips ?? -Infinity) - (a.ips ?? -Infinity) || a.order - b.order,
    )
    .map(c => c.id);
}

/**
 * Where the next node of a target lands, by Karpenter's rule
 * (how-pod-ips-are-counted.md §7, from its `ZonalSubnetsForLaunch`): the
 * subnet of the zone with the most `AvailableIpAddressCount`, /28 layout
 * ignored. EKS Auto Mode the same. A node group's Auto Scaling group picks
 * its own way; with several subnets in a zone the most free one stands in
 * and the pick is marked ambiguous. Pod IPs come from the pod subnet with
 * the most free IPs when there are several.
 */
export function pickLanding(
  target: LaunchTarget,
  budgets: SubnetBudgets,
): PickedLanding {
  const candidates = byMostAvailable(target.nodeSubnetIds, budgets);
  const nodeSubnetId = candidates.find(id => budgets.has(id));
  let podSubnetId: string | undefined;
  if (target.podSubnetSource === 'node-subnet') podSubnetId = nodeSubnetId;
  else if (target.podSubnetSource !== 'unknown') {
    podSubnetId = byMostAvailable(target.podSubnetIds, budgets)[0];
  }
  return {
    ...(nodeSubnetId ? { nodeSubnetId } : {}),
    ...(podSubnetId ? { podSubnetId } : {}),
    candidates,
    ambiguous: target.rule === 'auto-scaling' && candidates.length > 1,
    unknownCandidates: candidates.some(id => !budgets.has(id)),
  };
}
