import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Histogram } from '../../src/metrics/histogram.js';

/** Nearest-rank quantile of a sorted array. */
function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

describe('Histogram', () => {
  test('empty: every summary is 0', () => {
    const h = new Histogram();
    expect([h.count, h.quantile(0.5), h.mean, h.max]).toEqual([0, 0, 0, 0]);
  });

  test('small integer microsecond values are exact', () => {
    const h = new Histogram();
    for (const ms of [0, 0.001, 0.1, 0.255]) h.record(ms);
    expect([h.quantile(0.25), h.quantile(0.5), h.quantile(0.75), h.quantile(1)]).toEqual([0, 0.001, 0.1, 0.255]);
  });

  test('property: every quantile is within 1 % of the exact nearest-rank quantile; count, mean and max are exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e10, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.5, 0.9, 0.99, 0.999, 1),
        (values, q) => {
          const h = new Histogram();
          for (const v of values) h.record(v);
          // Recorded as whole microseconds, a value above 0 as 1 µs at least.
          const sorted = values.map((v) => (v > 0 ? Math.max(1, Math.round(v * 1000)) : 0) / 1000).sort((a, b) => a - b);
          const exact = exactQuantile(sorted, q);
          const got = h.quantile(q);
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(exact * 0.01 + 0.001);
          expect(h.count).toBe(values.length);
          expect(h.max).toBe(Math.max(...values));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('merging gives the same histogram whatever the order values arrived in', () => {
    const values = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) * 13.7);
    const one = new Histogram();
    for (const v of values) one.record(v);
    const a = new Histogram();
    const b = new Histogram();
    values.forEach((v, i) => (i % 3 === 0 ? a : b).record(v));
    b.merge(a);
    for (const q of [0.1, 0.5, 0.9, 0.99]) expect(b.quantile(q)).toBe(one.quantile(q));
    expect(b.countAtMost(5000)).toBe(one.countAtMost(5000));
    expect(b.count).toBe(one.count);
  });
});

test('a value above 0, however small, is never counted with the zeros (a read stale by 0.2 µs is not fresh)', () => {
  const h = new Histogram();
  h.record(0);
  h.record(0.0002);
  h.record(-0.0002);
  expect(h.countAtMost(0)).toBe(2);
  expect(h.countAtMost(0.001)).toBe(3);
});
