/**
 * The benchmark's inventory generator: the one the property tests use too
 * (`src/testing/generateInventory.ts`), so both exercise the same shapes.
 */
export { generateInventory } from '../src/testing/generateInventory';
export type { GenerateInventoryOptions } from '../src/testing/generateInventory';
