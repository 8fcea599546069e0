/**
 * Pod IP Capacity: shared types and the capacity engine.
 *
 * @packageDocumentation
 */

export { POD_IP_CAPACITY_PLUGIN_ID } from './constants';
export { subnetUsableAddresses } from './ip/subnetUsableAddresses';
