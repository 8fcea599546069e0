/**
 * Pod IP Capacity: how much pod IP room Amazon EKS clusters have left.
 *
 * @packageDocumentation
 */

export { podIpCapacityPlugin, PodIpCapacityPage } from './plugin';
