import { InventoryUnknown, IpFamily } from './inventory';

/**
 * The engine's output, which is also the REST contract: plain JSON that the
 * backend serves and the frontend renders unchanged. Addresses are strings;
 * lists of addresses are sorted numerically.
 */

/**
 * One /28 prefix delegated to an ENI.
 *
 * @public
 */
export interface PrefixUsage {
  cidr: string;
  /** Addresses in the prefix: 16 for a /28, all usable by pods. */
  total: number;
  /** Pod IPs inside the prefix. */
  assigned: number;
  /** `total - assigned`. */
  available: number;
  /** The pod IPs inside the prefix, sorted numerically. */
  podIps: string[];
}

/**
 * The secondary IPs of an ENI (secondary-IP mode, or Auto Mode's fallback).
 *
 * @public
 */
export interface SecondaryIpUsage {
  /** Secondary IPs the ENI holds. */
  total: number;
  /** Those used as pod IPs. */
  assigned: number;
  available: number;
  podIps: string[];
}

/**
 * How an ENI hands out pod IPs: /28 prefixes, single secondary IPs, or not
 * at all (for example the primary ENI under custom networking).
 *
 * @public
 */
export type EniMode = 'prefix' | 'secondary-ip' | 'none';

/**
 * One ENI of a node, as in the per-ENI report (how-pod-ips-are-counted.md §6), plus
 * secondary IPs.
 *
 * @public
 */
export interface EniUsage {
  networkInterfaceId: string;
  interfaceType: string;
  deviceIndex: number;
  networkCardIndex: number;
  primaryIp?: string;
  subnetId: string;
  /** The subnet's CIDR; absent when the subnet was not described. */
  subnetCidr?: string;
  mode: EniMode;
  prefixes: PrefixUsage[];
  secondaryIps: SecondaryIpUsage;
  /** Pod IP addresses the ENI holds: 16 per prefix plus its secondary IPs. */
  total: number;
  assigned: number;
  available: number;
  ipv6Prefixes: string[];
}

/**
 * How a node gets pod IPs.
 *
 * @public
 */
export type NodeIpMode =
  | 'prefix'
  | 'secondary-ip'
  | 'custom-networking'
  | 'auto-mode'
  | 'fargate'
  | 'ipv6'
  | 'unknown';

/**
 * A pod density limit of a node.
 *
 * @public
 */
export interface NodePodLimits {
  /** `status.allocatable.pods`: the kubelet's real limit. */
  allocatable?: number;
  /** What the ENIs allow in secondary-IP mode (max-pods calculator, capped at 110/250 by vCPUs). */
  secondaryIp?: number;
  /** Same, with custom networking (the primary ENI holds no pod IPs). */
  customNetworking?: number;
  /** What the ENIs allow in prefix mode (capped at 110/250 by vCPUs). */
  prefix?: number;
  /** The limit headroom is measured against: `allocatable`, else the limit of the node's mode. */
  effective?: number;
}

/**
 * What stops a node (or a workload) from taking more pods with VPC IPs.
 * `pod-limit`: the kubelet's pod limit; `instance-ips`: the ENI/address
 * slots of the instance type; `subnet`: the subnet has no more free /28
 * blocks (prefix mode) or addresses; `unknown`: no data to tell.
 *
 * @public
 */
export type HeadroomWall = 'pod-limit' | 'instance-ips' | 'subnet' | 'unknown';

/**
 * How many more pods with VPC IPs fit, and where they come from.
 *
 * @public
 */
export interface NodeHeadroom {
  /** More pods with VPC IPs that fit before the first wall. */
  pods: number;
  /** Room under the pod limit (pods of any kind, hostNetwork included). */
  podLimitRoom?: number;
  /** Room in IPs: idle held IPs plus what could still be attached; absent in IPv6 clusters. */
  ipRoom?: number;
  /** Held IPs not yet used by a pod, less those pending pods will take. */
  fromIdleIps: number;
  /** Prefixes the node could still attach (free ENI slots × free /28 blocks of its subnet). */
  attachablePrefixes: number;
  /** Single secondary IPs the node could still attach. */
  attachableSecondaryIps: number;
  /**
   * Address slots (each a /28 prefix or one secondary IP) the instance type
   * still allows: free slots on attached ENIs plus those of ENIs it could
   * still attach. 0 when the instance type is unknown.
   */
  freeAddressSlots: number;
  wall: HeadroomWall;
}

/**
 * Pod counts on a node.
 *
 * @public
 */
