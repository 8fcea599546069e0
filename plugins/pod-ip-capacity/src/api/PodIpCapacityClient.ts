import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  AddReplicasResponse,
  ClusterDetailResponse,
  ClusterFixesResponse,
  ClusterForesightResponse,
  ClustersResponse,
  EntityCapacityResponse,
  HistoryResponse,
  NodeDetailResponse,
  NodesPage,
  OverviewResponse,
  OwnersResponse,
  PodIpCapacityApiClient,
  RefreshResponse,
  RolloutResponse,
  RotateResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  GetHistoryRequest,
  ListNodesRequest,
  PodIpCapacityApi,
  WhatIfAddReplicasRequest,
  WhatIfRolloutRequest,
  WhatIfRotateRequest,
} from './PodIpCapacityApi';

/**
 * Talks to the Pod IP Capacity backend through the app's discovery and fetch
 * APIs, so that the user's Backstage token goes along with every request.
 * The requests themselves are the client generated from the REST contract.
 *
 * @public
 */
export class PodIpCapacityClient implements PodIpCapacityApi {
  private readonly api: PodIpCapacityApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = new PodIpCapacityApiClient(options);
  }

  /** {@inheritDoc PodIpCapacityApi.getClusters} */
  getClusters(): Promise<ClustersResponse> {
    return this.api.listClusters();
  }

  /** {@inheritDoc PodIpCapacityApi.getCluster} */
  getCluster(name: string): Promise<ClusterDetailResponse> {
    return this.api.getCluster({ path: { name } });
  }

  /** {@inheritDoc PodIpCapacityApi.getOverview} */
  getOverview(): Promise<OverviewResponse> {
    return this.api.getOverview();
  }

  /** {@inheritDoc PodIpCapacityApi.listNodes} */
  listNodes(request: ListNodesRequest = {}): Promise<NodesPage> {
    const { cluster, entityRef, q, sort, order, offset, limit } = request;
    return this.api.listNodes({
      query: {
        ...(cluster ? { cluster } : {}),
        ...(entityRef ? { entityRef } : {}),
        ...(q?.trim() ? { q: q.trim() } : {}),
        ...(sort ? { sort } : {}),
        ...(order ? { order } : {}),
        ...(offset !== undefined ? { offset } : {}),
        ...(limit !== undefined ? { limit } : {}),
      },
    });
  }

  /** {@inheritDoc PodIpCapacityApi.getNode} */
  getNode(cluster: string, node: string): Promise<NodeDetailResponse> {
    return this.api.getNode({ path: { name: cluster, node } });
  }

  /** {@inheritDoc PodIpCapacityApi.getHistory} */
  getHistory(request: GetHistoryRequest): Promise<HistoryResponse> {
    const { kind, cluster, key, from, to, step } = request;
    return this.api.getHistory({
      query: {
        kind,
        ...(cluster ? { cluster } : {}),
        ...(key ? { key } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(step !== undefined ? { step } : {}),
      },
    });
  }

  /** {@inheritDoc PodIpCapacityApi.getClusterForesight} */
  getClusterForesight(cluster: string): Promise<ClusterForesightResponse> {
    return this.api.getClusterForesight({ path: { name: cluster } });
  }

  /** {@inheritDoc PodIpCapacityApi.getClusterFixes} */
  getClusterFixes(
    cluster: string,
    subnetId?: string,
  ): Promise<ClusterFixesResponse> {
    return this.api.getClusterFixes({
      path: { name: cluster },
      query: subnetId ? { subnet: subnetId } : {},
    });
  }

  /** {@inheritDoc PodIpCapacityApi.whatIfAddReplicas} */
  whatIfAddReplicas(
    request: WhatIfAddReplicasRequest,
  ): Promise<AddReplicasResponse> {
    const { entityRef, replicas, cluster } = request;
    return this.api.whatIfAddReplicas({
      query: { entityRef, replicas, ...(cluster ? { cluster } : {}) },
    });
  }

  /** {@inheritDoc PodIpCapacityApi.whatIfRollout} */
  whatIfRollout(request: WhatIfRolloutRequest): Promise<RolloutResponse> {
    const { entityRef, maxSurge, cluster } = request;
    return this.api.whatIfRollout({
      query: {
        entityRef,
        ...(maxSurge?.trim() ? { maxSurge: maxSurge.trim() } : {}),
        ...(cluster ? { cluster } : {}),
      },
    });
  }

  /** {@inheritDoc PodIpCapacityApi.whatIfRotate} */
  whatIfRotate(request: WhatIfRotateRequest): Promise<RotateResponse> {
    const { cluster, nodeGroup, concurrent } = request;
    return this.api.whatIfRotate({
      query: {
        cluster,
        nodeGroup,
        ...(concurrent !== undefined ? { concurrent } : {}),
      },
    });
  }

  /** {@inheritDoc PodIpCapacityApi.getEntityCapacity} */
  getEntityCapacity(entityRef: string): Promise<EntityCapacityResponse> {
    return this.api.getEntityCapacity({ query: { entityRef } });
  }

  /** {@inheritDoc PodIpCapacityApi.getOwners} */
  getOwners(): Promise<OwnersResponse> {
    return this.api.listOwners();
  }

  /** {@inheritDoc PodIpCapacityApi.refresh} */
  refresh(options?: { cluster?: string }): Promise<RefreshResponse> {
    return this.api.refresh({
      body: options?.cluster ? { cluster: options.cluster } : {},
    });
  }
}
