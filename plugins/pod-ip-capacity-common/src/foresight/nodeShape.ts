import { InventoryInstanceType, NodeUsage } from '../types';
import { maxPodsPrefix, maxPodsSecondaryIp } from '../limits/maxPods';
import { median } from '../forecast/quantile';
import { ForesightContext, WarmTargets } from './types';
import { LaunchTarget } from './launchTargets';
import { podEnis, warmTargetsOf } from './warmPool';

/** EKS Auto Mode caps max pods at 110 (how-pod-ips-are-counted.md §1). */
const AUTO_MODE_MAX_PODS = 110;

/** What a new node of a group is like: taken from the group's nodes. */
export interface NodeShape {
  nodeGroup: string;
  instanceType?: InventoryInstanceType;
  maxPods?: number;
  /** Pods every node runs without a VPC IP (hostNetwork daemons), counted against the pod limit. */
  daemonPods: number;
  /** Pods with VPC IPs a new node takes: its pod limit less its daemons, within its address slots. */
  podsPerNode?: number;
  prefixMode: boolean;
  autoMode: boolean;
  fallbackToSecondaryIps: boolean;
  singleIpsOnly: boolean;
  customNetworking: boolean;
  targets: WarmTargets;
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/**
 * A new node of a target's group: the group's most common instance type
 * and pod limit (Karpenter may choose others: this is what the group runs
 * now), its nodes' usual number of hostNetwork daemons, the target's mode.
 * Without nodes the limit comes from the instance type, if known. A mode
 * not known is taken as secondary-IP, the VPC CNI's default.
 */
export function nodeShapeOf(
  target: LaunchTarget,
  groupNodes: readonly NodeUsage[],
  context: ForesightContext,
): NodeShape {
  const types = new Map(
    (context.instanceTypes ?? []).map(t => [t.instanceType, t]),
  );
  const typeName = mostCommon(
    groupNodes.flatMap(n => (n.instanceType ? [n.instanceType] : [])),
  );
  const instanceType = typeName ? types.get(typeName) : undefined;
  const autoMode = target.kind === 'auto-mode';
  const prefixMode = target.prefixMode ?? false;
  const customNetworking = target.customNetworking;
  const targets = warmTargetsOf(context.provisioning?.cni);

  let maxPods = mostCommon(
    groupNodes.flatMap(n =>
      n.instanceType === typeName && n.limits.effective !== undefined
        ? [n.limits.effective]
        : [],
    ),
  );
  if (maxPods === undefined && instanceType) {
    const options = { customNetworking };
    if (autoMode) {
      maxPods = Math.min(AUTO_MODE_MAX_PODS, maxPodsPrefix(instanceType));
    } else {
      maxPods = prefixMode
        ? maxPodsPrefix(instanceType, options)
        : maxPodsSecondaryIp(instanceType, options);
    }
  }
  const daemonPods =
    groupNodes.length > 0
      ? Math.ceil(median(groupNodes.map(n => n.pods.hostNetwork)))
      : 0;
  let ipCapacity = Infinity;
  if (instanceType) {
    const slots =
      podEnis(instanceType, targets, customNetworking) *
      Math.max(0, instanceType.ipv4AddressesPerInterface - 1);
    ipCapacity = prefixMode && !target.singleIpsOnly ? 16 * slots : slots;
  }
  const byLimit =
    maxPods !== undefined ? Math.max(0, maxPods - daemonPods) : Infinity;
  const podsPerNode = Math.min(byLimit, ipCapacity);
  return {
    nodeGroup: target.nodeGroup,
    ...(instanceType ? { instanceType } : {}),
    ...(maxPods !== undefined ? { maxPods } : {}),
    daemonPods,
    ...(Number.isFinite(podsPerNode) ? { podsPerNode } : {}),
    prefixMode,
    autoMode,
    fallbackToSecondaryIps: target.fallbackToSecondaryIps,
    singleIpsOnly: target.singleIpsOnly,
    customNetworking,
    targets,
  };
}