export interface NodePodCounts {
  /** Pods counted against the pod limit: not Succeeded/Failed, hostNetwork included. */
  total: number;
  /** Pods holding a VPC pod IP (attributed or not). */
  withVpcIp: number;
  hostNetwork: number;
  /** Scheduled pods still waiting for an IP. */
  pendingWithoutIp: number;
  /** Succeeded/Failed pods whose `podIP` is stale: not counted anywhere else. */
  completedWithStaleIp: number;
  /** Pods with a VPC IP found in none of the node's prefixes or secondary IPs. */
  unattributed: number;
}

/**
 * Pod IPs a node holds.
 *
 * @public
 */
export interface NodeIpUsage {
  /** Addresses held for pods: prefix addresses plus secondary IPs. */
  held: number;
  /** Held addresses used by pods. */
  used: number;
  /** Held but unused: the cost of prefix granularity and warm targets. */
  idle: number;
}

/**
 * One node's pod IP usage.
 *
 * @public
 */
export interface NodeUsage {
  name: string;
  instanceId?: string;
  instanceType?: string;
  zone?: string;
  /** The node group, node pool or Fargate profile the node belongs to. */
  nodeGroup: string;
  /**
   * True when the node names an EC2 instance that EC2 did not describe (wrong
   * account or region, or hidden as a managed resource): its ENIs, held IPs
   * and headroom are unknown, not zero.
   */
  notDescribedByEc2?: boolean;
  mode: NodeIpMode;
  /** True when pods get IPs from /28 prefixes. */
  prefixDelegation: boolean;
  /** True when pods get IPs only from secondary ENIs (custom networking). */
  customNetworking: boolean;
  /** The subnet new pod IPs would come from. */
  podSubnetId?: string;
  pods: NodePodCounts;
  ips: NodeIpUsage;
  limits: NodePodLimits;
  headroom: NodeHeadroom;
  networkInterfaces: EniUsage[];
}

/**
 * A pod whose VPC IP lies in none of its node's prefixes or secondary IPs.
 *
 * @public
 */
export interface UnattributedPod {
  namespace: string;
  name: string;
  nodeName?: string;
  podIp: string;
  /**
   * `branch-eni`: the IP is a branch ENI's (security groups for pods);
   * `fargate`: a Fargate pod; `other-eni`: the IP belongs to an ENI that is
   * not this node's; `node-not-described`: EC2 did not describe the pod's
   * node, so its ENIs are unknown; `unknown`: no ENI we know holds it.
   */
  reason:
    | 'branch-eni'
    | 'fargate'
    | 'other-eni'
    | 'node-not-described'
    | 'unknown';
  /** The ENI holding the IP, when known. */
  networkInterfaceId?: string;
  subnetId?: string;
}

/**
 * Who holds a subnet's addresses. Counts are addresses unless named otherwise.
 *
 * @public
 */
export interface SubnetHolders {
  /** Primary IPs of the nodes' primary ENIs (the node IPs). */
  nodePrimaryIps: number;
  /** Primary IPs of the nodes' other ENIs. */
  networkInterfacePrimaryIps: number;
  /** Number of /28 prefixes on the nodes' ENIs. */
  prefixes: number;
  /** Addresses in those prefixes (16 each). */
  prefixAddresses: number;
  /** Secondary IPs on the nodes' ENIs. */
  secondaryIps: number;
  /** ENIs in the subnet that belong to none of the cluster's nodes. */
  foreignNetworkInterfaces: number;
  /** Addresses those foreign ENIs hold (IPs plus prefix addresses). */
  foreignAddresses: number;
  /** Foreign addresses by interface type (`branch`, `lambda`, `interface`…). */
  foreignAddressesByType: Record<string, number>;
  /** Addresses inside `explicit` CIDR reservations. */
  explicitReservationAddresses: number;
  /** Addresses inside `prefix` CIDR reservations. */
  prefixReservationAddresses: number;
  /** Used addresses (per `AvailableIpAddressCount`) that no ENI above explains. */
  unexplained: number;
}

/**
 * The subnet split into aligned /28 blocks, each in exactly one state.
 *
 * @public
 */
export interface SubnetBlockCounts {
  /** All aligned /28 blocks: 2^(28 − prefix length). */
  total: number;
  /** Contain an AWS-reserved address (the first four, the last). */
  reserved: number;
  /** Are a prefix delegated to an ENI. */
  allocated: number;
  /** Contain a used IP: useless for prefixes. */
  fragmented: number;
  /** Overlap an `explicit` CIDR reservation. */
  unavailable: number;
  /** Free: entirely unused and unreserved. */
  free: number;
  /** Free blocks inside a `prefix` reservation (counted in `free` too). */
  freeInPrefixReservation: number;
}

