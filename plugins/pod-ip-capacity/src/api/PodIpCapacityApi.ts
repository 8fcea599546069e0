import { createApiRef } from '@backstage/core-plugin-api';
import {
  AddReplicasResponse,
  ClusterDetailResponse,
  ClusterFixesResponse,
  ClusterForesightResponse,
  ClustersResponse,
  EntityCapacityResponse,
  HistoryKind,
  HistoryResponse,
  NodeDetailResponse,
  NodeSortKey,
  NodesPage,
  OverviewResponse,
  OwnersResponse,
  RefreshResponse,
  RolloutResponse,
  RotateResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/**
 * What `listNodes` asks for: one page of node rows, filtered and sorted on
 * the server (`GET /nodes`).
 *
 * @public
 */
export interface ListNodesRequest {
  /** Only this cluster's nodes. */
  cluster?: string;
  /** Only the nodes running this entity's pods, each row with `workloadPods`. */
  entityRef?: string;
  /** Text the node's name, instance, type, node group, zone, mode or pod subnet contains. */
  q?: string;
  /** The column to sort by (default `name`). */
  sort?: NodeSortKey;
  /** Ascending (default) or descending. */
  order?: 'asc' | 'desc';
  /** Rows to skip: the page times the page size. */
  offset?: number;
  /** Rows per page, at most 200 (default 50). */
  limit?: number;
}

/**
 * What `getHistory` asks for (`GET /history`).
 *
 * @public
 */
export interface GetHistoryRequest {
  /** What the series is about: a cluster, subnet, node group or entity. */
  kind: HistoryKind;
  /** The cluster; required for every kind but `entity`. */
  cluster?: string;
  /** The subnet id, node group name or entity ref; none for a cluster. */
  key?: string;
  /** ISO 8601 instant; by default `to` minus 7 days. */
  from?: string;
  /** ISO 8601 instant; by default now. */
  to?: string;
  /** Bucket width in seconds (at least 60). */
  step?: number;
}

/**
 * What `whatIfAddReplicas` asks (`GET /what-if/add-replicas`).
 *
 * @public
 */
export interface WhatIfAddReplicasRequest {
  /** A Component or Resource with Kubernetes annotations: `component:default/checkout-api`. */
  entityRef: string;
  /** Replicas to add, 1 to 10,000. */
  replicas: number;
  /** Only this cluster (default: every cluster its pods run in). */
  cluster?: string;
}

/**
 * What `whatIfRollout` asks (`GET /what-if/rollout`).
 *
 * @public
 */
export interface WhatIfRolloutRequest {
  /** A Component or Resource with Kubernetes annotations. */
  entityRef: string;
  /** A count (`"3"`) or a percentage (`"25%"`); default: each Deployment's own. */
  maxSurge?: string;
  /** Only this cluster. */
  cluster?: string;
}

/**
 * What `whatIfRotate` asks (`GET /what-if/rotate`).
 *
 * @public
 */
export interface WhatIfRotateRequest {
  cluster: string;
  /** The node group, node pool or Fargate profile, as the overview names it. */
  nodeGroup: string;
  /** New nodes up at once before old ones drain (default: all of them). */
  concurrent?: number;
}

/**
 * The Pod IP Capacity backend's REST API (`/api/pod-ip-capacity`), as the
 * frontend uses it. Every method rejects with a `ResponseError` when the
 * backend answers with an error.
 *
 * @public
 */
export interface PodIpCapacityApi {
  /** `GET /clusters`: every cluster with its totals and snapshot health. */
  getClusters(): Promise<ClustersResponse>;
  /** `GET /clusters/{name}`: one cluster in full (every node's ENIs and pod IPs). */
  getCluster(name: string): Promise<ClusterDetailResponse>;
  /**
   * `GET /overview`: every cluster's summary, node groups and subnets (with
   * block maps), without per-node detail.
   */
  getOverview(): Promise<OverviewResponse>;
  /** `GET /nodes`: one page of node rows, without ENIs and pod IPs. */
  listNodes(request?: ListNodesRequest): Promise<NodesPage>;
  /** `GET /clusters/{name}/nodes/{node}`: one node in full, for the per-ENI report. */
  getNode(cluster: string, node: string): Promise<NodeDetailResponse>;
  /** `GET /history`: series of a cluster, subnet, node group or entity over time. */
  getHistory(request: GetHistoryRequest): Promise<HistoryResponse>;
  /** `GET /entity`: an entity's pods (or, for a team, its services' pods) per cluster. */
  getEntityCapacity(entityRef: string): Promise<EntityCapacityResponse>;
  /**
   * `GET /clusters/{name}/foresight`: where each node pool's and node
   * group's next node lands per zone, the warnings of requests that will
   * fail, and the warm pools' idle addresses explained.
   */
  getClusterForesight(cluster: string): Promise<ClusterForesightResponse>;
  /**
   * `GET /clusters/{name}/fixes`: ready-made fixes of the cluster's subnets
   * at risk, or of one subnet: free aligned ranges to reserve for prefixes,
   * a secondary VPC CIDR plan, nodes to replace. Optional, so that
   * implementations written before it still compile; without it the UI
   * shows no fixes.
   */
  getClusterFixes?(
    cluster: string,
    subnetId?: string,
  ): Promise<ClusterFixesResponse>;
  /** `GET /what-if/add-replicas`: adding replicas of a service, from the last snapshot. */
  whatIfAddReplicas(
    request: WhatIfAddReplicasRequest,
  ): Promise<AddReplicasResponse>;
  /** `GET /what-if/rollout`: a rolling update of the service's Deployments. */
  whatIfRollout(request: WhatIfRolloutRequest): Promise<RolloutResponse>;
  /** `GET /what-if/rotate`: replacing every node of a node group. */
  whatIfRotate(request: WhatIfRotateRequest): Promise<RotateResponse>;
  /** `GET /owners`: teams ranked by the pod IPs charged to them. */
  getOwners(): Promise<OwnersResponse>;
  /**
   * `POST /refresh`: collect again now, all clusters or one. Clusters
   * refreshed moments ago are left alone (`coolingDown`); when that is every
   * cluster, it rejects with a 429 whose `Retry-After` says when to ask again.
   */
  refresh(options?: { cluster?: string }): Promise<RefreshResponse>;
}

/**
 * The API reference of {@link PodIpCapacityApi}.
 *
 * @public
 */
export const podIpCapacityApiRef = createApiRef<PodIpCapacityApi>({
  id: 'plugin.pod-ip-capacity.service',
});
