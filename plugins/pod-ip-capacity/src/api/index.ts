export { podIpCapacityApiRef } from './PodIpCapacityApi';
export type {
  GetHistoryRequest,
  ListNodesRequest,
  PodIpCapacityApi,
  WhatIfAddReplicasRequest,
  WhatIfRolloutRequest,
  WhatIfRotateRequest,
} from './PodIpCapacityApi';
export { PodIpCapacityClient } from './PodIpCapacityClient';
