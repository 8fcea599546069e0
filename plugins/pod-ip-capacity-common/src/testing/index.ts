/**
 * Test fixtures of the capacity engine: the worked samples of how-pod-ips-are-counted.md as
 * inventories, and builders. Import from
 * `@pod-ip-capacity/plugin-pod-ip-capacity-common/testing`.
 *
 * @packageDocumentation
 */

export { domainSample1, domainSample2 } from './domainSamples';
export { INSTANCE_TYPES, makeEni, makeNode, makePod } from './builders';
export { generateInventory } from './generateInventory';
export type { GenerateInventoryOptions } from './generateInventory';
