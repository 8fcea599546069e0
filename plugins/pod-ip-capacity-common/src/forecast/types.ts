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
 * The history a forecast was made from.
 *
 * @public
 */
export interface ForecastWindow {
  /** First point used, epoch ms. */
  from: number;
  /** Last point used, epoch ms. */
  to: number;
  /** Points used (before thinning for the trend). */
  points: number;
  /** When the window was restarted after a step change: the instant of the first point after the step. */
  restartedAt?: number;
}

/**
 * The latest value is zero or less: nothing left.
 *
 * @public
 */
export interface ExhaustedForecast {
  state: 'exhausted';
  /** The first point of the trailing run of points at zero or less, epoch ms. */
  since: number;
}

/**
 * Too little history for a forecast.
 *
 * @public
 */
export interface CollectingForecast {
  state: 'collecting';
  /** Whole hours until there is enough history, at the series' sampling rate (at least 1). */
  moreHours: number;
  window: ForecastWindow;
}

/**
 * The quantity is not running down: the trend is rising, or its decline
 * over the window is no larger than the scatter around it.
 *
 * @public
 */
export interface NotGrowingForecast {
  state: 'not-growing';
  /** The trend's change per day (negative: declining). */
  slopePerDay: number;
  window: ForecastWindow;
}

/**
 * When the trend reaches zero. All instants are epoch ms, never before
 * `now` nor before the latest point.
 *
 * @public
 */
export interface DatedForecast {
  state: 'forecast';
  /** Where the trend line crosses zero. */
  exhaustsAt: number;
  /** Where the line shifted down by the band crosses zero. */
  earliest: number;
  /** Where the line shifted up by the band crosses zero. */
  latest: number;
  /** Days from `now` to `exhaustsAt`. */
  daysLeft: number;
  /** Days from `now` to `earliest`. */
  daysLeftLow: number;
  /** Days from `now` to `latest`. */
  daysLeftHigh: number;
  /** The trend's change per day (negative). */
  slopePerDay: number;
  window: ForecastWindow;
}

/**
 * A run-out forecast of one quantity.
 *
 * @public
 */
export type RunOutForecast =
  | ExhaustedForecast
  | CollectingForecast
  | NotGrowingForecast
  | DatedForecast;

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

/**
 * A subnet that has run out or has a date.
 *
 * @public
 */
export interface SubnetRunOutDate {
  subnetId: string;
  forecast: ExhaustedForecast | DatedForecast;
}

/**
 * The first of several subnets to run out.
 *
 * @public
 */
export interface FirstRunOut {
  /** Exhausted subnets first (longest exhausted first), then the earliest `exhaustsAt`; null when none has a date. */
  first: SubnetRunOutDate | null;
  /** Subnets still collecting history: one of them may yet run out first. */
  collecting: string[];
  /** Subnets whose quantity is not running down. */
  notGrowing: string[];
}

/**
 * When the subnets a workload's pods take IPs from run out: the first of
 * them.
 *
 * @public
 */
export interface WorkloadRunOut extends FirstRunOut {
  /** The workload's subnets that had no forecast among those given. */
  withoutForecast: string[];
}
