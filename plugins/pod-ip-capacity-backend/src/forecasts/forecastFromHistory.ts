import {
  ClusterForecast,
  forecastCluster,
  SubnetHistory,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { CapacitySnapshotData } from '../collection/types';
import { HistoryDatabase } from '../history/HistoryDatabase';

/**
 * Points a forecast window is read in: a week of 6-hourly refreshes, or
 * two weeks at one point an hour. The worst reading of each bucket is
 * kept, so a forecast is never made from a healthier history than there
 * was; the engine thins to 200 points for its trend anyway.
 */
const WINDOW_POINTS = 336;

/**
 * The run-out forecasts of a cluster's subnets as of `at`, from their
 * stored history over the window: one bounded read for all subnets.
 */
export async function forecastFromHistory(
  history: HistoryDatabase,
  data: CapacitySnapshotData,
  at: number,
  windowMs: number,
): Promise<ClusterForecast> {
  const series = await history.readSeries({
    cluster: data.capacity.cluster,
    kind: 'subnet',
    from: at - windowMs,
    to: at,
    stepMs: Math.ceil(windowMs / WINDOW_POINTS),
  });
  const bySubnet = new Map<string, SubnetHistory>();
  for (const s of series) {
    bySubnet.set(s.key, {
      freePrefixBlocks: s.points.flatMap(p =>
        p.freePrefixBlocks === undefined
          ? []
          : [{ at: p.at, value: p.freePrefixBlocks }],
      ),
      availableIps: s.points.flatMap(p =>
        p.availableIps === undefined
          ? []
          : [{ at: p.at, value: p.availableIps }],
      ),
    });
  }
  return forecastCluster(data.capacity, bySubnet, at, {
    windowDays: windowMs / (24 * 3_600_000),
  });
}
