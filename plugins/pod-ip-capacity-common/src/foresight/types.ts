import { HeadroomWall, InventoryInstanceType } from '../types';

/**
 * Foresight: what happens to pod IPs next (how-pod-ips-are-counted.md §7)
 * — where the next node lands, what the VPC CNI's warm pool holds, and
 * what-ifs (more replicas, a rollout, a node group rotation). Inputs are
 * what the backend reads from Kubernetes CRDs and the aws-node DaemonSet;
 * outputs are plain JSON for the REST API.
 */

// ─── What the backend collects ──────────────────────────────────────────

/**
 * The VPC CNI's settings, from the `aws-node` DaemonSet's container
 * environment (how-pod-ips-are-counted.md §7). A field is absent when it
 * is not known: the DaemonSet could not be read, or the variable is not
 * set. The functions then use the CNI's default and say they assumed it.
 *
 * @public
 */
export interface VpcCniSettings {
  /** `ENABLE_PREFIX_DELEGATION`. */
  prefixDelegation?: boolean;
  /** `WARM_PREFIX_TARGET` (the CNI's default: 1). */
  warmPrefixTarget?: number;
  /** `WARM_IP_TARGET`: with `MINIMUM_IP_TARGET`, overrides the other two targets. */
  warmIpTarget?: number;
  /** `MINIMUM_IP_TARGET`. */
  minimumIpTarget?: number;
  /** `WARM_ENI_TARGET` (the CNI's default: 1), secondary-IP mode. */
  warmEniTarget?: number;
  /** `MAX_ENI`: fewer ENIs than the instance type allows. */
  maxEni?: number;
  /** `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`: pods on secondary ENIs per `ENIConfig`. */
  customNetworking?: boolean;
  /** `ENI_CONFIG_LABEL_DEF`: the node label naming a node's `ENIConfig` (usually `topology.kubernetes.io/zone`). */
  eniConfigLabelDef?: string;
  /** `ENABLE_SUBNET_DISCOVERY` (on by default since VPC CNI 1.18). */
  subnetDiscovery?: boolean;
}

/**
 * A subnet as a node class's status or a resolved selector names it.
 *
 * @public
 */
export interface ZonalSubnet {
  id: string;
  zone: string;
}

/**
 * A Karpenter `NodePool` (`karpenter.sh/v1`), also the node pools of EKS
 * Auto Mode.
 *
 * @public
 */
export interface KarpenterNodePool {
  name: string;
  /** `spec.template.spec.nodeClassRef`. */
  nodeClassRef: {
    /** `karpenter.k8s.aws` (an `EC2NodeClass`) or `eks.amazonaws.com` (an Auto Mode `NodeClass`). */
    group: string;
    kind: string;
    name: string;
  };
  /** Zones its requirements allow (`topology.kubernetes.io/zone` In …); absent: any zone of its class. */
  zones?: string[];
}

/**
 * A Karpenter `EC2NodeClass` (`karpenter.k8s.aws/v1`): the subnets its
 * `status.subnets` lists.
 *
 * @public
 */
export interface Ec2NodeClass {
  name: string;
  subnets: ZonalSubnet[];
}

/**
 * An EKS Auto Mode `NodeClass` (`eks.amazonaws.com/v1`). Its status is
 * not documented, so the backend resolves the selector terms with
 * `DescribeSubnets` filters.
 *
 * @public
 */
export interface AutoModeNodeClass {
  name: string;
  /** Subnets `spec.subnetSelectorTerms` select. */
  subnets: ZonalSubnet[];
  /** Subnets `spec.podSubnetSelectorTerms` select; absent or empty: pods use the node's subnet. */
  podSubnets?: ZonalSubnet[];
  /** `spec.advancedNetworking.ipv4PrefixSize`: `Auto` (default) prefixes with a /32 fallback, `32` single IPs only. */
  ipv4PrefixSize?: 'Auto' | '32';
}

/**
 * An `ENIConfig` (`crd.k8s.amazonaws.com/v1alpha1`, custom networking).
 *
 * @public
 */
export interface EniConfig {
  name: string;
  /** `spec.subnet`. */
  subnetId: string;
  securityGroups?: string[];
}

/**
 * An EKS managed (or self-managed) node group: EC2 Auto Scaling balances
 * its nodes across the zones of its subnets.
 *
 * @public
 */
export interface ManagedNodeGroup {
  name: string;
  /** Its subnets, as known (from `DescribeNodegroup`, or the nodes' primary ENIs). */
  subnetIds: string[];
}

/**
 * How a cluster launches nodes and hands out pod IPs: what the backend
 * collects next to the inventory. Every part is optional; what is missing
 * is taken from the nodes that exist, or reported as unknown.
 *
 * @public
 */
