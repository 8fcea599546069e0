import type {
  SubnetForecast,
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

/**
 * Days until a subnet runs out of what its nodes need: 0 when it has,
 * Infinity when it has no date (not growing, or still collecting).
 */
function daysLeft(forecast: SubnetForecast | undefined): number {
  const f = forecast?.[forecast.quantity];
  if (f?.state === 'exhausted') return 0;
  if (f?.state === 'forecast') return f.daysLeft;
  return Infinity;
}

/**
 * The overview's order when forecasts are known: most at risk now first,
 * then the soonest to run out, then as `compareSubnetsByRisk`.
 *
 * @public
 */
export function compareSubnetsByUrgency(
  a: { cluster: string; subnet: SubnetUsage; forecast?: SubnetForecast },
  b: { cluster: string; subnet: SubnetUsage; forecast?: SubnetForecast },
): number {
  const days = daysLeft(a.forecast) - daysLeft(b.forecast);
  return (
    RISK[b.subnet.status] - RISK[a.subnet.status] ||
    (Number.isNaN(days) ? 0 : days) ||
    compareSubnetsByRisk(a, b)
  );
}
