export {
  PodIpCapacityPage,
  PodIpCapacityPageContent,
  PodIpCapacityOverview,
} from './PodIpCapacityPage';
