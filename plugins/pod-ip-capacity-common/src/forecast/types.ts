import type { RunOutForecast } from '../schema/openapi/generated/models';

// The forecasts themselves are part of the REST contract (openapi.yaml):
// their types are the generated models.
export type {
  CollectingForecast,
  DatedForecast,
  ExhaustedForecast,
  FirstRunOut,
  ForecastWindow,
  NotGrowingForecast,
  RunOutForecast,
  SubnetRunOutDate,
  WorkloadRunOut,
} from '../schema/openapi/generated/models';

/**
 * Run-out forecasts: when a subnet's free aligned /28 blocks (what
 * prefix-mode nodes need, how-pod-ips-are-counted.md §5) or its free IPs
 * (secondary-IP mode) reach zero, from a history of that quantity. Plain
 * JSON: instants are epoch milliseconds, durations are numbers of days or
 * hours.
 */

/**
 * One observation of a quantity that runs out (free /28 blocks, free IPs)
 * at an instant.
 *
 * @public
 */
export interface SeriesPoint {
  /** When it was observed, epoch milliseconds. */
  at: number;
  value: number;
}

/**
 * How a forecast is made. Every field has a default.
 *
 * @public
 */
export interface ForecastOptions {
  /** History the trend is fitted over, back from the latest point (default 14). */
  windowDays?: number;
  /** Least history, first to last point of the window, before a forecast is given (default 24). */
  minSpanHours?: number;
  /** Least points in the window before a forecast is given (default 6). */
  minPoints?: number;
  /**
   * Most points the trend's pairwise slopes are taken over (default 200,
   * 19,900 pairs): a longer window is thinned to this many, evenly by
   * position, so the cost stays bounded and the result deterministic.
   */
  maxTrendPoints?: number;
  /**
   * A jump between consecutive points larger than this many times the
   * series' typical point-to-point change is a step (a node group moved, a
   * reservation added) and restarts the window after it (default 10).
   */
  stepFactor?: number;
  /**
   * The least typical point-to-point change, in the series' unit (default
   * 1: one block, one IP). Without it a series that rarely changes would
   * make every change a step.
   */
  minTypicalChange?: number;
  /**
   * The band's quantile of the residuals around the trend (default 0.1:
   * the 10th to 90th percentile shift the line for the earliest and latest
   * crossing).
   */
  bandQuantile?: number;
}

/**
 * One subnet's forecast of one quantity (its free /28 blocks, or its free
 * IPs).
 *
 * @public
 */
export interface SubnetRunOut {
  subnetId: string;
  forecast: RunOutForecast;
}
