import {
  EniUsage,
  InventoryInstance,
  InventoryInstanceType,
  InventoryNode,
  IpFamily,
  NodePodCounts,
  NodePodLimits,
  NodeUsage,
  SubnetUsage,
} from '../types';
import { maxPodsPrefix, maxPodsSecondaryIp } from '../limits/maxPods';
import { nodeGroupOf } from './nodeGroupOf';
import { nodeIpMode, NodeIpModeFacts } from './nodeIpMode';
import { nodeHeadroom } from './nodeHeadroom';

/** EKS Auto Mode caps max pods at 110 whatever the instance size. */
const AUTO_MODE_MAX_PODS = 110;
/** A Fargate node runs one pod. */
const FARGATE_MAX_PODS = 1;

/**
 * Everything one node's usage is computed from.
 *
 * @public
 */
export interface NodeUsageInput {
  node: InventoryNode;
  instance?: InventoryInstance;
  instanceType?: InventoryInstanceType;
  ipFamily: IpFamily;
  /** The node's pod counts (see `countNodePods`). */
  pods: NodePodCounts;
  /** Its ENIs' usage, with the pod IPs attributed to them. */
  networkInterfaces: EniUsage[];
  /** The cluster's subnets by id, for the headroom of attachable prefixes. */
  subnets: ReadonlyMap<string, SubnetUsage>;
}

function podLimits(
  node: InventoryNode,
  type: InventoryInstanceType | undefined,
  modeFacts: NodeIpModeFacts,
): NodePodLimits {
  const limits: NodePodLimits = {};
  if (node.allocatablePods !== undefined)
    limits.allocatable = node.allocatablePods;
  if (type) {
    limits.secondaryIp = maxPodsSecondaryIp(type);
    limits.customNetworking = maxPodsSecondaryIp(type, {
      customNetworking: true,
    });
    limits.prefix = maxPodsPrefix(type);
  }
  // The kubelet's allocatable is the real limit; the ENI-derived limit of
  // the node's mode stands in when it is unknown.
  let derived: number | undefined;
  switch (modeFacts.mode) {
    case 'fargate':
      derived = FARGATE_MAX_PODS;
      break;
    case 'auto-mode':
      derived = Math.min(
        AUTO_MODE_MAX_PODS,
        limits.prefix ?? AUTO_MODE_MAX_PODS,
      );
      break;
    case 'custom-networking':
      derived =
        type &&
        (modeFacts.prefixDelegation
          ? maxPodsPrefix(type, { customNetworking: true })
          : limits.customNetworking);
      break;
    case 'prefix':
    case 'ipv6':
      derived = limits.prefix;
      break;
    case 'secondary-ip':
      derived = limits.secondaryIp;
      break;
    default:
      derived = undefined;
  }
  const effective = limits.allocatable ?? derived;
  if (effective !== undefined) limits.effective = effective;
  return limits;
}

/**
 * Address slots the instance type still allows on the default network
 * card: on each attached pod ENI, `Ipv4AddressesPerInterface − 1` (the
 * primary IP takes one) less its secondary IPs and prefixes; plus that many
 * on every ENI it could still attach.
 */
function freeAddressSlots(
  instance: InventoryInstance | undefined,
  type: InventoryInstanceType | undefined,
  modeFacts: NodeIpModeFacts,
): number {
  if (!instance || !type) return 0;
  const perEni = Math.max(0, type.ipv4AddressesPerInterface - 1);
  const onDefaultCard = instance.networkInterfaces.filter(
    e => (e.attachment?.networkCardIndex ?? 0) === 0,
  );
  let slots = 0;
  for (const eni of modeFacts.podNetworkInterfaces) {
    slots += Math.max(
      0,
      perEni - eni.secondaryIps.length - eni.ipv4Prefixes.length,
    );
  }
  const freeEnis = Math.max(
    0,
    type.maximumNetworkInterfaces - onDefaultCard.length,
  );
  return slots + freeEnis * perEni;
}

/**
 * One node's pod IP usage: held, used and idle IPs, pod limits, and
 * headroom (how-pod-ips-are-counted.md §1, §4). Headroom here is the node's alone: nodes
 * sharing a subnet each see all its free blocks (the cluster totals share
 * them, see `sharedHeadroom`).
 *
 * @public
 */
export function computeNodeUsage(input: NodeUsageInput): NodeUsage {
  const { node, instance, instanceType, ipFamily, pods, networkInterfaces } =
    input;
  const modeFacts = nodeIpMode(node, instance, ipFamily);
  const limits = podLimits(node, instanceType, modeFacts);
  const held = networkInterfaces.reduce((sum, e) => sum + e.total, 0);
  const used = networkInterfaces.reduce((sum, e) => sum + e.assigned, 0);
  const idle = held - used;
  const slots = freeAddressSlots(instance, instanceType, modeFacts);
  // An instance EC2 did not describe has ENIs we cannot see: its room is
  // unknown, never "the instance's IPs are used up".
  const notDescribedByEc2 = !!node.instanceId && !instance;
  const subnet = modeFacts.podSubnetId
    ? input.subnets.get(modeFacts.podSubnetId)
    : undefined;
  const headroom = nodeHeadroom(
    {
      ...(limits.effective !== undefined
        ? { podLimitRoom: Math.max(0, limits.effective - pods.total) }
        : {}),
      // Pods already scheduled here but still waiting for an IP take idle IPs first.
      fromIdleIps: Math.max(0, idle - pods.pendingWithoutIp),
      freeAddressSlots: slots,
      slotsKnown: instanceType !== undefined && !notDescribedByEc2,
      prefixDelegation: modeFacts.prefixDelegation,
      fallbackToSecondaryIps: modeFacts.mode === 'auto-mode',
      ...(modeFacts.podSubnetId ? { podSubnetId: modeFacts.podSubnetId } : {}),
      ipv6: modeFacts.mode === 'ipv6',
    },
    subnet && { blocks: subnet.freePrefixBlocks, ips: subnet.available },
  );
  const group = nodeGroupOf(node);
  const instanceTypeName = node.instanceType ?? instance?.instanceType;
  const zone = node.zone ?? instance?.availabilityZone;
  return {
    name: node.name,
    ...(node.instanceId ? { instanceId: node.instanceId } : {}),
    ...(instanceTypeName ? { instanceType: instanceTypeName } : {}),
    ...(zone ? { zone } : {}),
    nodeGroup: group.name,
    ...(notDescribedByEc2 ? { notDescribedByEc2 } : {}),
    mode: modeFacts.mode,
    prefixDelegation: modeFacts.prefixDelegation,
    customNetworking: modeFacts.customNetworking,
    ...(modeFacts.podSubnetId ? { podSubnetId: modeFacts.podSubnetId } : {}),
    pods,
    ips: { held, used, idle },
    limits,
    headroom,
    networkInterfaces,
  };
}
