import {
  NodeHeadroom,
  NodeUsage,
  SubnetUsage,
  UnattributedPod,
} from './capacity';

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
 * Why a selected pod holds no pod IP of its node (how-pod-ips-are-counted.md
 * §3): `completed` — Succeeded or Failed, its `podIP` is stale and already
 * released; `host-network` — it uses the node's own IP; `pending-without-ip`
 * — not Succeeded/Failed/hostNetwork and no IP of the cluster's family yet;
 * `ip-outside-node-prefixes` — it has a VPC IP, but in none of its node's
 * prefixes or secondary IPs (branch ENI, Fargate: "unattributed").
 *
 * @public
 */
export type PodWithoutNodeIpReason =
  | 'completed'
  | 'host-network'
  | 'pending-without-ip'
  | 'ip-outside-node-prefixes';

/**
 * A selected pod that holds no pod IP of its node, and why.
 *
 * @public
 */
export interface WorkloadPodWithoutNodeIp {
  cluster: string;
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  reason: PodWithoutNodeIpReason;
  /**
   * The IP in its status, when it has one: stale for `completed`, the
   * node's own for `host-network`, a VPC IP outside the node's prefixes
   * for `ip-outside-node-prefixes`.
   */
  podIp?: string;
  /** For `ip-outside-node-prefixes`: what holds the IP, as the cluster reports it. */
  unattributedReason?: UnattributedPod['reason'];
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
  /** The pods counted in `pods` (completed ones are not in it). */
  podList: WorkloadPod[];
  /**
   * Selected pods that hold no pod IP of their node, completed ones
   * included, with the reason: the pods a UI lists under "3 of 4 pods hold
   * a pod IP". Pods holding one are `podList` entries with `attributed`.
   */
  podsWithoutNodeIp: WorkloadPodWithoutNodeIp[];
  nodes: WorkloadNode[];
  subnets: WorkloadSubnet[];
  headroom: WorkloadHeadroom;
}

/**
 * Room that several of an owner's entities compete for: up to `replicas`
 * more pods with VPC IPs, shared between the entities in `sharedBy`. The
 * node groups of a pool are those its entities run in, joined when one
 * entity runs in several or when their nodes draw pod IPs from the same
 * subnet (they then take the same free /28 blocks); pools of one cluster
 * share no node and no pod subnet, so their room adds up.
 *
 * @public
 */
export interface OwnerHeadroomPool {
  cluster: string;
  /** Node groups (node pools, Fargate profiles) of the pool, sorted. */
  nodeGroups: string[];
  /** Nodes in those groups. */
  nodes: number;
  /**
   * More pods with VPC IPs the pool's nodes can take, computed once over
   * them with subnets' free blocks shared (`sharedHeadroom`), never more
   * than the cluster's `totals.headroomPods`.
   */
  replicas: number;
  /**
   * The entities that compete for it: `entityRef`, else
   * `kubernetes-id:<id>`, else `label-selector:<selector>`. More than one
   * means "up to `replicas`, shared between these".
   */
  sharedBy: string[];
  /** What stops the pool's nodes first, on most of them. */
  wall: NodeHeadroom['wall'];
}

/**
 * How many more pods with VPC IPs an owner's entities can get together.
 *
 * @public
 */
export interface OwnerHeadroom {
  /**
   * Per cluster, the room of the union of the node groups its entities run
   * in, computed once (not one entity after the other), capped at the
   * cluster's `totals.headroomPods`; summed over clusters. Never more than
   * the clusters can take.
   */
  replicas: number;
  /** Same, on the very nodes the entities run on now. */
  onCurrentNodes: number;
  /** Who competes for what, per cluster: see `OwnerHeadroomPool`. */
  pools: OwnerHeadroomPool[];
}

/**
 * Whole pod addresses of the nodes charged to a team (or to nobody), by
 * the rule of `attributedNodeIps`.
 *
 * @public
 */
export interface NodeIpCharge {
  /** `used + idle`. */
  held: number;
  /** Pod IPs of the team's pods on their nodes' ENIs: one each. */
  used: number;
  /** Idle addresses of nodes where every pod with a VPC IP is the team's. */
  idle: number;
}

/**
 * A charge in one cluster.
 *
 * @public
 */
export interface ClusterNodeIpCharge extends NodeIpCharge {
  cluster: string;
}

/**
 * Whole pod addresses charged to an owner, in total and per cluster.
 *
 * @public
 */
export interface AttributedNodeIps extends NodeIpCharge {
  /** Nodes whose idle addresses are charged to the owner. */
  wholeNodes: number;
  /** Per cluster, sorted by cluster name; clusters with nothing charged left out. */
  clusters: ClusterNodeIpCharge[];
}

/**
 * Every held pod address of a set of clusters, charged to teams or to
 * nobody: per cluster, the teams' `held` plus `notAttributed.held` equal
 * the cluster's `totals.heldIps` exactly.
 *
 * @public
 */
export interface NodeIpApportionment {
  owners: Array<{ owner: string } & AttributedNodeIps>;
  /** Per cluster (every cluster given): what no single team is charged. */
  notAttributed: ClusterNodeIpCharge[];
}

/**
 * A team's (or a system's) entities and what they add up to.
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
   * `headroom.replicas`: room shared between the entities, never the sum of
   * theirs (entities on the same nodes compete for the same room).
   */
  headroomReplicas: number;
  headroom: OwnerHeadroom;
  /** Whole addresses charged to the owner (`attributedNodeIps`). */
  nodeIps: AttributedNodeIps;
  /** Distinct nodes and subnets across the entities. */
  nodes: number;
  subnets: number;
}
