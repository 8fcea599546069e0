/*
 * The resolved, validated, indexed model the servers read (see types.ts for the scenario
 * file's own types).
 */

import type {
  FaultSpec,
  InstanceTypeSpec,
  ManagedResourceVisibility,
  RoleSpec,
  ScenarioFile,
  Tags,
  TimelineSpec,
} from './types';

export interface SimCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId: string;
  /** Principal ARN as `GetCallerIdentity` reports it. */
  arn: string;
  userId: string;
  expiration?: Date;
}

export interface SimAccount {
  id: string;
  alias?: string;
  credentials: SimCredential[];
  roles: RoleSpec[];
  managedResourceVisibility: ManagedResourceVisibility;
}

export interface SimVpc {
  id: string;
  accountId: string;
  region: string;
  cidrBlocks: string[];
  isDefault: boolean;
  tags: Tags;
}

export interface SimSubnet {
  id: string;
  vpcId: string;
  accountId: string;
  region: string;
  cidr: string;
  availabilityZone: string;
  availabilityZoneId: string;
  tags: Tags;
  /** Derived: size − 5 − private IPs of every ENI in the subnet − 16 × IPv4 prefixes. */
  availableIpAddressCount: number;
  cidrReservations: SimCidrReservation[];
}

export interface SimCidrReservation {
  id: string;
  subnetId: string;
  cidr: string;
  type: 'prefix' | 'explicit';
  description?: string;
  ownerId: string;
}

export interface SimNetworkInterface {
  id: string;
  accountId: string;
  region: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  primaryIp: string;
  secondaryIps: string[];
  ipv4Prefixes: string[];
  ipv6Prefixes: string[];
  interfaceType: string;
  description: string;
  tags: Tags;
  status: 'in-use' | 'available';
  macAddress: string;
  requesterId?: string;
  /** The AWS service that manages the ENI (EKS Auto Mode: `eks.amazonaws.com`), if any. */
  managedBy?: string;
  attachment?: {
    attachmentId: string;
    instanceId: string;
    deviceIndex: number;
    networkCardIndex: number;
  };
}

export interface SimInstance {
  id: string;
  accountId: string;
  region: string;
  instanceType: string;
  state: string;
  launchTime: string;
  availabilityZone: string;
  subnetId: string;
  vpcId: string;
  privateIp: string;
  tags: Tags;
  reservationId: string;
  networkInterfaces: SimNetworkInterface[];
  /** Derived: `eks.amazonaws.com` for instances behind EKS Auto Mode nodes. */
  managedBy?: string;
}

/** Everything of one account in one region: what one EC2 endpoint call can see. */
export interface SimRegion {
  accountId: string;
  region: string;
  /** The scenario's setting (the running simulator may switch it). */
  managedResourceVisibility: ManagedResourceVisibility;
  vpcs: SimVpc[];
  subnets: SimSubnet[];
  instances: SimInstance[];
  networkInterfaces: SimNetworkInterface[];
}

/** A Kubernetes object as JSON (the servers never mutate these). */
export type KubeObject = Record<string, any> & {
  metadata: { name: string; namespace?: string; labels?: Tags } & Record<
    string,
    any
  >;
};

export interface SimCluster {
  name: string;
  accountId: string;
  region: string;
  kubernetesVersion: string;
  serviceAccountTokens: string[];
  awsIam?: { accounts: string[]; clusterId: string };
  /** Sorted by name, as etcd lists them. */
  nodes: KubeObject[];
  /** Sorted by namespace/name, as etcd lists them. */
  pods: KubeObject[];
  /**
   * Owners of the pods, derived from their ownerReferences (deployments, replicasets,
   * daemonsets, statefulsets, jobs, cronjobs), each sorted by namespace/name.
   */
  controllers: Record<string, KubeObject[]>;
  /**
   * Objects of the add-on CRDs the cluster has, by `<group>/<plural>`
   * (`karpenter.k8s.aws/ec2nodeclasses`, …), sorted by name. A CRD the cluster does not
   * have is absent (its API answers 404), one without objects an empty list.
   */
  customResources: Record<string, KubeObject[]>;
  namespaces: string[];
}

export interface Scenario {
  name: string;
  description: string;
  instanceTypes: InstanceTypeSpec[];
  accounts: SimAccount[];
  regions: SimRegion[];
  clusters: SimCluster[];
  faults: FaultSpec[];
  /** Suspicious but legal facts, e.g. pod IPs in no ENI of their node (branch ENIs, Fargate). */
  warnings: string[];
  /**
   * The file's timeline with the file itself (the world at its start), kept only when the
   * file has one: the running simulator replays it to serve other instants.
   */
  timeline?: { spec: TimelineSpec; file: ScenarioFile };
}
