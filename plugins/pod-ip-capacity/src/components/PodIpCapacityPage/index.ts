export { PodIpCapacityPage } from './PodIpCapacityPage';
