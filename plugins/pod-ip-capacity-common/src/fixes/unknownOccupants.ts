import { SubnetUsage } from '../types';

/**
 * What could not be read about a subnet's occupants (`SubnetUsage.unknown`,
 * added while this module was written: read structurally so that the
 * fixes work with snapshots that have the field and those that do not).
 */
export function unknownOccupants(subnet: SubnetUsage): readonly string[] {
  const unknown = (subnet as { unknown?: unknown }).unknown;
  return Array.isArray(unknown) ? (unknown as string[]) : [];
}
