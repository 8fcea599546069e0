import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  ClusterDetailResponse,
  ClustersResponse,
  EntityCapacityResponse,
  OwnersResponse,
  PodIpCapacityApiClient,
  RefreshResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityApi } from './PodIpCapacityApi';

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

  getClusters(): Promise<ClustersResponse> {
    return this.api.listClusters();
  }

  getCluster(name: string): Promise<ClusterDetailResponse> {
    return this.api.getCluster({ path: { name } });
  }

  getEntityCapacity(entityRef: string): Promise<EntityCapacityResponse> {
    return this.api.getEntityCapacity({ query: { entityRef } });
  }

  getOwners(): Promise<OwnersResponse> {
    return this.api.listOwners();
  }

  refresh(options?: { cluster?: string }): Promise<RefreshResponse> {
    return this.api.refresh({
      body: options?.cluster ? { cluster: options.cluster } : {},
    });
  }
}
