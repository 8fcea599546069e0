/*
 * What a scenario writes about the cluster add-ons that decide where the next node and the
 * next prefix come from (how-pod-ips-are-counted.md §7): Karpenter, EKS Auto Mode, the VPC
 * CNI's `aws-node` DaemonSet and its ENIConfigs. Each is optional per cluster; a cluster
 * without one serves 404 for its resources, as a cluster without that CRD does.
 */

import type { Tags } from './types';

/**
 * One subnet selector term, as Karpenter and Auto Mode write them: `tags` (every tag must
 * match; a value `*` matches any value, `*` and `?` are wildcards as in EC2 filters) or
 * `id`, never both. The terms of a list are ORed.
 */
export interface SubnetSelectorTermSpec {
  tags?: Tags;
  id?: string;
}

/** A security group selector term; the simulator has no security groups, it only echoes them. */
export interface SecurityGroupSelectorTermSpec {
  tags?: Tags;
  id?: string;
  name?: string;
}

/** A Kubernetes node selector requirement (NodePool `spec.template.spec.requirements`). */
export interface NodeSelectorRequirementSpec {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
  minValues?: number;
}

/** A Karpenter `EC2NodeClass` (karpenter.k8s.aws/v1). Its `status.subnets` is derived. */
export interface Ec2NodeClassSpec {
  name: string;
  subnetSelectorTerms: SubnetSelectorTermSpec[];
  /** Default: `karpenter.sh/discovery: <cluster>`. */
  securityGroupSelectorTerms?: SecurityGroupSelectorTermSpec[];
  /** Default `KarpenterNodeRole-<cluster>`. */
  role?: string;
  /** `amiSelectorTerms[0].alias` (default `al2023@latest`). */
  amiAlias?: string;
}

/**
 * A `NodePool` (karpenter.sh/v1). `nodeClass` names a class of the same section:
 * an `EC2NodeClass` under `karpenter`, an Auto Mode `NodeClass` under `autoMode`.
 */
export interface NodePoolSpec {
  name: string;
  nodeClass: string;
  requirements?: NodeSelectorRequirementSpec[];
  /** Labels the pool puts on its nodes (`spec.template.metadata.labels`). */
  labels?: Tags;
  weight?: number;
  /** `spec.limits`, e.g. `{ cpu: '1000' }`. */
  limits?: Record<string, string>;
}

/** An EKS Auto Mode `NodeClass` (eks.amazonaws.com/v1). */
export interface AutoModeNodeClassSpec {
  name: string;
  /** Default `AmazonEKSAutoNodeRole`. */
  role?: string;
  subnetSelectorTerms: SubnetSelectorTermSpec[];
  securityGroupSelectorTerms?: SecurityGroupSelectorTermSpec[];
  /** Pods get IPs from these subnets (in the node subnet's zone) instead of the node's. */
  podSubnetSelectorTerms?: SubnetSelectorTermSpec[];
  podSecurityGroupSelectorTerms?: SecurityGroupSelectorTermSpec[];
  /** `spec.advancedNetworking.ipv4PrefixSize`: `Auto` (default: prefixes, /32 fallback) or `'32'`. */
  ipv4PrefixSize?: 'Auto' | '32';
}

/** A VPC CNI `ENIConfig` (crd.k8s.amazonaws.com/v1alpha1, custom networking). */
export interface EniConfigSpec {
  /** Usually the zone the node's `ENI_CONFIG_LABEL_DEF` label names (`eu-west-1a`). */
  name: string;
  subnet: string;
  securityGroups?: string[];
}

/**
 * The VPC CNI (`kube-system/aws-node` DaemonSet): its container `aws-node` gets exactly
 * this environment (`ENABLE_PREFIX_DELEGATION`, `WARM_PREFIX_TARGET`, `WARM_IP_TARGET`,
 * `MINIMUM_IP_TARGET`, `WARM_ENI_TARGET`, `MAX_ENI`, `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`,
 * `ENI_CONFIG_LABEL_DEF`, `ENABLE_SUBNET_DISCOVERY`, …), values as strings.
 */
export interface AwsNodeSpec {
  env?: Record<string, string | number | boolean>;
  /** Default `v1.19.5-eksbuild.1`. */
  version?: string;
}

/** The add-on keys of a cluster. */
export interface ClusterAddOnsSpec {
  /** Karpenter: `EC2NodeClass`es and their `NodePool`s. */
  karpenter?: { nodeClasses?: Ec2NodeClassSpec[]; nodePools?: NodePoolSpec[] };
  /** EKS Auto Mode: `NodeClass`es and the (Karpenter-style) `NodePool`s naming them. */
  autoMode?: {
    nodeClasses?: AutoModeNodeClassSpec[];
    nodePools?: NodePoolSpec[];
  };
  /** ENIConfigs; the CRD is also served (empty) wherever `awsNode` is set. */
  eniConfigs?: EniConfigSpec[];
  /** The VPC CNI's settings; absent on Auto Mode-only clusters. */
  awsNode?: AwsNodeSpec;
}
