import { ClusterCapacity, HeadroomWall, WorkloadUsage } from '../types';
import {
  AddReplicasWhatIf,
  ForesightContext,
  NewNodes,
  WhatIfFailure,
  WhatIfFailureReason,
} from './types';
import { pickLanding } from './pickLanding';
import { subnetBudgets, subnetChanges } from './subnetBudgets';
import { launchNode } from './launchNode';
import { placeOnCurrentNodes } from './placeOnCurrentNodes';
import { newNodeSlots, NewNodeSlot } from './newNodeSlots';
import { mostCommon } from './mostCommon';

/**
 * Options of `whatIfAddReplicas`.
 *
 * @public
 */
export interface AddReplicasOptions {
  /** Most new nodes the simulation launches (default 1,000). */
  maxNewNodes?: number;
}

/** New nodes the rest takes by pod and address limits alone, round-robin over the slots. */
function nodesNeeded(
  rest: number,
  slots: readonly NewNodeSlot[],
  max: number,
): number {
  let nodes = 0;
  let left = rest;
  while (left > 0 && slots.length > 0 && nodes < max) {
    left -= slots[nodes % slots.length].shape.podsPerNode!;
    nodes++;
  }
  return nodes;
}

/**
 * "Add N replicas of this service" (how-pod-ips-are-counted.md §5, §7), in
 * one cluster:
 *
 * 1. On the nodes it runs on now: as many as their headroom gives
 *    (`nodeHeadroom`: pod limits, idle IPs, attachable prefixes), the
 *    subnets' free blocks shared between them.
 * 2. A node whose pod limit admits more than its IPs serve is where the
 *    next replica fails: the scheduler does not count IPs, so it sends a
 *    pod there before any new node is launched.
 * 3. The rest on new nodes of the node groups it runs in (most of its pods
 *    first), round-robin over their zones, each landing by the group's
 *    rule with what the subnets hold at that moment and taking its
 *    address, its prefixes or IPs (its warm pool included) as it comes up.
 *
 * Stops at the first replica that gets no IP, and says why: the AWS error
 * of its subnet, the instance's address slots, or the pod limit with no
 * known way to add a node. O(nodes + subnets + new nodes × subnets of a
 * zone).
 *
 * @public
 */
export function whatIfAddReplicas(
  capacity: ClusterCapacity,
  workload: WorkloadUsage,
  replicas: number,
  context: ForesightContext = {},
  options: AddReplicasOptions = {},
): AddReplicasWhatIf {
  const requested = Math.max(0, Math.floor(replicas));
  const maxNewNodes = options.maxNewNodes ?? 1000;
  const budgets = subnetBudgets(capacity.subnets);
  const byName = new Map(capacity.nodes.map(n => [n.name, n]));
  const mine = workload.nodes.filter(w => w.cluster === capacity.cluster);
  const current = mine
    .flatMap(w => byName.get(w.node.name) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name));

  const onCurrent = placeOnCurrentNodes(current, budgets, requested);
  let placed = onCurrent.placed;
  let firstFailure: WhatIfFailure | null = null;
  const starved = onCurrent.ipStarvedNodes[0];
  if (placed < requested && starved) {
    const node = byName.get(starved.nodeName)!;
    firstFailure = {
      reason: starved.reason,
      nodeName: node.name,
      nodeGroup: node.nodeGroup,
      ...(node.zone ? { zone: node.zone } : {}),
      ...(starved.subnetId ? { subnetId: starved.subnetId } : {}),
      at: placed + 1,
    };
  }

  const podsPerGroup = new Map<string, number>();
  for (const w of mine) {
    const group = w.node.nodeGroup;
    podsPerGroup.set(group, (podsPerGroup.get(group) ?? 0) + w.workloadPods);
  }
  const groups = [...podsPerGroup.keys()].sort(
    (a, b) => podsPerGroup.get(b)! - podsPerGroup.get(a)! || a.localeCompare(b),
  );
  const { slots, unplannedGroups } = newNodeSlots(capacity, context, groups);
  const newNodesNeeded = nodesNeeded(requested - placed, slots, maxNewNodes);
  if (placed < requested && !firstFailure && slots.length === 0) {
    firstFailure = {
      reason: mostCommon(
        onCurrent.wallReasons,
        'unknown' as WhatIfFailureReason,
      ),
      at: placed + 1,
    };
  }

  const newNodes = new Map<string, NewNodes>();
  let launched = 0;
  while (placed < requested && !firstFailure && launched < maxNewNodes) {
    const { target, shape } = slots[launched % slots.length];
    const where = { nodeGroup: target.nodeGroup, zone: target.zone };
    const { nodeSubnetId, podSubnetId } = pickLanding(target, budgets);
    if (!nodeSubnetId || !podSubnetId) {
      firstFailure = { reason: 'unknown', ...where, at: placed + 1 };
      break;
    }
    const pods = Math.min(requested - placed, shape.podsPerNode!);
    const outcome = launchNode(
      budgets,
      { nodeSubnetId, podSubnetId },
      shape,
      pods,
    );
    launched++;
    const key = [target.nodeGroup, target.zone, nodeSubnetId, podSubnetId].join(
      '|',
    );
    const entry = newNodes.get(key) ?? {
      ...where,
      nodeSubnetId,
      podSubnetId,
      nodes: 0,
      replicas: 0,
    };
    entry.nodes++;
    entry.replicas += outcome.podsWithIps;
    newNodes.set(key, entry);
    placed += outcome.podsWithIps;
    if (outcome.podsWithIps < pods) {
      const shortfall =
        outcome.shortfalls.find(s => !s.fallsBackToSecondaryIps) ??
        outcome.shortfalls[0];
      firstFailure = {
        reason: shortfall?.error ?? 'unknown',
        ...where,
        ...(shortfall ? { subnetId: shortfall.subnetId } : {}),
        at: placed + 1,
      };
    }
  }

  return {
    requested,
    placed,
    onCurrentNodes: onCurrent.placed,
    currentNodesWall: mostCommon(onCurrent.walls, 'unknown' as HeadroomWall),
    ipStarvedNodes: onCurrent.ipStarvedNodes,
    newNodes: [...newNodes.values()],
    newNodesNeeded,
    newNodesCapped: placed < requested && !firstFailure,
    firstFailure,
    subnets: subnetChanges(capacity.subnets, budgets),
    unplannedGroups,
  };
}
