import type {
  InventoryUnknown,
  IpFamily,
} from '../schema/openapi/generated/models';

/**
 * The engine's input: one cluster's inventory, normalised by the backend's
 * collectors from the Kubernetes API (nodes, pods) and EC2 (instances, ENIs,
 * subnets, CIDR reservations, instance types). Plain JSON, no classes.
 */

/**
 * A Kubernetes pod, reduced to what pod IP accounting needs.
 *
 * @public
 */
export interface InventoryPod {
  namespace: string;
  name: string;
  /** `spec.nodeName`; absent while unscheduled. */
  nodeName?: string;
  /** `status.phase`: Pending, Running, Succeeded, Failed or Unknown. */
  phase: string;
  /** `spec.hostNetwork`: such a pod uses the node's IP, not a VPC pod IP. */
  hostNetwork: boolean;
  /** `status.podIPs` (or `[status.podIP]`), as strings; empty when none. */
  podIps: string[];
  labels: Record<string, string>;
  /** Only the annotations the engine reads, e.g. `vpc.amazonaws.com/pod-eni`. */
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ kind: string; name: string }>;
}

/**
 * A Kubernetes node.
 *
 * @public
 */
export interface InventoryNode {
  name: string;
  /** The EC2 instance id, from `spec.providerID` (`aws:///<az>/<instance-id>`). */
  instanceId?: string;
  /** `node.kubernetes.io/instance-type`. */
  instanceType?: string;
  /** `topology.kubernetes.io/zone`. */
  zone?: string;
  /** `status.allocatable.pods`: the kubelet's real pod limit. */
  allocatablePods?: number;
  labels: Record<string, string>;
}

/**
 * How an ENI is attached to an instance.
 *
 * @public
 */
export interface InventoryEniAttachment {
  instanceId?: string;
  /** 0 for the instance's primary ENI. */
  deviceIndex: number;
  /** The network card the ENI sits on; 0 (the default card) when absent. */
  networkCardIndex?: number;
}

/**
 * An elastic network interface, either attached to one of the cluster's
 * instances or any other ENI in the same subnets (a "foreign" ENI: RDS,
 * Lambda, NAT gateways, load balancers, branch ENIs of security groups for
 * pods, detached ENIs…).
 *
 * @public
 */
export interface InventoryNetworkInterface {
  networkInterfaceId: string;
  /** The subnet the ENI's addresses come from: always map IPs through it. */
  subnetId: string;
  /** EC2 `InterfaceType`: `interface`, `trunk`, `branch`, `efa`, `lambda`, `nat_gateway`… */
  interfaceType: string;
  /** The ENI's primary private IPv4 address. */
  primaryIp?: string;
  /** The ENI's other private IPv4 addresses (single /32s). */
  secondaryIps: string[];
  /** IPv4 prefixes (/28) delegated to the ENI, as CIDRs. */
  ipv4Prefixes: string[];
  /** IPv6 prefixes (/80) delegated to the ENI, as CIDRs. */
  ipv6Prefixes: string[];
  attachment?: InventoryEniAttachment;
  description?: string;
}

/**
 * An EC2 instance that backs one of the cluster's nodes.
 *
 * @public
 */
export interface InventoryInstance {
  instanceId: string;
  instanceType: string;
  availabilityZone?: string;
  networkInterfaces: InventoryNetworkInterface[];
}

/**
 * A subnet CIDR reservation (`GetSubnetCidrReservations`).
 *
 * @public
 */
export interface InventoryCidrReservation {
  cidr: string;
  /** `prefix`: EC2 hands prefixes from it first; `explicit`: never auto-assigned. */
  reservationType: 'prefix' | 'explicit';
}

/**
 * A subnet any of the cluster's ENIs draws addresses from.
 *
 * @public
 */
export interface InventorySubnet {
  subnetId: string;
  /** IPv4 CIDR block. */
  cidr: string;
  /** EC2 `AvailableIpAddressCount`: single free addresses, not /28 blocks. */
  availableIpAddressCount: number;
  availabilityZone?: string;
  cidrReservations: InventoryCidrReservation[];
}

/**
 * The network limits of an instance type (`DescribeInstanceTypes`).
 *
 * @public
 */
export interface InventoryInstanceType {
  instanceType: string;
  /** `MaximumNetworkInterfaces` of the default network card. */
  maximumNetworkInterfaces: number;
  /** `Ipv4AddressesPerInterface`, the primary IP included. */
  ipv4AddressesPerInterface: number;
  /** `VCpuInfo.DefaultVCpus`. */
  defaultVCpus: number;
  /** `nitro`, `xen`, or absent for bare metal; prefixes need Nitro. */
  hypervisor?: string;
}

/**
 * Everything the engine needs about one cluster.
 *
 * @public
 */
export interface ClusterInventory {
  cluster: string;
  /** The cluster's IP family; inferred from pod IPs and ENIs when absent. */
  ipFamily?: IpFamily;
  nodes: InventoryNode[];
  pods: InventoryPod[];
  /** The instances behind the nodes, with their ENIs. */
  instances: InventoryInstance[];
  subnets: InventorySubnet[];
  /**
   * Every other ENI in the subnets (for fragmentation). ENIs that are also
   * listed under `instances` may appear here too: they are counted once.
   */
  otherNetworkInterfaces: InventoryNetworkInterface[];
  instanceTypes: InventoryInstanceType[];
  /**
   * Parts the collectors could not read (a denied or failed optional call).
   * The engine then never treats them as empty: figures that depend on them
   * become bounds (see `SubnetUsage.unknown`).
   */
  unknown?: InventoryUnknown[];
}
