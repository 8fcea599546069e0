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
// The inventory types these fixtures are made of (also exported by the main
// entry point), so that this entry point's API is complete on its own.
export type {
  ClusterInventory,
  InventoryCidrReservation,
  InventoryEniAttachment,
  InventoryInstance,
  InventoryInstanceType,
  InventoryNetworkInterface,
  InventoryNode,
  InventoryPod,
  InventorySubnet,
  InventoryUnknown,
  IpFamily,
} from '../types';
