import type {
  MetricAttributes,
  MetricsService,
  MetricsServiceObservableResult,
} from '@backstage/backend-plugin-api/alpha';
import { LoggerService } from '@backstage/backend-plugin-api';
import type { RunOutForecast } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { CapacitySnapshotData } from '../collection/types';
import { CapacityStore } from '../snapshots/capacitySnapshots';
import { toSnapshotInfo } from '../service/snapshotInfo';

/** One gauge reading: its value and its (bounded) labels. */
export interface GaugeReading {
  value: number;
  labels: Record<string, string>;
}

/** Every gauge's readings at one instant. */
export type GaugeReadings = Record<string, GaugeReading[]>;

interface GaugeSpec {
  name: string;
  description: string;
}

/**
 * The gauges, by name. Labels: `cluster` on every one, `subnet` and `zone`
 * on subnet gauges, `quantity` on forecasts; never a node, pod or address,
 * so the series grow with clusters and subnets only.
 */
export const CAPACITY_GAUGES: GaugeSpec[] = [
  {
    name: 'pod_ip_capacity_cluster_free_prefix_blocks',
    description: "Free aligned /28 blocks in the cluster's subnets.",
  },
  {
    name: 'pod_ip_capacity_cluster_available_ips',
    description: "Available addresses in the cluster's subnets.",
  },
  {
    name: 'pod_ip_capacity_cluster_held_ips',
    description: "Pod addresses the cluster's nodes hold (in use or warm).",
  },
  {
    name: 'pod_ip_capacity_cluster_used_ips',
    description: 'Held addresses pods use.',
  },
  {
    name: 'pod_ip_capacity_cluster_idle_ips',
    description: 'Held addresses no pod uses (warm pools).',
  },
  {
    name: 'pod_ip_capacity_cluster_collection_age_seconds',
    description: "Age of the cluster's last good collection, in seconds.",
  },
  {
    name: 'pod_ip_capacity_cluster_collection_success',
    description: "1 when the cluster's last refresh succeeded, else 0.",
  },
  {
    name: 'pod_ip_capacity_subnet_free_prefix_blocks',
    description: 'Free aligned /28 blocks of a subnet (a lower bound).',
  },
  {
    name: 'pod_ip_capacity_subnet_available_ips',
    description: 'Available addresses of a subnet.',
  },
  {
    name: 'pod_ip_capacity_subnet_used_ips',
    description: 'Addresses of a subnet in use (every ENI address).',
  },
  {
    name: 'pod_ip_capacity_subnet_at_risk',
    description: '1 when the subnet is at risk for the nodes drawing from it.',
  },
  {
    name: 'pod_ip_capacity_subnet_forecast_days',
    description:
      'Days until the subnet runs out of what its nodes take (quantity label); 0 when exhausted. Absent without a dated forecast.',
  },
];

function forecastDays(forecast: RunOutForecast): number | undefined {
  if (forecast.state === 'exhausted') return 0;
  if (forecast.state === 'forecast') return Math.max(0, forecast.daysLeft);
  return undefined;
}

/** The readings of every gauge from the stored snapshots. Pure over its input. */
export function gaugeReadings(
  clusters: Array<{
    name: string;
    snapshot: ReturnType<typeof toSnapshotInfo>;
    lastRefreshFailed: boolean;
    data?: CapacitySnapshotData;
  }>,
): GaugeReadings {
  const readings: GaugeReadings = Object.fromEntries(
    CAPACITY_GAUGES.map(g => [g.name, [] as GaugeReading[]]),
  );
  const put = (name: string, value: number, labels: Record<string, string>) =>
    readings[name].push({ value, labels });
  for (const { name: cluster, snapshot, lastRefreshFailed, data } of clusters) {
    const c = { cluster };
    if (snapshot.status === 'pending') continue;
    put(
      'pod_ip_capacity_cluster_collection_success',
      lastRefreshFailed ? 0 : 1,
      c,
    );
    if (snapshot.ageSeconds !== undefined) {
      put(
        'pod_ip_capacity_cluster_collection_age_seconds',
        snapshot.ageSeconds,
        c,
      );
    }
    if (!data) continue;
    const { totals } = data.capacity;
    put(
      'pod_ip_capacity_cluster_free_prefix_blocks',
      totals.freePrefixBlocks,
      c,
    );
    put('pod_ip_capacity_cluster_available_ips', totals.subnetAvailable, c);
    put('pod_ip_capacity_cluster_held_ips', totals.heldIps, c);
    put('pod_ip_capacity_cluster_used_ips', totals.usedIps, c);
    put('pod_ip_capacity_cluster_idle_ips', totals.idleIps, c);
    const forecasts = new Map(
      (data.forecasts?.subnets ?? []).map(f => [f.subnetId, f]),
    );
    for (const s of data.capacity.subnets) {
      const labels = {
        cluster,
        subnet: s.subnetId,
        zone: s.availabilityZone ?? '',
      };
      put(
        'pod_ip_capacity_subnet_free_prefix_blocks',
        s.freePrefixBlocks,
        labels,
      );
      put('pod_ip_capacity_subnet_available_ips', s.available, labels);
      put('pod_ip_capacity_subnet_used_ips', s.used, labels);
      put('pod_ip_capacity_subnet_at_risk', s.atRisk ? 1 : 0, labels);
      const f = forecasts.get(s.subnetId);
      const days = f ? forecastDays(f[f.quantity]) : undefined;
      if (f && days !== undefined) {
        put('pod_ip_capacity_subnet_forecast_days', days, {
          ...labels,
          quantity: f.quantity,
        });
      }
    }
  }
  return readings;
}

/**
 * Registers the capacity gauges with Backstage's metrics service
 * (OpenTelemetry observable gauges): at each collection (a Prometheus
 * scrape) they read the latest stored snapshots, once for all gauges (a
 * second at most between two reads), never collecting anything.
 */
export function registerCapacityMetrics(deps: {
  metrics: MetricsService;
  store: CapacityStore;
  refreshFrequencyMs: number;
  logger: LoggerService;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  let cached: { at: number; readings: Promise<GaugeReadings> } | undefined;
  const read = async (): Promise<GaugeReadings> => {
    const [list, records] = await Promise.all([
      deps.store.getClusterList(),
      deps.store.getSnapshots(),
    ]);
    const clusters = await Promise.all(
      (list?.clusters ?? []).map(async ({ name }) => {
        const stored = records.get(name);
        return {
          name,
          snapshot: toSnapshotInfo(stored, {
            now: now(),
            refreshFrequencyMs: deps.refreshFrequencyMs,
            refreshing: false,
          }),
          lastRefreshFailed: stored?.lastRefreshFailed ?? true,
          data: stored ? await deps.store.getData(stored) : undefined,
        };
      }),
    );
    return gaugeReadings(clusters);
  };
  const readings = () => {
    const at = now().getTime();
    if (!cached || at - cached.at > 1000) {
      cached = {
        at,
        readings: read().catch(error => {
          deps.logger.warn(
            `Pod IP capacity: could not read the snapshots for metrics: ${describeForLog(
              error,
            )}`,
          );
          cached = undefined;
          return {};
        }),
      };
    }
    return cached.readings;
  };
  for (const gauge of CAPACITY_GAUGES) {
    deps.metrics
      .createObservableGauge(gauge.name, { description: gauge.description })
      .addCallback(
        async (result: MetricsServiceObservableResult<MetricAttributes>) => {
          for (const r of (await readings())[gauge.name] ?? []) {
            result.observe(r.value, r.labels);
          }
        },
      );
  }
}
