/**
 * Distributions as inverse CDFs: a sampler maps one uniform u ∈ [0, 1) to a value.
 * One uniform per draw keeps counter-based draws simple (a draw is addressed by one index)
 * and makes every distribution monotone in u, so common random numbers stay coupled.
 */
import type { Dist } from '../scenario/types.js';

export type Sampler = (u: number) => number;

/** z such that Φ(z) = 0.99: how many standard deviations the p99 lies above the median. */
const Z_99 = 2.326347874040841;

export function sampler(dist: Dist): Sampler {
  switch (dist.kind) {
    case 'constant': {
      const value = dist.value;
      return () => value;
    }
    case 'exponential': {
      const mean = dist.mean;
      return (u) => -mean * Math.log(1 - u);
    }
    case 'uniform': {
      const { min } = dist;
      const width = dist.max - dist.min;
      return (u) => min + u * width;
    }
    case 'normal':
      return truncatedNormal(dist.mean, dist.stddev);
    case 'lognormal': {
      const mu = Math.log(dist.median);
      const sigma = (Math.log(dist.p99) - mu) / Z_99;
      return (u) => Math.exp(mu + sigma * normalQuantile(u));
    }
    case 'pareto': {
      const { scale } = dist;
      const inverseShape = 1 / dist.shape;
      return (u) => scale / (1 - u) ** inverseShape;
    }
    case 'empirical': {
      const values = dist.values.slice();
      const n = values.length;
      return (u) => values[Math.min(n - 1, Math.floor(u * n))];
    }
  }
}

/** Normal(mean, sd) conditioned on ≥ 0: invert the CDF over the part of it above zero. */
function truncatedNormal(mean: number, sd: number): Sampler {
  if (sd === 0) return () => Math.max(0, mean);
  const below = normalCdf(-mean / sd);
  return (u) => Math.max(0, mean + sd * normalQuantile(below + u * (1 - below)));
}

/** Standard normal CDF, via erfc (W. J. Cody's rational approximations are overkill here; this is accurate to ~1e-7). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' erfc with Chebyshev fit: fractional error < 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal quantile Φ⁻¹(p), Acklam's algorithm (relative error < 1.15e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
