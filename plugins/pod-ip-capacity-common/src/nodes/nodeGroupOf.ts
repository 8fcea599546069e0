import { InventoryNode } from '../types';

/** Labels that name a node's group, most specific first. */
const NODE_GROUP_LABELS = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'alpha.eksctl.io/nodegroup-name',
  'eks.amazonaws.com/fargate-profile',
];

/**
 * The node group, Karpenter/Auto Mode node pool or Fargate profile a node
 * belongs to, and the label it came from; `(none)` when unlabelled.
 *
 * @public
 */
export function nodeGroupOf(node: Pick<InventoryNode, 'labels'>): {
  name: string;
  source: string;
} {
  for (const label of NODE_GROUP_LABELS) {
    const value = node.labels[label];
    if (value) return { name: value, source: label };
  }
  return { name: '(none)', source: '' };
}
