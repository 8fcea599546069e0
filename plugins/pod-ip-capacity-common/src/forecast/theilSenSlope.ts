import { SeriesPoint } from './types';
import { median } from './quantile';

/**
 * Evenly spaced positions 0 … n − 1, at most `max` of them, first and last
 * included: a deterministic thinning (no randomness, so the same history
 * always gives the same forecast).
 */
export function evenlySpacedIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const k = Math.max(2, max);
  return Array.from({ length: k }, (_, j) =>
    Math.round((j * (n - 1)) / (k - 1)),
  );
}

/**
 * Theil–Sen slope: the median of the slopes between every pair of points
 * (value per millisecond), over at most `maxPoints` points thinned evenly
 * by position. A few outliers or a short burst move it little, where a
 * least-squares line would follow them. Points must be sorted by time with
 * distinct times. O(maxPoints²).
 */
export function theilSenSlope(
  points: readonly SeriesPoint[],
  maxPoints: number,
): number {
  const sample = evenlySpacedIndices(points.length, maxPoints).map(
    i => points[i],
  );
  const slopes: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    for (let j = i + 1; j < sample.length; j++) {
      const dt = sample[j].at - sample[i].at;
      if (dt > 0) slopes.push((sample[j].value - sample[i].value) / dt);
    }
  }
  return slopes.length > 0 ? median(slopes) : 0;
}
