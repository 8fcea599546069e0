import {
  ForecastOptions,
  ForecastWindow,
  RunOutForecast,
  SeriesPoint,
} from './types';
import { median, quantileOfSorted, sortedCopy } from './quantile';
import { theilSenSlope } from './theilSenSlope';
import { lastStepStart } from './stepChanges';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const DEFAULTS: Required<ForecastOptions> = {
  windowDays: 14,
  minSpanHours: 24,
  minPoints: 6,
  maxTrendPoints: 200,
  stepFactor: 10,
  minTypicalChange: 1,
  bandQuantile: 0.1,
};

/**
 * Finite points sorted by time, one per instant (of several at the same
 * instant, the one listed last wins: the freshest reading).
 */
function cleanSeries(series: readonly SeriesPoint[]): SeriesPoint[] {
  const sorted = series
    .filter(p => Number.isFinite(p.at) && Number.isFinite(p.value))
    .map((p, order) => ({ p, order }))
    .sort((a, b) => a.p.at - b.p.at || a.order - b.order)
    .map(({ p }) => ({ at: p.at, value: p.value }));
  const points: SeriesPoint[] = [];
  for (const p of sorted) {
    if (points.length > 0 && points[points.length - 1].at === p.at) {
      points[points.length - 1] = p;
    } else {
      points.push(p);
    }
  }
  return points;
}

/** The series' usual sampling interval in hours (0 with fewer than two points). */
function samplingHours(points: readonly SeriesPoint[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    gaps.push((points[i].at - points[i - 1].at) / HOUR);
  }
  return gaps.length > 0 ? median(gaps) : 0;
}

/**
 * Whole hours (at least 1) until the window has both the span and the
 * points a forecast needs, missing points arriving at the sampling
 * interval.
 */
function hoursUntilEnough(
  window: readonly SeriesPoint[],
  gapHours: number,
  options: Required<ForecastOptions>,
): number {
  const spanHours =
    window.length > 0
      ? (window[window.length - 1].at - window[0].at) / HOUR
      : 0;
  const missingPoints = Math.max(0, options.minPoints - window.length);
  return Math.max(
    1,
    Math.ceil(
      Math.max(options.minSpanHours - spanHours, missingPoints * gapHours),
    ),
  );
}

/**
 * When a quantity that runs out — a subnet's free /28 blocks, or its free
 * IPs — reaches zero, from its history (how-pod-ips-are-counted.md §5: the
 * two run out separately). A robust trend (Theil–Sen slope, intercept the
 * median residual) over the last `windowDays` before the latest point,
 * restarted after the last step change; the 10th and 90th percentile of
 * the residuals shift the line for the earliest and latest crossing.
 * Instants are never before `now` nor before the latest point. Pure:
 * `now` is an input, and the cost is O(n log n) in the points plus
 * O(maxTrendPoints²).
 *
 * @public
 */
export function forecastRunOut(
  series: readonly SeriesPoint[],
  now: number,
  options: ForecastOptions = {},
): RunOutForecast {
  const o: Required<ForecastOptions> = { ...DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (o as Record<string, number>)[key] = value;
  }
  const points = cleanSeries(series);
  if (points.length === 0) {
    return {
      state: 'collecting',
      moreHours: hoursUntilEnough([], 0, o),
      window: { from: now, to: now, points: 0 },
    };
  }
  const last = points[points.length - 1];
  if (last.value <= 0) {
    let first = points.length - 1;
    while (first > 0 && points[first - 1].value <= 0) first--;
    return { state: 'exhausted', since: points[first].at };
  }

  const cutoff = last.at - o.windowDays * DAY;
  const inWindow = points.filter(p => p.at >= cutoff);
  const restart = lastStepStart(inWindow, o.stepFactor, o.minTypicalChange);
  const used = inWindow.slice(restart);
  const window: ForecastWindow = {
    from: used[0].at,
    to: last.at,
    points: used.length,
    ...(restart > 0 ? { restartedAt: used[0].at } : {}),
  };
  const span = last.at - used[0].at;
  if (span < o.minSpanHours * HOUR || used.length < o.minPoints) {
    return {
      state: 'collecting',
      moreHours: hoursUntilEnough(used, samplingHours(inWindow), o),
      window,
    };
  }

  // The line: value(t) = level + slope × (t − last.at).
  const slope = theilSenSlope(used, o.maxTrendPoints);
  const residuals = sortedCopy(
    used.map(p => p.value - slope * (p.at - last.at)),
  );
  const level = quantileOfSorted(residuals, 0.5);
  const low = quantileOfSorted(residuals, o.bandQuantile) - level;
  const high = quantileOfSorted(residuals, 1 - o.bandQuantile) - level;
  const slopePerDay = slope * DAY;
  // Flat: the trend moves the line over the window no more than the
  // scatter around it, so any date would be noise.
  if (slope >= 0 || -slope * span <= high - low) {
    return { state: 'not-growing', slopePerDay, window };
  }

  const notBefore = Math.max(now, last.at);
  const crossing = (remaining: number) =>
    Math.max(notBefore, Math.round(last.at + remaining / -slope));
  const exhaustsAt = crossing(level);
  const earliest = crossing(level + low);
  const latest = crossing(level + high);
  return {
    state: 'forecast',
    exhaustsAt,
    earliest,
    latest,
    daysLeft: (exhaustsAt - now) / DAY,
    daysLeftLow: (earliest - now) / DAY,
    daysLeftHigh: (latest - now) / DAY,
    slopePerDay,
    window,
  };
}
