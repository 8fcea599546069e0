import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  ClusterDetailResponse,
  ClustersResponse,
  EntityCapacityResponse,
  HistoryResponse,
  NodeDetailResponse,
  NodesPage,
  OverviewResponse,
  OwnersResponse,
  PodIpCapacityApiClient,
  RefreshResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  GetHistoryRequest,
  ListNodesRequest,
  PodIpCapacityApi,
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
    const { cluster, q, sort, order, offset, limit } = request;
    return this.api.listNodes({
      query: {
        ...(cluster ? { cluster } : {}),
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
