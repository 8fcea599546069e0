import { NodeIpMode, SubnetStatus } from '../types';

/**
 * Ready-made fixes for an at-risk subnet: plain JSON for the REST API, with
 * every command or manifest a user copies in a string field. Values still
 * to fill in appear in the text as `<like-this>` and are listed in
 * `placeholders`.
 */

/**
 * A free aligned range of a subnet to protect with a `prefix` CIDR
 * reservation, so that EC2 hands out /28 prefixes from it and no single
 * IP fragments it (how-pod-ips-are-counted.md §5, §8).
 *
 * @public
 */
export interface FreeRangeToProtect {
  /** An aligned CIDR of /28 or larger, made only of free /28 blocks. */
  cidr: string;
  prefixLength: number;
  addresses: number;
  /** `addresses / 16`: prefixes it can hold. */
  blocks: number;
  /**
   * The AWS CLI command that makes the reservation:
   * `aws ec2 create-subnet-cidr-reservation --subnet-id <id> --cidr <cidr> --reservation-type prefix`
   */
  command: string;
}

/**
 * Fix: reserve a subnet's largest free aligned ranges for prefixes.
 *
 * @public
 */
export interface ProtectFreeRangesFix {
  kind: 'protect-free-ranges';
  subnetId: string;
  /**
   * The largest free aligned ranges not yet inside a `prefix` reservation,
   * largest first (lowest address first among equals), at most `limit`.
   * They never overlap.
   */
  ranges: FreeRangeToProtect[];
  /** Such ranges in the subnet, listed or not. */
  totalRanges: number;
  /** Free /28 blocks not inside a `prefix` reservation. */
  unprotectedFreeBlocks: number;
  /** Free /28 blocks already inside one: they need no new reservation. */
  alreadyProtectedBlocks: number;
  /**
   * False when the subnet's block map was not available (subnets larger
   * than a /12, which AWS never creates): only its largest free block is
   * listed, and it may already lie in a prefix reservation.
   */
  complete: boolean;
  notes: string[];
}

/**
 * A pod subnet of the secondary CIDR plan, one per zone.
 *
 * @public
 */
export interface PlannedPodSubnet {
  availabilityZone: string;
  cidr: string;
  /** `size − 5`. */
  usable: number;
  /** Aligned /28 blocks free for prefixes in the empty subnet (all but the first and last). */
  freePrefixBlocks: number;
  /** `aws ec2 create-subnet …` for this zone, tagged with a Name. */
  createSubnetCommand: string;
  /** The Name tag given to the subnet (the Auto Mode selector matches it). */
  name: string;
  /** Custom networking: the zone's `ENIConfig` manifest. */
  eniConfigYaml?: string;
}

/**
 * How pods are pointed at the new subnets: VPC CNI custom networking
 * (`ENIConfig` per zone) or an EKS Auto Mode `NodeClass`'s pod subnet
 * selector.
 *
 * @public
 */
export type PodSubnetNetworking = 'custom-networking' | 'auto-mode';

/**
 * Fix: add a secondary CIDR block to the VPC and give pods their own
 * subnets in it.
 *
 * @public
 */
export interface SecondaryCidrFix {
  kind: 'add-secondary-vpc-cidr';
  /** The block to associate, e.g. `100.64.0.0/16`. */
  vpcCidr: string;
  /** `rfc6598`: from 100.64.0.0/10; `rfc1918`: from the primary CIDR's private range. */
  addressSpace: 'rfc6598' | 'rfc1918';
  /** `aws ec2 associate-vpc-cidr-block --vpc-id … --cidr-block …`. */
  associateCommand: string;
  /** One subnet per zone, in the order the zones were given. */
  subnets: PlannedPodSubnet[];
  /** Parts of the block no zone got (the block is split in a power of two). */
  spareCidrs: string[];
  networking: PodSubnetNetworking;
  /** Custom networking not on yet: the `kubectl set env` that turns it on. */
  enableCustomNetworkingCommand?: string;
  /** Auto Mode: the lines to add under the `NodeClass`'s `spec`. */
  nodeClassSnippet?: string;
  /**
   * Every step in order, as one copyable shell script. Under custom
   * networking it captures each new subnet's id in a variable and applies
   * the `ENIConfig`s with it, so only `<…>` values need filling in.
   */
  script: string;
  /** `<…>` values in the text still to fill in. */
  placeholders: string[];
  /** False when the VPC's CIDR blocks were not given and only its subnets' were avoided. */
  vpcCidrBlocksKnown: boolean;
  notes: string[];
}