export interface ClusterProvisioning {
  cni?: VpcCniSettings;
  nodePools?: KarpenterNodePool[];
  ec2NodeClasses?: Ec2NodeClass[];
  autoModeNodeClasses?: AutoModeNodeClass[];
  eniConfigs?: EniConfig[];
  managedNodeGroups?: ManagedNodeGroup[];
}

/**
 * What foresight reads besides a `ClusterCapacity`.
 *
 * @public
 */
export interface ForesightContext {
  provisioning?: ClusterProvisioning;
  /** The inventory's instance types: ENIs and IPv4 addresses per ENI of each. */
  instanceTypes?: InventoryInstanceType[];
}

// ─── The warm pool ──────────────────────────────────────────────────────

/**
 * The VPC CNI's warm targets with its defaults filled in.
 *
 * @public
 */
export interface WarmTargets {
  warmPrefixTarget: number;
  warmIpTarget?: number;
  minimumIpTarget?: number;
  warmEniTarget: number;
  maxEni?: number;
}

/**
 * What bounds a node's warm pool besides the targets.
 *
 * @public
 */
export interface WarmPoolLimits {
  /** The node's pod limit: the CNI holds no more than that many pods need. */
  maxPods?: number;
  /** Its instance type: ENIs × (IPv4 per ENI − 1) address slots. */
  instanceType?: InventoryInstanceType;
  /** Custom networking: the primary ENI holds no pod addresses. */
  customNetworking?: boolean;
}

/**
 * The environment variable that sizes a warm pool, as in the DaemonSet.
 *
 * @public
 */
export type WarmSettingName =
  | 'WARM_PREFIX_TARGET'
  | 'WARM_IP_TARGET'
  | 'MINIMUM_IP_TARGET'
  | 'WARM_ENI_TARGET';

/**
 * One warm setting and its value.
 *
 * @public
 */
export interface WarmSetting {
  name: WarmSettingName;
  value: number;
  /** True when the DaemonSet did not say and the CNI's default was used. */
  assumed: boolean;
}

/**
 * The addresses the VPC CNI holds on one node for its pods.
 *
 * @public
 */
export interface WarmPool {
  /** Pod addresses held: 16 per prefix, or the secondary IPs. */
  addresses: number;
  /** /28 prefixes (prefix mode). */
  prefixes?: number;
  /** ENIs holding pod IPs (secondary-IP mode, when the instance type is known). */
  enis?: number;
  /** The setting that sized it: `WARM_IP_TARGET` stands for it with `MINIMUM_IP_TARGET`. */
  rule: 'WARM_PREFIX_TARGET' | 'WARM_IP_TARGET' | 'WARM_ENI_TARGET';
  /** What capped it below what the targets ask. */
  cappedBy?: 'max-pods' | 'address-slots';
}

/**
 * A change of warm settings to weigh, e.g. `{ warmIpTarget: 5 }`.
 *
 * @public
 */
export type WarmTargetsChange = Partial<
  Pick<
    WarmTargets,
    'warmPrefixTarget' | 'warmIpTarget' | 'minimumIpTarget' | 'warmEniTarget'
  >
>;

/**
 * What a change of warm settings would release.
 *
 * @public
 */
export interface WarmPoolRelease {
  /** The settings changed, e.g. `WARM_IP_TARGET=5`. */
  change: WarmSetting[];
  /** Addresses the nodes would give back to their subnets. */
  addresses: number;
  /** /28 prefixes among them (prefix mode). */
  prefixes?: number;
  /** Nodes that would release something. */
  nodes: number;
}

/**
 * Why a node group's nodes hold addresses no pod uses.
 * `vpc-cni`: the VPC CNI's warm pool; `auto-mode`: EKS Auto Mode keeps its
 * own pool and the CNI's settings do not apply; `none`: Fargate, IPv6 or
 * unknown nodes.
 *
 * @public
 */
export type WarmPoolKind = 'vpc-cni' | 'auto-mode' | 'none';

/**
 * A node group's idle addresses, explained.
 *
 * @public
 */
export interface NodeGroupWarmPool {
  nodeGroup: string;
  pool: WarmPoolKind;
  /** How the group's nodes take pod IPs (VPC CNI only). */
  mode?: 'prefix' | 'secondary-ip';
  nodes: number;
  /** Pod IPs in use and pending on those nodes. */
  pods: number;
  heldAddresses: number;
  usedAddresses: number;
  /** Held, unused: "held as warm pool". */
  idleAddresses: number;
  /** The settings in force (VPC CNI only). */
  settings: WarmSetting[];
  /** What the CNI's formula says the nodes hold for their pods (VPC CNI only). */
  expectedAddresses?: number;
  /** What each weighed change would release (VPC CNI only). */
  releases: WarmPoolRelease[];
}

