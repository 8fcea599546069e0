import {
  ClusterCapacity,
  ClusterForecast,
  forecastCluster,
  HistoryPoint,
  HistoryResponse,
  SubnetHistory,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** The instant of the fixtures' snapshots: the forecasts count from it. */
export const NOW = Date.parse('2026-11-23T08:00:00.000Z');
const DAY = 24 * 3_600_000;

/** Daily readings ending at NOW: `values[0]` the oldest. */
function daily(values: number[]): { at: number; value: number }[] {
  return values.map((value, i) => ({
    at: NOW - (values.length - 1 - i) * DAY,
    value,
  }));
}

/**
 * What the fixtures' subnets went through, worked out by hand, ending at
 * each subnet's figures now (so a chart ends where the table stands):
 *
 * - `subnet-0small1b` (10.0.1.0/28, low, secondary-IP nodes): 7 free IPs
 *   six days ago, one fewer every day, 1 now → out of free IPs in about
 *   1 day; no free /28 block all along → "no free /28 block left".
 * - `subnet-0sec5frag1b` (§5's 10.0.0.0/25, prefix-mode nodes): five
 *   daily readings from 5 free /28 blocks down to 1 (single addresses
 *   fragmenting them: 92 free IPs down to 88) — one reading short of the
 *   six a forecast needs, one day apart → "a forecast after 24 more hours".
 * - `subnet-0legacy1c` (10.0.2.0/24, secondary-IP nodes): 250 free IPs six
 *   days ago, 2 fewer a day, 238 now → 238 / 2 = 119 days; its one free /28
 *   block unchanged → not growing.
 * - `subnet-0sample1a` and `subnet-0sample1c` (sample 1's /19s): unchanged
 *   for a week → not growing.
 * - Every other subnet has no history yet (collecting).
 */
export const SUBNET_HISTORY: Record<string, SubnetHistory> = {
  'subnet-0small1b': {
    availableIps: daily([7, 6, 5, 4, 3, 2, 1]),
    freePrefixBlocks: daily([0, 0, 0, 0, 0, 0, 0]),
  },
  'subnet-0sec5frag1b': {
    freePrefixBlocks: daily([5, 4, 3, 2, 1]),
    availableIps: daily([92, 91, 90, 89, 88]),
  },
  'subnet-0legacy1c': {
    availableIps: daily([250, 248, 246, 244, 242, 240, 238]),
    freePrefixBlocks: daily([1, 1, 1, 1, 1, 1, 1]),
  },
  'subnet-0sample1a': {
    freePrefixBlocks: daily([506, 506, 506, 506, 506, 506, 506, 506]),
    availableIps: daily([8153, 8153, 8153, 8153, 8153, 8153, 8153, 8153]),
  },
  'subnet-0sample1c': {
    freePrefixBlocks: daily([507, 507, 507, 507, 507, 507, 507, 507]),
    availableIps: daily([8169, 8169, 8169, 8169, 8169, 8169, 8169, 8169]),
  },
};

/** The cluster's forecasts as the backend makes them: the real engine on that history. */
export function forecastOf(capacity: ClusterCapacity): ClusterForecast {
  const history = new Map(
    capacity.subnets.flatMap(s =>
      SUBNET_HISTORY[s.subnetId]
        ? [[s.subnetId, SUBNET_HISTORY[s.subnetId]]]
        : [],
    ),
  );
  return forecastCluster(capacity, history, NOW);
}

/** One subnet's history as `GET /history` answers it. */
export function subnetHistoryPoints(
  subnetId: string,
  usable: number,
): HistoryPoint[] {
  const h = SUBNET_HISTORY[subnetId];
  if (!h) return [];
  return h.availableIps.map((p, i) => ({
    at: new Date(p.at).toISOString(),
    freePrefixBlocks: h.freePrefixBlocks[i]?.value ?? 0,
    availableIps: p.value,
    usableIps: usable,
    usedIps: usable - p.value,
  }));
}

/** `GET /history` with the given series, over the last 7 days. */
export function historyResponse(
  series: HistoryResponse['series'],
  collectingSince?: string,
): HistoryResponse {
  return {
    from: new Date(NOW - 7 * DAY).toISOString(),
    to: new Date(NOW).toISOString(),
    stepSeconds: 3600,
    ...(collectingSince ? { collectingSince } : {}),
    series,
  };
}
