/**
 * Pod IP Capacity: how much pod IP room Amazon EKS clusters have left.
 *
 * @packageDocumentation
 */

export {
  podIpCapacityPlugin,
  PodIpCapacityPage,
  EntityPodIpCapacityContent,
} from './plugin';
export { isPodIpCapacityAvailable } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
export { podIpCapacityApiRef, PodIpCapacityClient } from './api';
export type {
  GetHistoryRequest,
  ListNodesRequest,
  PodIpCapacityApi,
  WhatIfAddReplicasRequest,
  WhatIfRolloutRequest,
  WhatIfRotateRequest,
} from './api';
