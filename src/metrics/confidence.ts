/**
 * Mean and 95 % confidence interval of a small sample (the seeds of one sweep point), by
 * Student's t: half-width = t(0.975, n−1) · sd / √n with the sample standard deviation.
 * The t quantiles come from a table (n−1 = 1..30) and, beyond it, from the Cornish–Fisher
 * expansion around the normal quantile (within 1e-4 of the exact value there, and tending to
 * 1.96 as n grows; 1.96 itself would make the interval some 4 % too narrow at 32 seeds).
 */

/** t(0.975, df) for df = 1..30; index 0 is df = 1. */
const T_975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314,
  2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
] as const;

/** The normal distribution's 0.975 quantile. */
const Z_975 = 1.959963984540054;

/** The two-sided 95 % Student t quantile for `df` ≥ 1 degrees of freedom. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a whole number ≥ 1, got ${df}`);
  if (df <= T_975.length) return T_975[df - 1];
  const z = Z_975;
  const z2 = z * z;
  const terms = [
    (z * (z2 + 1)) / 4,
    (z * ((5 * z2 + 16) * z2 + 3)) / 96,
    (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384,
    (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160,
  ];
  return z + terms.reduce((sum, term, i) => sum + term / df ** (i + 1), 0);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
export function sampleStdDev(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return n === 1 ? 0 : NaN;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (n - 1));
}

/** Half-width of the 95 % confidence interval of the mean; NaN below two values (one value gives no interval, not a zero one). */
export function ci95HalfWidth(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  return (tQuantile975(n - 1) * sampleStdDev(values)) / Math.sqrt(n);
}

export interface MeanCI {
  mean: number;
  ci95: number;
}

export function meanCI(values: readonly number[]): MeanCI {
  return { mean: mean(values), ci95: ci95HalfWidth(values) };
}
