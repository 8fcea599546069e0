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
export { isPodIpCapacityAvailable } from './isPodIpCapacityAvailable';
export { podIpCapacityApiRef, PodIpCapacityClient } from './api';
export type { PodIpCapacityApi } from './api';
