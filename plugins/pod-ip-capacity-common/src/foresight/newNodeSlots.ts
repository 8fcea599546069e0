import { ClusterCapacity } from '../types';
import { AddReplicasWhatIf, ForesightContext } from './types';
import { launchTargets, LaunchTarget } from './launchTargets';
import { nodeShapeOf, NodeShape } from './nodeShape';
import { groupBy } from './mostCommon';

/** A group and zone new nodes can go to, and what such a node is like. */
export interface NewNodeSlot {
  target: LaunchTarget;
  shape: NodeShape;
}

/**
 * Where new nodes for a workload can go: every zone of every node group
 * it runs in (in the order given), with a node shape that takes pods.
 * Groups with no known landing or no usable shape are listed as such.
 */
export function newNodeSlots(
  capacity: ClusterCapacity,
  context: ForesightContext,
  groups: readonly string[],
): {
  slots: NewNodeSlot[];
  unplannedGroups: AddReplicasWhatIf['unplannedGroups'];
} {
  const targetsOf = groupBy(
    launchTargets(capacity, context.provisioning).filter(
      t => t.nodeSubnetIds.length > 0,
    ),
    t => t.nodeGroup,
  );
  const nodesOf = groupBy(capacity.nodes, n => n.nodeGroup);
  const slots: NewNodeSlot[] = [];
  const unplannedGroups: AddReplicasWhatIf['unplannedGroups'] = [];
  for (const group of groups) {
    const targets = targetsOf.get(group) ?? [];
    const usable = targets
      .map(target => ({
        target,
        shape: nodeShapeOf(target, nodesOf.get(group) ?? [], context),
      }))
      .filter(slot => (slot.shape.podsPerNode ?? 0) > 0);
    if (targets.length === 0) {
      unplannedGroups.push({ nodeGroup: group, problem: 'no-landing' });
    } else if (usable.length === 0) {
      unplannedGroups.push({ nodeGroup: group, problem: 'no-node-shape' });
    }
    slots.push(...usable);
  }
  return { slots, unplannedGroups };
}
