/*
 * Two layers of types:
 *  - `*Spec` / `ScenarioFile`: what a scenario YAML file (or the generator) writes.
 *    Nothing derivable is written there (AvailableIpAddressCount, providerIDs, node IPs…).
 *  - `Sim*` / `Scenario`: the resolved, validated, indexed model the servers read.
 */

import { ClusterAddOnsSpec } from './addOnTypes';
import { FaultSpec } from './faultSpec';
import { TimelineSpec } from './timelineTypes';

export * from './faultSpec';
export * from './addOnTypes';
export * from './timelineTypes';
export * from './resolvedTypes';

export type Tags = Record<string, string>;

/**
 * Whether EC2's Describe calls leave out resources an AWS service manages (EKS Auto Mode
 * instances and their ENIs) unless asked with `IncludeManagedResources=true`
 * (how-pod-ips-are-counted.md §8). EC2's default is `visible`.
 */
export type ManagedResourceVisibility = 'hidden' | 'visible';

/** EC2 `DescribeInstanceTypes` facts the VPC CNI and the capacity engine need. */
export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  /** `NetworkInfo.MaximumNetworkInterfaces` (all network cards together). */
  maxNetworkInterfaces: number;
  ipv4AddressesPerInterface: number;
  ipv6AddressesPerInterface?: number;
  /** `nitro` (prefix delegation possible) or `xen`. */
  hypervisor?: 'nitro' | 'xen';
  /** Per network card limits; default: one card holding all interfaces. */
  networkCards?: Array<{ index: number; maxNetworkInterfaces: number }>;
  defaultNetworkCardIndex?: number;
  memoryMiB?: number;
}

export interface CredentialSpec {
  accessKeyId: string;
  secretAccessKey: string;
  /** IAM user name for `GetCallerIdentity` (default `backstage`). */
  userName?: string;
}

export interface RoleSpec {
  name: string;
  /** Accounts whose principals may assume the role (default: every account of the scenario). */
  trustedAccounts?: string[];
  /** When set, `AssumeRole` must pass this `ExternalId`. */
  externalId?: string;
}

export interface AccountSpec {
  id: string;
  alias?: string;
  credentials?: CredentialSpec[];
  roles?: RoleSpec[];
  /** Default `visible`. */
  managedResourceVisibility?: ManagedResourceVisibility;
  regions: RegionSpec[];
}

export interface RegionSpec {
  name: string;
  /** Overrides the account's setting in this region. */
  managedResourceVisibility?: ManagedResourceVisibility;
  vpcs?: VpcSpec[];
  instances?: InstanceSpec[];
  /** ENIs that belong to no node: RDS, Lambda, NAT gateways, load balancers, detached ENIs. */
  networkInterfaces?: NetworkInterfaceSpec[];
}

export interface VpcSpec {
  id: string;
  /** First entry is the primary CIDR, the rest are secondary CIDRs (e.g. 100.64.0.0/16). */
  cidrBlocks: string[];
  isDefault?: boolean;
  tags?: Tags;
  subnets: SubnetSpec[];
}

export interface SubnetSpec {
  id: string;
  cidr: string;
  availabilityZone: string;
  availabilityZoneId?: string;
  tags?: Tags;
  cidrReservations?: CidrReservationSpec[];
}

export interface CidrReservationSpec {
  id?: string;
  cidr: string;
  /** `prefix`: EC2 hands prefixes from here first; `explicit`: never auto-assigned. */
  type: 'prefix' | 'explicit';
  description?: string;
}

export interface InstanceSpec {
  id: string;
  instanceType: string;
  state?:
    | 'pending'
    | 'running'
    | 'stopping'
    | 'stopped'
    | 'shutting-down'
    | 'terminated';
  launchTime?: string;
  tags?: Tags;
  /** Attached ENIs; the one with device index 0 on network card 0 is the primary ENI. */
  networkInterfaces: NetworkInterfaceSpec[];
}

export interface NetworkInterfaceSpec {
  id: string;
  subnetId: string;
  primaryIp: string;
  secondaryIps?: string[];
  ipv4Prefixes?: string[];
  ipv6Prefixes?: string[];
  /** EC2's open-ended `InterfaceType`: interface, trunk, branch, efa, lambda, nat_gateway, … */
  interfaceType?: string;
  description?: string;
  tags?: Tags;
  /** Attachment (instance ENIs only; default: the position in the list). */
  deviceIndex?: number;
  networkCardIndex?: number;
  /** `in-use` or `available` (detached); default: `in-use`. */
  status?: 'in-use' | 'available';
  /** For managed ENIs such as RDS (`amazon-rds`) or Lambda. */
  requesterId?: string;
  macAddress?: string;
}

export interface ClusterAuthSpec {
  /** Bearer tokens accepted as service-account tokens. */
  serviceAccountTokens?: string[];
  /**
   * Accept aws-iam-authenticator tokens (`k8s-aws-v1.…`) that name this cluster, signed by a
   * principal of one of these accounts (default: the cluster's own account).
   */
  awsIam?: { accounts?: string[]; clusterId?: string } | boolean;
}

export interface ClusterSpec extends ClusterAddOnsSpec {
  name: string;
  account: string;
  region: string;
  kubernetesVersion?: string;
  auth?: ClusterAuthSpec;
  nodes: NodeSpec[];
  pods?: PodSpec[];
  /** Shorthand for owned pods: names and ownerReferences are derived from the workload. */
  workloads?: WorkloadSpec[];
}

export interface NodeSpec {
  /** The EC2 instance; the node's name defaults to the instance id (EKS Auto Mode, Karpenter on EKS). */
  instanceId: string;
  name?: string;
  /** `auto`, `fargate`, `hybrid`; omitted for managed/self-managed EC2 nodes. */
  computeType?: string;
  nodepool?: string;
  nodegroup?: string;
  allocatablePods?: number;
  labels?: Tags;
}

export type PodPhase =
  | 'Pending'
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'Unknown';

export interface OwnerSpec {
  kind: string;
  name: string;
  apiVersion?: string;
}

export interface PodSpec {
  namespace: string;
  name: string;
  node?: string;
  /** `status.podIP`; omitted for Pending pods and taken from the node for hostNetwork pods. */
  ip?: string;
  hostNetwork?: boolean;
  phase?: PodPhase;
  labels?: Tags;
  annotations?: Tags;
  owner?: OwnerSpec;
  image?: string;
  /** `metadata.creationTimestamp` (ISO 8601; default: the scenario's fixed creation time). */
  createdAt?: string;
}

export interface WorkloadSpec {
  namespace: string;
  name: string;
  kind:
    | 'Deployment'
    | 'DaemonSet'
    | 'StatefulSet'
    | 'Job'
    | 'CronJob'
    | 'ReplicaSet';
  labels?: Tags;
  hostNetwork?: boolean;
  image?: string;
  pods: Array<{
    node?: string;
    ip?: string;
    phase?: PodPhase;
    name?: string;
    /** For CronJob workloads: the Job run this pod belongs to (default 0). */
    run?: number;
    createdAt?: string;
  }>;
}

export interface ScenarioFile {
  name: string;
  description?: string;
  /** Added to (or overriding) the built-in instance type catalogue. */
  instanceTypes?: InstanceTypeSpec[];
  accounts: AccountSpec[];
  clusters?: ClusterSpec[];
  /** Faults active from start (same shape as the runtime fault switches). */
  faults?: FaultSpec[];
  /** Movements that change the world over time; the file is the world at `timeline.start`. */
  timeline?: TimelineSpec;
}
