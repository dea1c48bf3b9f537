import { describe, expect, it } from 'vitest';
import type { ExpectationOverSeeds } from '../../src/metrics/expect.js';
import { formatterFor, whereHeld } from '../../src/report/sweep-text.js';
import type { SweepResults } from '../../src/sweep.js';

const judged = (strategy: string, pass: boolean) => ({ strategy, pass }) as ExpectationOverSeeds;

function sweep(passes: Record<string, boolean[]>, params = [{ path: 'cache.ttl', values: ['1s', '5s', '30s'] }]): SweepResults {
  return {
    version: 1,
    scenario: 's',
    file: 's.yaml',
    seed: 1,
    seeds: [1],
    params,
    sets: [],
    metrics: [],
    points: params[0].values.map((_, i) => ({
      params: Object.fromEntries(params.map((p) => [p.path, p.values[i]])),
      strategies: {},
      expectations: Object.entries(passes).map(([strategy, pass]) => judged(strategy, pass[i])),
    })),
  };
}

describe('where each strategy held', () => {
  it('lists the points, or says everywhere or nowhere', () => {
    expect(whereHeld(sweep({ a: [true, false, true], b: [true, true, true], c: [false, false, false] }))).toEqual([
      { strategy: 'a', where: 'cache.ttl = 1s, 30s' },
      { strategy: 'b', where: 'everywhere' },
      { strategy: 'c', where: 'nowhere' },
    ]);
  });

  it('names each point by all its values when there are several parameters', () => {
    const two = [
      { path: 'cache.ttl', values: ['1s', '5s'] },
      { path: 'bus.loss', values: ['0', '0.1'] },
    ];
    expect(whereHeld(sweep({ a: [false, true] }, two))[0].where).toContain('0.1');
    expect(whereHeld(sweep({ a: [false, true] }, two))[0].where).not.toContain('1s');
  });
});

describe('how a metric’s mean reads in a sweep', () => {
  it('ratios as percentages, times as durations, means below 1 to three significant digits, counts to one decimal', () => {
    expect(formatterFor('stale_read_ratio')(0.0123)).toBe('1.23%');
    expect(formatterFor('staleness_p99')(1500)).toBe('1.5s');
    // A mean version lag of 0.004 is not 0: rounding it to one decimal hid it (and its interval).
    expect(formatterFor('version_lag_mean')(0.00393513)).toBe('0.00394');
    expect(formatterFor('regions.eu-west.version_lag_mean from 1m')(12.3456)).toBe('12.3');
    expect(formatterFor('stale_reads')(1234.56)).toBe('1,234.6');
    expect(formatterFor('version_lag_mean')(Number.NaN)).toBe('—');
  });
});
