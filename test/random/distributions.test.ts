import { describe, expect, test } from 'vitest';
import { AliasTable, zipfWeights } from '../../src/random/discrete.js';
import { normalCdf, normalQuantile, sampler } from '../../src/random/distributions.js';
import { Stream } from '../../src/random/streams.js';
import type { Dist } from '../../src/scenario/types.js';

const N = 100_000;

/** The mean of a distribution, in closed form: what the sampler's draws must average to. */
function distMean(dist: Dist): number {
  switch (dist.kind) {
    case 'constant':
      return dist.value;
    case 'exponential':
      return dist.mean;
    case 'uniform':
      return (dist.min + dist.max) / 2;
    case 'normal': {
      if (dist.stddev === 0) return Math.max(0, dist.mean);
      const alpha = -dist.mean / dist.stddev;
      const pdf = Math.exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI);
      return dist.mean + (dist.stddev * pdf) / (1 - normalCdf(alpha));
    }
    case 'lognormal': {
      const sigma = (Math.log(dist.p99) - Math.log(dist.median)) / normalQuantile(0.99);
      return dist.median * Math.exp((sigma * sigma) / 2);
    }
    case 'pareto':
      return dist.shape > 1 ? (dist.shape * dist.scale) / (dist.shape - 1) : Infinity;
    case 'empirical':
      return dist.values.reduce((s, v) => s + v, 0) / dist.values.length;
  }
}


function draw(dist: Dist, n = N, seed = 3): number[] {
  const s = new Stream(seed);
  const sample = sampler(dist);
  return Array.from({ length: n }, () => sample(s.next()));
}

function meanAndSd(xs: number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return [mean, Math.sqrt(variance)];
}

describe('distributions', () => {
  const cases: [string, Dist][] = [
    ['exponential mean 50', { kind: 'exponential', mean: 50 }],
    ['uniform 20..200', { kind: 'uniform', min: 20, max: 200 }],
    ['normal 100±30 (truncation negligible)', { kind: 'normal', mean: 100, stddev: 30 }],
    ['normal 10±30 truncated at 0', { kind: 'normal', mean: 10, stddev: 30 }],
    ['lognormal median 70 p99 200', { kind: 'lognormal', median: 70, p99: 200 }],
    ['pareto scale 10 shape 3', { kind: 'pareto', scale: 10, shape: 3 }],
    ['empirical 1,2,3,10', { kind: 'empirical', values: [1, 2, 3, 10] }],
  ];

  test.each(cases)('%s: sample mean agrees with the closed-form mean within 5 standard errors', (_name, dist) => {
    const xs = draw(dist);
    const [mean, sd] = meanAndSd(xs);
    expect(xs.every((x) => x >= 0)).toBe(true);
    expect(Math.abs(mean - distMean(dist))).toBeLessThan((5 * sd) / Math.sqrt(xs.length));
  });

  test('lognormal {median, p99} puts the median and the 99th percentile where asked', () => {
    const xs = draw({ kind: 'lognormal', median: 70, p99: 200 }).sort((a, b) => a - b);
    // Order-statistic tolerance: 5 binomial standard deviations of rank.
    const rankTolerance = (p: number) => Math.ceil(5 * Math.sqrt(N * p * (1 - p)));
    const at = (p: number, delta: number) => xs[Math.floor(N * p) + delta];
    expect(at(0.5, -rankTolerance(0.5))).toBeLessThan(70);
    expect(at(0.5, rankTolerance(0.5))).toBeGreaterThan(70);
    expect(at(0.99, -rankTolerance(0.99))).toBeLessThan(200);
    expect(at(0.99, rankTolerance(0.99))).toBeGreaterThan(200);
  });

  test('constant is constant; uniform stays in range; empirical only yields its values', () => {
    expect(new Set(draw({ kind: 'constant', value: 4 }, 100))).toEqual(new Set([4]));
    expect(draw({ kind: 'uniform', min: 5, max: 6 }, 1000).every((x) => x >= 5 && x < 6)).toBe(true);
    expect(new Set(draw({ kind: 'empirical', values: [7, 9] }, 1000))).toEqual(new Set([7, 9]));
  });

  test('normal quantile inverts the normal CDF', () => {
    for (const p of [1e-6, 0.001, 0.02425, 0.1, 0.5, 0.9, 0.975, 0.999999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });
});

describe('AliasTable', () => {
  test('draws each index in proportion to its weight (chi-square at p = 0.001)', () => {
    const weights = zipfWeights(20, 0.99);
    const table = new AliasTable(weights);
    const s = new Stream(11);
    const counts = new Array(20).fill(0);
    for (let i = 0; i < N; i++) counts[table.pick(s.next())]++;
    const total = weights.reduce((a, b) => a + b, 0);
    const chiSquare = counts.reduce((acc, c, i) => {
      const expected = (N * weights[i]) / total;
      return acc + (c - expected) ** 2 / expected;
    }, 0);
    // Critical value of chi-square with 19 degrees of freedom at p = 0.001.
    expect(chiSquare).toBeLessThan(43.82);
  });

  test('zero weights are never drawn; it refuses all-zero weights', () => {
    const table = new AliasTable([0, 1, 0, 3]);
    const s = new Stream(2);
    for (let i = 0; i < 10_000; i++) expect([1, 3]).toContain(table.pick(s.next()));
    expect(() => new AliasTable([0, 0])).toThrow();
  });
});
