export { podIpCapacityApiRef } from './PodIpCapacityApi';
export type { PodIpCapacityApi } from './PodIpCapacityApi';
export { PodIpCapacityClient } from './PodIpCapacityClient';
