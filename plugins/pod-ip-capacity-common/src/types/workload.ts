import { NodeHeadroom, NodeUsage, SubnetUsage } from './capacity';

/**
 * Which pods belong to a Backstage entity, as the Kubernetes plugin selects
 * them: the `backstage.io/kubernetes-label-selector` annotation when set,
 * else the pod label `backstage.io/kubernetes-id=<kubernetesId>`;
 * `backstage.io/kubernetes-namespace` narrows it.
 *
 * @public
 */
export interface WorkloadSelection {
  /** The entity, for display (`component:default/checkout`). */
  entityRef?: string;
  kubernetesId?: string;
  /** A Kubernetes label selector: `a=b,c!=d,e in (x,y),!f`. */
  labelSelector?: string;
  namespace?: string;
  /** Only this cluster, when set. */
  cluster?: string;
}

/**
 * A pod of a workload.
 *
 * @public
 */
export interface WorkloadPod {
  cluster: string;
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  /** The pod's VPC IP, when it holds one. */
  podIp?: string;
  networkInterfaceId?: string;
  subnetId?: string;
  /** True when the IP was found in its node's prefixes or secondary IPs. */
  attributed: boolean;
}

/**
 * A node a workload's pods run on, with that node's usage.
 *
 * @public
 */
export interface WorkloadNode {
  cluster: string;
  /** The workload's pods with VPC IPs on this node. */
  workloadPods: number;
  node: NodeUsage;
}

/**
 * A subnet a workload's pod IPs come from, with that subnet's usage.
 *
 * @public
 */
export interface WorkloadSubnet {
  cluster: string;
  workloadPodIps: number;
  subnet: SubnetUsage;
}

/**
 * How many more replicas of a workload could get a VPC IP.
 *
 * @public
 */
export interface WorkloadHeadroom {
  /**
   * On the node groups the workload already runs in (a stand-in for its
   * node selectors and affinities), subnets' free blocks shared between
   * nodes.
   */
  replicas: number;
  /** On the very nodes it runs on now. */
  onCurrentNodes: number;
  /** What stops it first, on its busiest node group. */
  wall: NodeHeadroom['wall'];
}

/**
 * One entity's pods, and the nodes and subnets they use.
 *
 * @public
 */
export interface WorkloadUsage {
  selection: WorkloadSelection;
  /** Selected pods counted against pod limits (not Succeeded/Failed). */
  pods: number;
  podsWithVpcIp: number;
  unattributedPods: number;
  podList: WorkloadPod[];
  nodes: WorkloadNode[];
  subnets: WorkloadSubnet[];
  headroom: WorkloadHeadroom;
}

/**
 * A team's entities and their sums.
 *
 * @public
 */
export interface OwnerUsage {
  owner: string;
  entities: WorkloadUsage[];
  /** Sums over the entities (a pod selected by two entities counts twice). */
  pods: number;
  podsWithVpcIp: number;
  unattributedPods: number;
  /**
   * Sum of the entities' `headroom.replicas`. Entities on the same nodes
   * compete for the same room, so this is what each could get, added up.
   */
  headroomReplicas: number;
  /** Distinct nodes and subnets across the entities. */
  nodes: number;
  subnets: number;
}
