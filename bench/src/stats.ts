/** The median and range of a repeated measurement. */
export interface Summary {
  /** Median of the values. */
  median: number;
  /** Smallest value. */
  min: number;
  /** Largest value. */
  max: number;
  /** How many values were summarized. */
  count: number;
}

/** The values sorted ascending, as a new array. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The `p`-th percentile (0..100) of `values`, by linear interpolation between the closest ranks.
 * @throws {RangeError} when `values` is empty or `p` is outside 0..100.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = s[lower] ?? 0;
  const high = s[upper] ?? low;
  return low + (high - low) * (rank - lower);
}

/**
 * The median of `values`.
 * @throws {RangeError} when `values` is empty.
 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Median, min and max of `values`: how a figure repeated over rounds is reported.
 * @throws {RangeError} when `values` is empty.
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summary of no values');
  const s = sorted(values);
  return { median: median(s), min: s[0] ?? 0, max: s[s.length - 1] ?? 0, count: s.length };
}

/** The spread of a summary relative to its median, `(max - min) / median` (0 when the median is 0). */
export function relativeSpread(summary: Summary): number {
  return summary.median === 0 ? 0 : (summary.max - summary.min) / summary.median;
}
