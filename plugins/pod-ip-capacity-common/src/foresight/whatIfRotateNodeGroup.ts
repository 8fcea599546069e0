import { ClusterCapacity } from '../types';
import {
  ForesightContext,
  RotationNode,
  RotationWhatIf,
  WhatIfFailure,
} from './types';
import { launchTargets, LaunchTarget } from './launchTargets';
import { targetLike } from './targetLike';
import { pickLanding } from './pickLanding';
import { subnetBudgets, subnetChanges } from './subnetBudgets';
import { nodeShapeOf, NodeShape } from './nodeShape';
import { launchNode } from './launchNode';

/**
 * Options of `whatIfRotateNodeGroup`.
 *
 * @public
 */
export interface RotationOptions {
  /** New nodes up at once before old ones drain (default: all, as when a group is replaced). */
  concurrent?: number;
}

/**
 * "Rotate node group G" (how-pod-ips-are-counted.md §7): every old node
 * gets a new one in its zone, landing by the group's rule, which needs its
 * own address and its first prefix (prefix mode: 17 addresses with
 * `WARM_PREFIX_TARGET=1`) or its warm IPs (secondary-IP mode) before the
 * old node drains. The new nodes come up one after the other, each taking
 * from the subnets what it needs, so a subnet can serve the first ones and
 * not the last. A group whose launch rule is not known gets its new nodes
 * where the old ones are. O(nodes × subnets of a zone).
 *
 * @public
 */
export function whatIfRotateNodeGroup(
  capacity: ClusterCapacity,
  nodeGroup: string,
  context: ForesightContext = {},
  options: RotationOptions = {},
): RotationWhatIf {
  const old = capacity.nodes
    .filter(n => n.nodeGroup === nodeGroup)
    .sort((a, b) => a.name.localeCompare(b.name));
  const concurrent = Math.max(
    0,
    Math.min(old.length, Math.floor(options.concurrent ?? old.length)),
  );
  const targets = launchTargets(capacity, context.provisioning).filter(
    t => t.nodeGroup === nodeGroup && t.nodeSubnetIds.length > 0,
  );
  const budgets = subnetBudgets(capacity.subnets);
  const newNodes: RotationNode[] = [];
  let firstFailure: WhatIfFailure | null = null;
  // One shape per kind of target, not per node: it reads every old node.
  const shapes = new Map<string, NodeShape>();
  const shapeOf = (target: LaunchTarget) => {
    const key = [
      target.kind,
      target.prefixMode,
      target.customNetworking,
      target.singleIpsOnly,
      target.fallbackToSecondaryIps,
    ].join('|');
    let shape = shapes.get(key);
    if (!shape) shapes.set(key, (shape = nodeShapeOf(target, old, context)));
    return shape;
  };

  old.slice(0, concurrent).forEach((oldNode, i) => {
    const target =
      targets.find(t => t.zone === oldNode.zone) ?? targetLike(oldNode);
    const shape = shapeOf(target);
    const pick = pickLanding(target, budgets);
    const zone = oldNode.zone ?? target.zone;
    const node: RotationNode = {
      replaces: oldNode.name,
      ...(zone ? { zone } : {}),
      ...(pick.nodeSubnetId ? { nodeSubnetId: pick.nodeSubnetId } : {}),
      ...(pick.podSubnetId ? { podSubnetId: pick.podSubnetId } : {}),
      addresses: 0,
      prefixes: 0,
    };
    let subnetId: string | undefined;
    if (!pick.nodeSubnetId || !pick.podSubnetId) {
      node.failure = 'unknown';
    } else {
      const outcome = launchNode(
        budgets,
        { nodeSubnetId: pick.nodeSubnetId, podSubnetId: pick.podSubnetId },
        shape,
        0,
      );
      node.addresses = outcome.addresses;
      node.prefixes = outcome.prefixes;
      const shortfall = outcome.shortfalls.find(
        s => !s.fallsBackToSecondaryIps,
      );
      if (outcome.failed) node.failure = shortfall?.error ?? 'unknown';
      subnetId = shortfall?.subnetId;
    }
    newNodes.push(node);
    if (node.failure && !firstFailure) {
      firstFailure = {
        reason: node.failure,
        nodeGroup,
        ...(zone ? { zone } : {}),
        ...(subnetId ? { subnetId } : {}),
        at: i + 1,
      };
    }
  });

  return {
    nodeGroup,
    nodes: old.length,
    concurrent,
    newNodes,
    fits: firstFailure === null,
    firstFailure,
    subnets: subnetChanges(capacity.subnets, budgets),
  };
}
