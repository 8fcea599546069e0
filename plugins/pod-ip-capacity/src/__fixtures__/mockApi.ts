import { PodIpCapacityApi } from '../api';
import {
  clusterDetail,
  clustersResponse,
  entityResponse,
  ownersResponse,
} from './capacity';

/** A PodIpCapacityApi answering from the engine-made fixtures; override any method. */
export function mockPodIpCapacityApi(
  overrides: Partial<PodIpCapacityApi> = {},
): jest.Mocked<PodIpCapacityApi> {
  return {
    getClusters: jest.fn(async () => clustersResponse()),
    getCluster: jest.fn(async (name: string) => clusterDetail(name)),
    getEntityCapacity: jest.fn(async (ref: string) =>
      entityResponse(ref, [ref.split('/')[1]]),
    ),
    getOwners: jest.fn(async () => ownersResponse()),
    refresh: jest.fn(async () => ({ refreshing: ['sample-1-auto-mode'] })),
    ...overrides,
  } as jest.Mocked<PodIpCapacityApi>;
}
