export { EntityPodIpCapacityContent } from './EntityPodIpCapacityContent';