/**
 * The largest free aligned block of a subnet.
 *
 * @public
 */
export interface FreeBlock {
  cidr: string;
  prefixLength: number;
  addresses: number;
}

/**
 * How a subnet stands: `ok`; `fragmented` when free addresses are plentiful
 * but free /28 blocks are few or none (new prefixes fail with
 * `InsufficientCidrBlocks`); `low` when few addresses are left;
 * `exhausted` when none are.
 *
 * @public
 */
export type SubnetStatus = 'ok' | 'fragmented' | 'low' | 'exhausted';

/**
 * One subnet's usage.
 *
 * @public
 */
export interface SubnetUsage {
  subnetId: string;
  cidr: string;
  availabilityZone?: string;
  /** All addresses of the CIDR. */
  size: number;
  /** `size − 5`: AWS reserves the first four addresses and the last. */
  usable: number;
  /** `AvailableIpAddressCount`. */
  available: number;
  /** `usable − available`. */
  used: number;
  holders: SubnetHolders;
  blocks: SubnetBlockCounts;
  /**
   * Free aligned /28 blocks: how many more prefixes the subnet can take (an
   * upper bound, as EC2 may hold back ranges it does not show). When some
   * occupants are `unknown`, the fewest there can be.
   */
  freePrefixBlocks: number;
  /**
   * Present when `unknown` makes the free blocks uncertain: the most there
   * can be (`freePrefixBlocks` is then the fewest).
   */
  freePrefixBlocksAtMost?: number;
  /**
   * What could not be read about the subnet's occupants: its figures are
   * bounds, and its status is judged on the worse one where it can be.
   */
  unknown?: InventoryUnknown[];
  /** Addresses in free /28 blocks: `16 × freePrefixBlocks`. */
  prefixRoom: number;
  largestFreeBlock: FreeBlock | null;
  /**
   * New prefix-mode nodes the subnet could take, each needing a primary IP
   * and one /28 (the default warm prefix).
   */
  moreNodes: number;
  /** Pod IPs of the cluster's pods that come from this subnet. */
  podIps: number;
  /** Nodes whose pod IPs come from this subnet. */
  podNodes: number;
  status: SubnetStatus;
  /** `status !== 'ok'`; never true in an IPv6 cluster. */
  atRisk: boolean;
  /**
   * One character per aligned /28 block, in address order: `r` reserved,
   * `a` allocated, `x` fragmented, `u` unavailable, `.` free, `p` free in a
   * prefix reservation. Absent for subnets larger than a /12.
   */
  blockMap?: string;
}

/**
 * The nodes of one node group, node pool or Fargate profile.
 *
 * @public
 */
export interface NodeGroupUsage {
  name: string;
  /** The label the name came from, e.g. `eks.amazonaws.com/nodegroup`. */
  source: string;
  nodes: number;
  /** The mode most of its nodes run in. */
  mode: NodeIpMode;
  /** Nodes per mode, when they differ. */
  modes: Partial<Record<NodeIpMode, number>>;
  podsWithVpcIp: number;
  heldIps: number;
  usedIps: number;
  idleIps: number;
  /** More pods with VPC IPs the group's nodes can take, sharing subnets' free blocks. */
  headroomPods: number;
}

/**
 * Cluster-wide totals.
 *
 * @public
 */
export interface ClusterTotals {
  nodes: number;
  /** Pods counted against pod limits (not Succeeded/Failed). */
  pods: number;
  podsWithVpcIp: number;
  hostNetworkPods: number;
  pendingPodsWithoutIp: number;
  completedPodsWithStaleIp: number;
  unattributedPods: number;
  heldIps: number;
  usedIps: number;
  idleIps: number;
  subnets: number;
  subnetUsable: number;
  subnetAvailable: number;
  freePrefixBlocks: number;
  atRiskSubnets: number;
  /** Nodes whose EC2 instance was not described: their IPs are not in these totals. */
  nodesNotDescribedByEc2: number;
  /** More pods with VPC IPs the cluster can take, subnets' free blocks shared between nodes. */
  headroomPods: number;
}

/**
 * One cluster's capacity: what the backend stores as a snapshot.
 *
 * @public
 */
export interface ClusterCapacity {
  cluster: string;
  ipFamily: IpFamily;
  totals: ClusterTotals;
  nodeGroups: NodeGroupUsage[];
  nodes: NodeUsage[];
  subnets: SubnetUsage[];
  unattributedPods: UnattributedPod[];
  /** True when any subnet is at risk (never in an IPv6 cluster). */
  atRisk: boolean;
}
