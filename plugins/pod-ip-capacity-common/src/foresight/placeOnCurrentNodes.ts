import { HeadroomWall, NodeUsage } from '../types';
import {
  headroomFactsOf,
  nodeHeadroom,
  SubnetBudget,
} from '../nodes/nodeHeadroom';
import { IpStarvedNode, WhatIfFailureReason } from './types';
import { settle, SubnetBudgets } from './subnetBudgets';

/** Replicas placed on a workload's current nodes, and what stops more there. */
export interface CurrentNodesPlacement {
  placed: number;
  walls: HeadroomWall[];
  /** What each node's wall means for a replica sent there. */
  wallReasons: WhatIfFailureReason[];
  ipStarvedNodes: IpStarvedNode[];
}

/** What a node's headroom wall means for the next replica that lands there. */
export function reasonOfWall(
  wall: HeadroomWall,
  node: NodeUsage,
  budget: SubnetBudget | undefined,
): WhatIfFailureReason {
  switch (wall) {
    case 'subnet':
      // Prefix mode asks for a /28 (Auto Mode falls back to single IPs).
      return node.prefixDelegation &&
        node.mode !== 'auto-mode' &&
        (budget?.ips ?? 0) > 0
        ? 'InsufficientCidrBlocks'
        : 'InsufficientFreeAddressesInSubnet';
    case 'instance-ips':
      return 'instance-ips';
    case 'pod-limit':
      return 'pod-limit';
    default:
      return 'unknown';
  }
}

/**
 * Places up to `replicas` on nodes, in order, each taking what its
 * headroom gives (`nodeHeadroom`: pod limit, idle IPs, prefixes it can
 * still attach) from the shared subnet budgets — the best case, as if the
 * scheduler knew about IPs. Notes the nodes whose pod limit admits more
 * pods than their IPs serve: the scheduler (which does not count IPs) can
 * send a replica there, and it gets none.
 */
export function placeOnCurrentNodes(
  nodes: readonly NodeUsage[],
  budgets: SubnetBudgets,
  replicas: number,
): CurrentNodesPlacement {
  const out: CurrentNodesPlacement = {
    placed: 0,
    walls: [],
    wallReasons: [],
    ipStarvedNodes: [],
  };
  for (const node of nodes) {
    const facts = headroomFactsOf(node);
    const budget = facts.podSubnetId
      ? budgets.get(facts.podSubnetId)
      : undefined;
    const room = nodeHeadroom(facts, budget, false);
    const remaining = replicas - out.placed;
    if (remaining > 0) {
      // Capping the pod limit at what is left makes nodeHeadroom take
      // from the shared budget exactly what those replicas need.
      const capped = Math.min(facts.podLimitRoom ?? Infinity, remaining);
      out.placed += nodeHeadroom(
        { ...facts, podLimitRoom: capped },
        budget,
        true,
      ).pods;
      if (budget) settle(budget);
    }
    const reason = reasonOfWall(room.wall, node, budget);
    out.walls.push(room.wall);
    out.wallReasons.push(reason);
    if (facts.podLimitRoom !== undefined && room.pods < facts.podLimitRoom) {
      out.ipStarvedNodes.push({
        nodeName: node.name,
        podsWithoutIps: facts.podLimitRoom - room.pods,
        reason,
        ...(facts.podSubnetId ? { subnetId: facts.podSubnetId } : {}),
      });
    }
  }
  return out;
}