/**
 * One node whose replacement frees /28 blocks of a fragmented subnet.
 *
 * @public
 */
export interface NodeToReplace {
  nodeName: string;
  instanceId?: string;
  nodeGroup?: string;
  mode?: NodeIpMode;
  /**
   * `fragmentedBlocksFreed + prefixBlocksFreed`: the blocks that become
   * free when this node, alone, is replaced. The ranking key.
   */
  blocksFreed: number;
  /** Fragmented blocks in which every used address is one of this node's ENIs'. */
  fragmentedBlocksFreed: number;
  /** Its ENIs' /28 prefixes in the subnet. */
  prefixBlocksFreed: number;
  /** The freed blocks, in address order. */
  freedBlocks: string[];
  /** Fragmented blocks it shares only with other nodes: freed when those go too. */
  blocksSharedWithNodes: number;
  /** Fragmented blocks it shares with ENIs that are no node's: not freed by any replacement. */
  blocksPinnedByOtherEnis: number;
  /** Addresses its ENIs hold in the subnet: primary and secondary IPs, 16 per prefix. */
  addresses: number;
  /** Its pods with VPC IPs, which move when it is drained. */
  podsWithVpcIp: number;
  /** How to replace it: Karpenter/Auto Mode, managed node group or plain EC2. */
  commands: string[];
}

/**
 * An ENI that is no node's and keeps blocks fragmented.
 *
 * @public
 */
export interface PinningNetworkInterface {
  networkInterfaceId: string;
  interfaceType: string;
  description?: string;
  /** Fragmented blocks it has an address in. */
  blocks: number;
}

/**
 * Fix: replace (drain) the nodes whose addresses fragment the subnet.
 *
 * @public
 */
export interface ReplaceNodesFix {
  kind: 'replace-fragmenting-nodes';
  subnetId: string;
  /** Fragmented blocks now. */
  fragmentedBlocks: number;
  /** Nodes that free at least one block, most blocks first, at most `limit`. */
  nodes: NodeToReplace[];
  /** Such nodes, listed or not. */
  totalNodes: number;
  /** Fragmented blocks freed only by replacing several nodes together. */
  blocksFreedOnlyTogether: number;
  /** Fragmented blocks that replacing nodes never frees: an ENI that is no node's sits in them. */
  pinnedBlocks: number;
  /** The ENIs that pin them, most blocks first, at most `limit`. */
  pinningInterfaces: PinningNetworkInterface[];
  /** Such ENIs, listed or not. */
  totalPinningInterfaces: number;
  /** Free blocks if every node with addresses in the subnet were replaced (an upper bound). */
  freeBlocksIfAllReplaced: number;
  notes: string[];
}

/**
 * Any fix.
 *
 * @public
 */
export type SubnetFix =
  | ProtectFreeRangesFix
  | SecondaryCidrFix
  | ReplaceNodesFix;

/**
 * The fixes that apply to one subnet's status: `fragmented` → protect free
 * ranges (when there are any) and replace fragmenting nodes; `low` or
 * `exhausted` → a secondary VPC CIDR, and protect free ranges when there
 * are any; `ok` → none.
 *
 * @public
 */
export interface SubnetFixes {
  subnetId: string;
  cidr: string;
  availabilityZone?: string;
  status: SubnetStatus;
  fixes: SubnetFix[];
}

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
