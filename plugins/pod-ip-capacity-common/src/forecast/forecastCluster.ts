import type {
  ClusterCapacity,
  ClusterForecast,
  RunOutQuantity,
  SubnetForecast,
  SubnetUsage,
} from '../types';
import { firstSubnetToRunOut } from './firstToRunOut';
import { forecastRunOut } from './forecastRunOut';
import { ForecastOptions, SeriesPoint, SubnetRunOut } from './types';

/**
 * One subnet's history of what runs out: its free aligned /28 blocks and
 * its free addresses.
 *
 * @public
 */
export interface SubnetHistory {
  freePrefixBlocks: readonly SeriesPoint[];
  availableIps: readonly SeriesPoint[];
}

/**
 * What a subnet's run-out date is about: free /28 blocks when any of the
 * cluster's nodes takes prefixes from it; free addresses when only
 * secondary-IP nodes do; for a subnet no node uses yet (where the next
 * node may land), what the cluster's nodes take elsewhere — prefixes if
 * any node does.
 */
function quantityOf(
  subnet: SubnetUsage,
  clusterTakesPrefixes: boolean,
): RunOutQuantity {
  if (subnet.prefixNodes > 0) return 'freePrefixBlocks';
  if (subnet.secondaryIpNodes > 0) return 'availableIps';
  return clusterTakesPrefixes ? 'freePrefixBlocks' : 'availableIps';
}

/**
 * Every subnet's run-out forecasts (of /28 blocks and of addresses) from
 * its history, and the first subnet to run out of what its nodes need.
 * A subnet without history is forecast from nothing ("collecting"). Pure:
 * `now` is the instant of the refresh the forecasts count from.
 *
 * @public
 */
export function forecastCluster(
  capacity: ClusterCapacity,
  history: ReadonlyMap<string, SubnetHistory>,
  now: number,
  options: ForecastOptions = {},
): ClusterForecast {
  const takesPrefixes = capacity.subnets.some(s => s.prefixNodes > 0);
  const subnets: SubnetForecast[] = capacity.subnets.map(subnet => {
    const series = history.get(subnet.subnetId);
    return {
      subnetId: subnet.subnetId,
      quantity: quantityOf(subnet, takesPrefixes),
      freePrefixBlocks: forecastRunOut(
        series?.freePrefixBlocks ?? [],
        now,
        options,
      ),
      availableIps: forecastRunOut(series?.availableIps ?? [], now, options),
    };
  });
  return {
    madeAt: new Date(now).toISOString(),
    first: withQuantity(firstSubnetToRunOut(runOuts(subnets)), subnets),
    subnets,
  };
}

/**
 * Each subnet's forecast of what its nodes need: the input of
 * `firstSubnetToRunOut` and `workloadSubnetsRunOut`.
 *
 * @public
 */
export function runOuts(subnets: readonly SubnetForecast[]): SubnetRunOut[] {
  return subnets.map(s => ({ subnetId: s.subnetId, forecast: s[s.quantity] }));
}

/**
 * Names what the first subnet runs out of.
 *
 * @public
 */
export function withQuantity<T extends ClusterForecast['first']>(
  first: T,
  subnets: readonly SubnetForecast[],
): T {
  if (!first.first) return first;
  const quantity = subnets.find(
    s => s.subnetId === first.first!.subnetId,
  )?.quantity;
  return quantity ? { ...first, first: { ...first.first, quantity } } : first;
}
