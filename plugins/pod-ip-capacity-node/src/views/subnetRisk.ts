import type {
  SubnetStatus,
  SubnetUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** Subnets most at risk first. */
const RISK: Record<SubnetStatus, number> = {
  exhausted: 3,
  low: 2,
  fragmented: 1,
  ok: 0,
};

/**
 * The order the overview lists subnets in (`GET /overview`'s `subnets`):
 * most at risk first (exhausted, low, fragmented, ok), then fewest free /28
 * blocks, then by cluster and subnet id.
 *
 * @public
 */
export function compareSubnetsByRisk(
  a: { cluster: string; subnet: SubnetUsage },
  b: { cluster: string; subnet: SubnetUsage },
): number {
  return (
    RISK[b.subnet.status] - RISK[a.subnet.status] ||
    a.subnet.freePrefixBlocks - b.subnet.freePrefixBlocks ||
    a.cluster.localeCompare(b.cluster) ||
    a.subnet.subnetId.localeCompare(b.subnet.subnetId)
  );
}
