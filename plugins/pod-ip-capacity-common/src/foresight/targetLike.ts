import { NodeUsage } from '../types';
import { LaunchTarget, nodeSubnetOf } from './launchTargets';

/**
 * A target that puts a replacement node where an existing node is: its
 * node subnet, its pod subnet. For rotating a group whose launch rule is
 * not known.
 */
export function targetLike(node: NodeUsage): LaunchTarget {
  const nodeSubnetId = nodeSubnetOf(node);
  const separatePods = !!node.podSubnetId && node.podSubnetId !== nodeSubnetId;
  const auto = node.mode === 'auto-mode';
  return {
    nodeGroup: node.nodeGroup,
    kind: auto ? 'auto-mode' : 'node-group',
    zone: node.zone ?? '',
    rule: 'auto-scaling',
    nodeSubnetIds: nodeSubnetId ? [nodeSubnetId] : [],
    podSubnetSource: separatePods ? 'current-nodes' : 'node-subnet',
    podSubnetIds: separatePods ? [node.podSubnetId!] : [],
    prefixMode: node.prefixDelegation,
    fallbackToSecondaryIps: auto && node.prefixDelegation,
    singleIpsOnly: false,
    customNetworking: node.customNetworking,
    subnetDiscovery: false,
    problems: [],
  };
}
