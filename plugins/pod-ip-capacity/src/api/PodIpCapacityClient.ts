import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterDetailResponse,
  ClustersResponse,
  EntityCapacityResponse,
  OwnersResponse,
  POD_IP_CAPACITY_PLUGIN_ID,
  RefreshResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityApi } from './PodIpCapacityApi';

/**
 * Talks to the Pod IP Capacity backend through the app's discovery and fetch
 * APIs, so that the user's Backstage token goes along with every request.
 *
 * @public
 */
export class PodIpCapacityClient implements PodIpCapacityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getClusters(): Promise<ClustersResponse> {
    return this.request('/clusters');
  }

  getCluster(name: string): Promise<ClusterDetailResponse> {
    return this.request(`/clusters/${encodeURIComponent(name)}`);
  }

  getEntityCapacity(entityRef: string): Promise<EntityCapacityResponse> {
    return this.request(`/entity?entityRef=${encodeURIComponent(entityRef)}`);
  }

  getOwners(): Promise<OwnersResponse> {
    return this.request('/owners');
  }

  refresh(options?: { cluster?: string }): Promise<RefreshResponse> {
    return this.request('/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(
        options?.cluster ? { cluster: options.cluster } : {},
      ),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      POD_IP_CAPACITY_PLUGIN_ID,
    );
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
