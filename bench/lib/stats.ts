// Pure statistics for the benchmarks: quantiles, summaries and per-round ratios. No I/O, no
// clocks, so that tests can pin them down exactly.

/** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError('q must be between 0 and 1');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export interface Summary {
  n: number;
  min: number;
  p25: number;
  p50: number;
  p75: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    min: quantile(values, 0),
    p25: quantile(values, 0.25),
    p50: quantile(values, 0.5),
    p75: quantile(values, 0.75),
    p99: quantile(values, 0.99),
    max: quantile(values, 1),
    mean: mean(values),
  };
}

/** A ratio measured once per round, reported as its median and interquartile spread. */
export interface RatioSpread {
  rounds: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

/** Element-wise numerator[i] / denominator[i] (one pair per round), summarised. */
export function ratioSpread(numerators: readonly number[], denominators: readonly number[]): RatioSpread {
  if (numerators.length !== denominators.length) throw new RangeError('one numerator per denominator');
  const ratios = numerators.map((n, i) => n / denominators[i]!);
  return spread(ratios);
}

export function spread(values: readonly number[]): RatioSpread {
  return {
    rounds: values.length,
    median: quantile(values, 0.5),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: quantile(values, 0),
    max: quantile(values, 1),
  };
}

/**
 * The order of two alternatives for pair i of round r, ABBA-style: alternating inside a round
 * and starting the other way in odd rounds, so neither always goes first (warm caches, GC debt).
 */
export function abOrder(round: number, pair: number): readonly ['a', 'b'] | readonly ['b', 'a'] {
  return (round + pair) % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
}

/** The items rotated left by `by` places: round r runs the scenarios starting at r mod n. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = ((by % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
