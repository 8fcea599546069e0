/**
 * Ready-made fixes for an at-risk subnet: plain JSON for the REST API, with
 * every command or manifest a user copies in a string field. Values still
 * to fill in appear in the text as `<like-this>` and are listed in
 * `placeholders`.
 */

// The fixes as the REST API serves them are generated from openapi.yaml
// (one contract); the options below are the engine's own.
export type {
  FreeRangeToProtect,
  ProtectFreeRangesFix,
  PlannedPodSubnet,
  PodSubnetNetworking,
  SecondaryCidrFix,
  NodeToReplace,
  PinningNetworkInterface,
  ReplaceNodesFix,
  SubnetFix,
  SubnetFixes,
} from '../types';
import type { PodSubnetNetworking } from '../types';

/**
 * What the secondary CIDR plan is built from.
 *
 * @public
 */
export interface SecondaryCidrOptions {
  /** The EKS cluster's name: new subnets are named `<cluster>-pods-<zone>`. */
  clusterName: string;
  /** One pod subnet per zone, in this order. */
  zones: readonly string[];
  /** Else `<vpc-id>` in the text. */
  vpcId?: string;
  /**
   * The VPC's IPv4 CIDR blocks, primary first
   * (`aws ec2 describe-vpcs --query 'Vpcs[0].CidrBlockAssociationSet[].CidrBlock'`).
   */
  vpcCidrBlocks?: readonly string[];
  /** When the VPC's blocks are unknown: CIDRs known to be in use (its subnets'), avoided instead. */
  knownSubnetCidrs?: readonly string[];
  /** Pod addresses wanted across the zones; default: a whole /16 split between them. */
  podAddresses?: number;
  networking: PodSubnetNetworking;
  /** True when `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG` is on already (no `kubectl set env` step). */
  customNetworkingEnabled?: boolean;
  /** Pod security groups; else `<cluster-security-group-id>` in the text. */
  securityGroupIds?: readonly string[];
}

/**
 * Options of `replaceFragmentingNodes`.
 *
 * @public
 */
export interface ReplaceNodesOptions {
  /** Nodes to list at most (default 10). */
  limit?: number;
}

/**
 * Options of `protectFreeRanges`.
 *
 * @public
 */
export interface ProtectFreeRangesOptions {
  /** Ranges to list at most (default 5). */
  limit?: number;
}

/**
 * Options of `subnetFixes` and `clusterFixes`: what the snapshot does not
 * know about the VPC and the cluster, and how much to list.
 *
 * @public
 */
export interface SubnetFixOptions {
  /** Free ranges to list at most (default 5). */
  rangeLimit?: number;
  /** Nodes to list at most (default 10). */
  nodeLimit?: number;
  /** The EKS cluster's name, if it differs from the snapshot's cluster name. */
  eksClusterName?: string;
  vpcId?: string;
  /** The VPC's IPv4 CIDR blocks, primary first. */
  vpcCidrBlocks?: readonly string[];
  /** Pod addresses the secondary CIDR should hold; default a whole /16. */
  podAddresses?: number;
  /** Pod security groups for the new subnets. */
  securityGroupIds?: readonly string[];
}
