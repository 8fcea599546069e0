/**
 * Order statistics of plain number arrays, for the robust trend of
 * `forecastRunOut`.
 */

/** Sorted ascending copy (numeric, not lexicographic). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of ascending values, interpolating linearly
 * between neighbours (the usual "type 7" definition: q = 0.5 is the
 * median). NaN when empty.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = Math.min(1, Math.max(0, q)) * (n - 1);
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const fraction = position - below;
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

/** The median of values in any order. NaN when empty. */
export function median(values: ArrayLike<number>): number {
  return quantileOfSorted(sortedCopy(values), 0.5);
}
