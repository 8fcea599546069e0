import { InventoryNode } from '../types';
import { COMPUTE_TYPE_LABEL } from '../nodes/nodeIpMode';

const KARPENTER_NODEPOOL = 'karpenter.sh/nodepool';
const MANAGED_NODEGROUP = 'eks.amazonaws.com/nodegroup';

/**
 * How to replace a node so that its ENIs — and every address they hold —
 * go back to the subnet. Draining alone is not enough: the instance keeps
 * its ENIs, primary IP and warm IPs until it terminates.
 *
 * - Karpenter and EKS Auto Mode nodes: deleting the Node runs Karpenter's
 *   termination finalizer (cordon, drain, terminate); the node pool
 *   launches a replacement when pods need one.
 * - Managed node groups: drain, then terminate through the Auto Scaling
 *   group without lowering its desired capacity, so it launches a new one.
 * - Anything else: drain, then terminate the instance.
 */
export function replaceCommands(
  node: Pick<InventoryNode, 'name' | 'instanceId' | 'labels'>,
): string[] {
  const drain = `kubectl drain ${node.name} --ignore-daemonsets --delete-emptydir-data`;
  if (
    node.labels[KARPENTER_NODEPOOL] !== undefined ||
    node.labels[COMPUTE_TYPE_LABEL] === 'auto'
  ) {
    return [`kubectl delete node ${node.name}`];
  }
  if (!node.instanceId) return [drain];
  if (node.labels[MANAGED_NODEGROUP] !== undefined) {
    return [
      drain,
      `aws autoscaling terminate-instance-in-auto-scaling-group --instance-id ${node.instanceId} --no-should-decrement-desired-capacity`,
    ];
  }
  return [
    drain,
    `aws ec2 terminate-instances --instance-ids ${node.instanceId}`,
  ];
}
