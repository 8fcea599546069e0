import { createApiRef } from '@backstage/core-plugin-api';
import {
  ClusterDetailResponse,
  ClustersResponse,
  EntityCapacityResponse,
  OwnersResponse,
  RefreshResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

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
  /** `GET /clusters/{name}`: one cluster's nodes, ENIs and subnets. */
  getCluster(name: string): Promise<ClusterDetailResponse>;
  /** `GET /entity`: an entity's pods (or, for a team, its services' pods) per cluster. */
  getEntityCapacity(entityRef: string): Promise<EntityCapacityResponse>;
  /** `GET /owners`: teams ranked by the pod IPs their nodes hold. */
  getOwners(): Promise<OwnersResponse>;
  /** `POST /refresh`: collect again now, all clusters or one. */
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
