import { InventoryInstanceType } from '../types';
import type {
  ClusterProvisioning,
  IntOrPercent,
} from '../schema/openapi/generated/models';

/**
 * Foresight: what happens to pod IPs next (how-pod-ips-are-counted.md §7)
 * — where the next node lands, what the VPC CNI's warm pool holds, and
 * what-ifs (more replicas, a rollout, a node group rotation). Inputs are
 * what the backend reads from Kubernetes CRDs and the aws-node DaemonSet;
 * outputs are plain JSON for the REST API.
 */

// What the backend collects and what the functions answer are the REST
// contract (openapi.yaml): their types are the generated models.
export type {
  AddReplicasWhatIf,
  AddressError,
  AddressRequest,
  AutoModeNodeClass,
  ClusterProvisioning,
  Ec2NodeClass,
  EniConfig,
  IntOrPercent,
  IpStarvedNode,
  KarpenterNodePool,
  LandingProblem,
  LandingSubnet,
  LandingWarning,
  LaunchKind,
  ManagedNodeGroup,
  NewNodes,
  NodeGroupWarmPool,
  NodeLanding,
  PodSubnetSource,
  RolloutWhatIf,
  RotationNode,
  RotationWhatIf,
  SubnetChange,
  VpcCniSettings,
  WarmPoolKind,
  WarmPoolRelease,
  WarmSetting,
  WarmSettingName,
  WhatIfFailure,
  WhatIfFailureReason,
  ZonalSubnet,
} from '../schema/openapi/generated/models';

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