// ─── The next node ──────────────────────────────────────────────────────

/**
 * What launches a group's nodes: Karpenter (an `EC2NodeClass`), EKS Auto
 * Mode (a `NodeClass`), or an EC2 Auto Scaling group (managed or
 * self-managed node group).
 *
 * @public
 */
export type LaunchKind = 'karpenter' | 'auto-mode' | 'node-group';

/**
 * A subnet with what it can still give, when the snapshot has it.
 *
 * @public
 */
export interface LandingSubnet {
  subnetId: string;
  availabilityZone?: string;
  /** `AvailableIpAddressCount`; absent when the subnet is not in the snapshot. */
  available?: number;
  /** Free aligned /28 blocks; absent when the subnet is not in the snapshot. */
  freePrefixBlocks?: number;
}

/**
 * Where the next node's pod IPs come from: an Auto Mode `NodeClass`'s pod
 * subnets in the zone, the zone's `ENIConfig` (custom networking), the pod
 * subnet the group's nodes in that zone use now, the node's own subnet, or
 * not known.
 *
 * @public
 */
export type PodSubnetSource =
  | 'auto-mode-pod-subnets'
  | 'eni-config'
  | 'current-nodes'
  | 'node-subnet'
  | 'unknown';

/**
 * The AWS error an address request fails with: no aligned /28 free (but
 * addresses are), or not enough addresses at all (how-pod-ips-are-counted.md §5).
 *
 * @public
 */
export type AddressError =
  | 'InsufficientCidrBlocks'
  | 'InsufficientFreeAddressesInSubnet';

/**
 * What a new node asks its subnets for.
 *
 * @public
 */
export type AddressRequest = 'node-ip' | 'pod-eni' | 'prefix' | 'secondary-ips';

/**
 * A request of the next node that its subnet cannot serve.
 *
 * @public
 */
export interface LandingWarning {
  error: AddressError;
  /**
   * `node-ip`: the node's own address (the launch fails); `pod-eni`: the
   * address of a secondary ENI for pods (custom networking, or more ENIs);
   * `prefix`: a /28 prefix (for the next node: its first);
   * `secondary-ips`: its secondary IPs (its warm IPs, in secondary-IP mode).
   */
  request: AddressRequest;
  subnetId: string;
  /** Free addresses when the request is made (after the node's earlier requests, such as its own address). */
  available: number;
  /** Free aligned /28 blocks when the request is made. */
  freePrefixBlocks: number;
  /** Addresses the request needs (16 for a prefix). */
  needed: number;
  /** EKS Auto Mode falls back to single IPs when no /28 is free: pods still start. */
  fallsBackToSecondaryIps: boolean;
  /** A subnet of the same pool and zone that could serve it, if any. */
  workingSubnetId?: string;
}

/**
 * What could not be told about a landing.
 *
 * @public
 */
export type LandingProblem =
  | 'node-class-not-found'
  | 'no-subnet-in-zone'
  | 'subnet-not-in-snapshot'
  | 'pod-subnet-unknown'
  | 'prefix-mode-unknown'
  | 'several-subnets-in-zone';

/**
 * Where the next node of a node pool or group lands in one zone, and
 * where its pods' IPs come from.
 *
 * @public
 */
export interface NodeLanding {
  nodeGroup: string;
  kind: LaunchKind;
  zone: string;
  nodeClass?: string;
  /**
   * `most-available-ips`: Karpenter's rule (and Auto Mode's): the class's
   * subnet in the zone with the most `AvailableIpAddressCount`, /28
   * layout ignored; `auto-scaling`: EC2 Auto Scaling picks among the
   * group's subnets in the zone (balancing zones).
   */
  rule: 'most-available-ips' | 'auto-scaling';
  /** The subnet the node lands in; null when not known (or several are possible, see `candidates`). */
  nodeSubnet: LandingSubnet | null;
  /** The node subnets possible in the zone, most available IPs first. */
  candidates: LandingSubnet[];
  podSubnet: LandingSubnet | null;
  podSubnetSource: PodSubnetSource;
  /**
   * VPC CNI subnet discovery is on (and custom networking off): the
   * node's secondary ENIs may go to another subnet of the zone tagged
   * `kubernetes.io/role/cni`; its first prefix still comes from `podSubnet`.
   */
  subnetDiscovery: boolean;
  /** Pods take /28 prefixes; null when not known. */
  prefixMode: boolean | null;
  warnings: LandingWarning[];
  problems: LandingProblem[];
}

// ─── What-ifs ───────────────────────────────────────────────────────────

