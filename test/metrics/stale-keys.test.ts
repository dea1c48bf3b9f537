import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { StaleKeys } from '../../src/metrics/stale-keys.js';
import { runStrategy } from '../../src/simulate.js';
import { presetNames } from '../../src/strategies/registry.js';
import { arbitraryCache, arbitraryScenario, strategy } from '../strategies/arbitrary-scenario.js';

describe('the keys with the most stale reads', () => {
  test('most stale first, the lower key first on a tie, at most the count asked, none never stale', () => {
    const keys = new StaleKeys(8);
    const reads: [number, boolean][] = [
      [5, true], [5, true], [5, false], // key 5: 2 of 3
      [2, true], [2, true], // key 2: 2 of 2
      [7, true], [7, true], [7, true], // key 7: 3 of 3
      [1, true], // key 1: 1 of 1
      [0, false], [0, false], // key 0: never stale
      [4, true], // key 4: 1 of 1
    ];
    // Read i is issued at i seconds: each key's first stale read is its first stale one in the list.
    reads.forEach(([key, stale], i) => keys.read(key, stale, i * 1_000));
    expect(keys.top(4)).toEqual([
      { key: 7, reads: 3, stale_reads: 3, first_stale_ms: 5_000 },
      { key: 2, reads: 2, stale_reads: 2, first_stale_ms: 3_000 },
      { key: 5, reads: 3, stale_reads: 2, first_stale_ms: 0 },
      { key: 1, reads: 1, stale_reads: 1, first_stale_ms: 8_000 },
    ]);
    expect(keys.top().map((k) => k.key)).toEqual([7, 2, 5, 1, 4]);
    expect(new StaleKeys(3).top()).toEqual([]);
  });
});

test('any run: the keys named are the most stale, their counts within the run’s own', () => {
  fc.assert(
    fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom(...presetNames), (scenario, cache, preset) => {
      const spec = strategy(preset, cache);
      const r = runStrategy(scenario, spec);
      expect(r.stale_keys.length > 0).toBe(r.stale_reads > 0);
      expect(r.stale_keys.reduce((n, k) => n + k.stale_reads, 0)).toBeLessThanOrEqual(r.stale_reads);
      for (const [i, k] of r.stale_keys.entries()) {
        expect(k.stale_reads).toBeGreaterThan(0);
        expect(k.stale_reads).toBeLessThanOrEqual(k.reads);
        if (i > 0) expect(k.stale_reads).toBeLessThanOrEqual(r.stale_keys[i - 1].stale_reads);
      }
    }),
    { numRuns: 30 },
  );
});
