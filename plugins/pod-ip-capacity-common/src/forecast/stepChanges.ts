import { SeriesPoint } from './types';
import { median } from './quantile';

/**
 * Where the last step change of a series is: the index of the first point
 * after it, or 0 when there is none. Points sorted by time, distinct times.
 *
 * A step is a jump between consecutive points far larger than the series'
 * typical point-to-point change. Each change is first measured against the
 * trend (the median rate times the gap), so a steady decline sampled at
 * long intervals is no step, and adding a steady decline to a series
 * never creates or removes one. The typical change is the median of those
 * excess changes, at least `minTypicalChange` (free blocks and IPs are
 * integers that often do not move between samples: a median of 0 would
 * make every change a step).
 */
export function lastStepStart(
  points: readonly SeriesPoint[],
  stepFactor: number,
  minTypicalChange: number,
): number {
  if (points.length < 3) return 0;
  const rates: number[] = [];
  for (let i = 1; i < points.length; i++) {
    rates.push(
      (points[i].value - points[i - 1].value) /
        (points[i].at - points[i - 1].at),
    );
  }
  const trendRate = median(rates);
  const excess = rates.map((rate, k) =>
    Math.abs((rate - trendRate) * (points[k + 1].at - points[k].at)),
  );
  const threshold = stepFactor * Math.max(median(excess), minTypicalChange);
  for (let k = excess.length - 1; k >= 0; k--) {
    if (excess[k] > threshold) return k + 1;
  }
  return 0;
}