/**
 * Why a what-if stops: an AWS address error, the pod limit with no known
 * way to add a node, the instance type's address slots, or not known.
 *
 * @public
 */
export type WhatIfFailureReason =
  | AddressError
  | 'pod-limit'
  | 'instance-ips'
  | 'unknown';

/**
 * The first thing that would fail.
 *
 * @public
 */
export interface WhatIfFailure {
  reason: WhatIfFailureReason;
  /** On a current node: the node; on a new one: absent. */
  nodeName?: string;
  nodeGroup?: string;
  zone?: string;
  subnetId?: string;
  /** `add-replicas`: the replica (1-based) that fails; `rotate`: the new node (1-based). */
  at: number;
}

/**
 * A subnet's free /28 blocks and free IPs before and after a what-if.
 *
 * @public
 */
export interface SubnetChange {
  subnetId: string;
  availabilityZone?: string;
  freePrefixBlocks: { before: number; after: number };
  available: { before: number; after: number };
}

/**
 * New nodes a what-if launches into one node group, zone and subnet.
 *
 * @public
 */
export interface NewNodes {
  nodeGroup: string;
  zone: string;
  nodeSubnetId: string;
  podSubnetId: string;
  nodes: number;
  /** Replicas that got an IP on them. */
  replicas: number;
}

/**
 * A current node the scheduler can put a replica on (it has room under its
 * pod limit) where the replica would get no IP: the scheduler does not
 * count IPs, so the pod stays in `ContainerCreating`.
 *
 * @public
 */
export interface IpStarvedNode {
  nodeName: string;
  /** Replicas its pod limit still admits beyond those that would get an IP. */
  podsWithoutIps: number;
  reason: WhatIfFailureReason;
  subnetId?: string;
}

/**
 * "Add N replicas of this service".
 *
 * @public
 */
export interface AddReplicasWhatIf {
  requested: number;
  /** Replicas that get an IP before the first failure. */
  placed: number;
  /** Of those, on the nodes the workload runs on now. */
  onCurrentNodes: number;
  /** What stops more on the current nodes (the most common wall). */
  currentNodesWall: HeadroomWall;
  /** Current nodes where a replica would get no IP though it fits the pod limit. */
  ipStarvedNodes: IpStarvedNode[];
  /** New nodes launched for the rest, per group, zone and subnet. */
  newNodes: NewNodes[];
  /** New nodes the rest would take by pod and address limits alone. */
  newNodesNeeded: number;
  /** The simulation stopped at its most new nodes (`maxNewNodes`) before placing every replica. */
  newNodesCapped: boolean;
  firstFailure: WhatIfFailure | null;
  /** Subnets whose free /28 blocks or free IPs change. */
  subnets: SubnetChange[];
  /** Node groups no new node could be planned for, and why. */
  unplannedGroups: Array<{
    nodeGroup: string;
    problem: 'no-landing' | 'no-node-shape';
  }>;
}

/**
 * `maxSurge` / `maxUnavailable` of a Deployment: a count, or a percentage
 * string such as `"25%"`.
 *
 * @public
 */
export type IntOrPercent = number | string;

/**
 * A Deployment's size and rolling-update strategy.
 *
 * @public
 */
export interface DeploymentRollout {
  replicas: number;
  /** Default `25%`. */
  maxSurge?: IntOrPercent;
  /** Default `25%`. */
  maxUnavailable?: IntOrPercent;
}

/**
 * "Roll out with maxSurge S".
 *
 * @public
 */
export interface RolloutWhatIf {
  replicas: number;
  /** `maxSurge` resolved: percentages round up. */
  maxSurge: number;
  /** `maxUnavailable` resolved: percentages round down (1 when both are 0). */
  maxUnavailable: number;
  /** Pod IPs needed at once during the rollout: replicas + maxSurge. */
  peakPods: number;
  /** True when the surge pods all get IPs. */
  fits: boolean;
  /** The surge pods as extra replicas. */
  surge: AddReplicasWhatIf;
}

/**
 * One new node of a rotation.
 *
 * @public
 */
export interface RotationNode {
  /** The old node it replaces. */
  replaces: string;
  zone?: string;
  nodeSubnetId?: string;
  podSubnetId?: string;
  /** Addresses it takes before the old node drains: its own plus its first prefix or warm IPs. */
  addresses: number;
  prefixes: number;
  failure?: WhatIfFailureReason;
}

/**
 * "Rotate node group G".
 *
 * @public
 */
export interface RotationWhatIf {
  nodeGroup: string;
  /** Nodes in the group now. */
  nodes: number;
  /** New nodes up at once, before old ones drain. */
  concurrent: number;
  newNodes: RotationNode[];
  fits: boolean;
  firstFailure: WhatIfFailure | null;
  subnets: SubnetChange[];
}
