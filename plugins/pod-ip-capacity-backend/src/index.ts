/**
 * The Pod IP Capacity backend plugin: serves pod IP capacity of EKS clusters.
 *
 * @packageDocumentation
 */

export { podIpCapacityPlugin as default } from './plugin';
