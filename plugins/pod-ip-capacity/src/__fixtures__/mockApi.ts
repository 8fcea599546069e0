import { PodIpCapacityApi } from '../api';
import {
  clusterDetail,
  clustersResponse,
  entityResponse,
  nodeDetail,
  nodesPage,
  overviewResponse,
  ownersResponse,
} from './capacity';
import { historyResponse } from './history';
import {
  addReplicasResponse,
  clusterForesightResponse,
  rolloutResponse,
  rotateResponse,
} from './whatIf';

/** A PodIpCapacityApi answering from the engine-made fixtures; override any method. */
export function mockPodIpCapacityApi(
  overrides: Partial<PodIpCapacityApi> = {},
): jest.Mocked<PodIpCapacityApi> {
  return {
    getClusters: jest.fn(async () => clustersResponse()),
    getCluster: jest.fn(async (name: string) => clusterDetail(name)),
    getOverview: jest.fn(async () => overviewResponse()),
    listNodes: jest.fn(async request => nodesPage(request)),
    getNode: jest.fn(async (cluster: string, node: string) =>
      nodeDetail(cluster, node),
    ),
    getHistory: jest.fn(async () => historyResponse([])),
    getClusterForesight: jest.fn(async (cluster: string) =>
      clusterForesightResponse(cluster),
    ),
    whatIfAddReplicas: jest.fn(async request => addReplicasResponse(request)),
    whatIfRollout: jest.fn(async request => rolloutResponse(request)),
    whatIfRotate: jest.fn(async request => rotateResponse(request)),
    getEntityCapacity: jest.fn(async (ref: string) =>
      entityResponse(ref, [ref.split('/')[1]]),
    ),
    getOwners: jest.fn(async () => ownersResponse()),
    refresh: jest.fn(async () => ({
      refreshing: ['sample-1-auto-mode'],
      coolingDown: [],
    })),
    ...overrides,
  } as jest.Mocked<PodIpCapacityApi>;
}
