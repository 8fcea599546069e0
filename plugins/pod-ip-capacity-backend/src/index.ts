/**
 * The Pod IP Capacity backend plugin: serves pod IP capacity of EKS clusters.
 *
 * @packageDocumentation
 */

export { podIpCapacityPlugin as default } from './plugin';
export {
  podIpCapacityHistoryExtensionPoint,
  type HistoryBackfill,
  type HistoryBackfillContext,
  type PodIpCapacityHistoryExtensionPoint,
} from './extensions';
