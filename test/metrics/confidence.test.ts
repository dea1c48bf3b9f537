import { describe, expect, test } from 'vitest';
import { ci95HalfWidth, mean, meanCI, sampleStdDev, tQuantile975 } from '../../src/metrics/confidence.js';

describe('95% confidence intervals', () => {
  test('t quantiles: the table for 1..30 degrees of freedom, decreasing towards 1.96 beyond', () => {
    expect(tQuantile975(1)).toBe(12.7062);
    expect(tQuantile975(4)).toBe(2.7764);
    expect(tQuantile975(30)).toBe(2.0423);
    expect(Math.abs(tQuantile975(1e6) - 1.96)).toBeLessThan(1e-4);
    expect(() => tQuantile975(0)).toThrow(RangeError);
    for (let df = 2; df <= 200; df++) expect(tQuantile975(df)).toBeLessThan(tQuantile975(df - 1));
  });

  test('hand-computed: [1, 2, 3, 4] has mean 2.5, sd √(5/3), half-width 3.1824 · 1.29099 / 2', () => {
    const values = [1, 2, 3, 4];
    expect(mean(values)).toBe(2.5);
    expect(sampleStdDev(values)).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // 3.1824 × 1.2909944 / 2 = 2.0542303
    expect(ci95HalfWidth(values)).toBeCloseTo(2.05423, 5);
    expect(meanCI(values)).toEqual({ mean: 2.5, ci95: ci95HalfWidth(values) });
  });

  test('two values: half-width is t(1) · |a − b| / 2', () => {
    expect(ci95HalfWidth([10, 12])).toBeCloseTo(12.7062, 10);
  });

  test('one value gives no interval (NaN, not 0); identical values: 0; none: NaN', () => {
    expect(ci95HalfWidth([7])).toBeNaN();
    expect(ci95HalfWidth([3, 3, 3])).toBe(0);
    expect(ci95HalfWidth([])).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  test('beyond the table the t quantile follows Student, not the normal: published values to 1e-4, joining the table at 30', () => {
    // t(0.975, df) from standard tables.
    for (const [df, t] of [[31, 2.0395], [40, 2.0211], [60, 2.0003], [120, 1.9799], [1000, 1.9623]]) expect(Math.abs(tQuantile975(df) - t)).toBeLessThan(1e-4);
    expect(tQuantile975(31)).toBeLessThan(tQuantile975(30));
    const values = Array.from({ length: 40 }, (_, i) => i);
    expect(ci95HalfWidth(values)).toBeCloseTo((tQuantile975(39) * sampleStdDev(values)) / Math.sqrt(40), 12);
  });
});
