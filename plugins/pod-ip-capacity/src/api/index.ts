export { podIpCapacityApiRef } from './PodIpCapacityApi';
export type {
  GetHistoryRequest,
  ListNodesRequest,
  PodIpCapacityApi,
} from './PodIpCapacityApi';
export { PodIpCapacityClient } from './PodIpCapacityClient';
