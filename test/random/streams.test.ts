import { describe, expect, test } from 'vitest';
import { deriveSeed, Indexed, Stream, Streams } from '../../src/random/streams.js';

describe('Stream (sfc32)', () => {
  test('draws exactly what the Python reference in shared/bench/sfc32.py draws for the same seed', () => {
    // Printed by: python3 -c "from sfc32 import SFC32; r=SFC32(42); print([r.random() for _ in range(5)])"
    const s = new Stream(42);
    expect(Array.from({ length: 5 }, () => s.next())).toEqual([
      0.5767213918734342, 0.5318840781692415, 0.212930012261495, 0.7912528037559241, 0.23419718188233674,
    ]);
    const t = new Stream(0xdeadbeef);
    expect(Array.from({ length: 3 }, () => t.next())).toEqual([0.16814268077723682, 0.8618152460549027, 0.7587407021783292]);
  });

  test('draws lie in [0, 1) with mean 1/2 and variance 1/12 (within 5 standard errors)', () => {
    const s = new Stream(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = s.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });
});

describe('named streams', () => {
  test('the same root seed gives the same streams; different purposes and roots give different seeds', () => {
    expect(deriveSeed(7, 'bus')).toBe(deriveSeed(7, 'bus'));
    expect(deriveSeed(7, 'bus')).not.toBe(deriveSeed(7, 'network'));
    expect(deriveSeed(7, 'bus')).not.toBe(deriveSeed(8, 'bus'));
    expect(deriveSeed(7, 'bus')).not.toBe(deriveSeed(7 + 2 ** 32, 'bus'));
    const a = new Streams(99);
    const b = new Streams(99);
    expect([a.readArrivals.next(), a.writeChoices.next(), a.bus.u(1, 2, 3)]).toEqual([b.readArrivals.next(), b.writeChoices.next(), b.bus.u(1, 2, 3)]);
  });

  test('an indexed draw depends only on its address, not on what was drawn before', () => {
    const draws = new Indexed(deriveSeed(5, 'bus'));
    const first = draws.u(2, 10, 3, 1);
    for (let i = 0; i < 1000; i++) draws.u(i, i, i);
    expect(draws.u(2, 10, 3, 1)).toBe(first);
    expect(draws.u(2, 10, 3, 2)).not.toBe(first);
    expect(draws.u(10, 2, 3, 1)).not.toBe(first);
  });

  test('indexed draws over consecutive addresses are uniform (mean within 5 standard errors)', () => {
    const draws = new Indexed(123);
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += draws.u(i % 7, Math.floor(i / 7));
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });
});
