/**
 * Each strategy's promise, checked over many random scenarios (loss, duplication, delay,
 * lag, clock skew, partitions, pauses, restarts): fast-check shrinks any counterexample to a
 * small scenario and prints its seed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { presetNames } from '../../src/strategies/registry.js';
import { ReadSource } from '../../src/model/observer.js';
import { CheckingCollector, runChecked } from '../helpers/invariants.js';
import { makeScenario, strategy as spec } from '../helpers/scenario.js';
import { arbitraryCache, arbitraryScenario, strategy } from './arbitrary-scenario.js';

const RUNS = 100;

describe('guarantees under random faults', () => {
  test('session-token: zero read-your-writes and zero monotonic-read violations, always', () => {
    fc.assert(
      fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom('primary' as const, 'wait' as const), (scenario, cache, onBehind) => {
        const { result } = runChecked(scenario, strategy('session-token', cache, 'session-token', { on_behind: onBehind, poll: 50, max_wait: 500 }));
        expect(result.ryw_violations).toBe(0);
        expect(result.monotonic_violations).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  test('versioned (counter): no cache replaces a newer version by an older one, nor stores one older than it has heard of', () => {
    fc.assert(
      fc.property(arbitraryScenario, arbitraryCache, (scenario, cache) => {
        const { violations } = runChecked(scenario, strategy('versioned', cache, 'versioned', { version_source: 'counter' }));
        expect(violations.replacedNewerByOlder).toEqual([]);
        expect(violations.storedBelowHeard).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  test('lease: no fill that raced an invalidation is ever stored (a delayed second delete too)', () => {
    fc.assert(
      fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom(0, 100, 2000), (scenario, cache, again) => {
        const options = { lease_ttl: 2000, retry_after: 10, max_retries: 20, delete_again_after: again };
        const { violations } = runChecked(scenario, strategy('lease', cache, 'lease', options));
        expect(violations.storedAfterRacingInvalidation).toEqual([]);
        expect(violations.l1KeptRefused).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  test.each(presetNames)("%s: every read returns a version that was committed (never one from the future), and no cache stores one the checkers forgot", (name) => {
    fc.assert(
      fc.property(arbitraryScenario, arbitraryCache, (scenario, cache) => {
        const { violations } = runChecked(scenario, strategy(name, cache));
        expect(violations.truth).toEqual([]);
        expect(violations.copyOfForgotten).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  test('with a delayed double delete: every read returns a committed version, and no cache stores one the checkers forgot', () => {
    fc.assert(
      fc.property(arbitraryScenario, arbitraryCache, fc.integer({ min: 1, max: 5000 }), (scenario, cache, again) => {
        const { violations } = runChecked(scenario, strategy('pubsub', cache, 'twice', { delete_again_after: again }));
        expect(violations.truth).toEqual([]);
        expect(violations.copyOfForgotten).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  test('with L1s in front of hot keys, no cache stores a version the checkers forgot', () => {
    // A value served by the regional cache reaches the L1 a hop later: meanwhile the regional
    // entry may be replaced and its version forgotten, unless the copy on its way is counted.
    fc.assert(
      fc.property(
        arbitraryScenario.map((s) => ({ ...s, workload: { ...s.workload, keys: 2, readsPerSecond: 1000, writesPerSecond: s.workload.writesPerSecond * 5 } })),
        arbitraryCache.map((cache) => ({ ...cache, l1: cache.l1 ?? { hosts: 2, ttlMs: 2_000, capacity: Infinity, invalidated: false } })),
        fc.constantFrom(...presetNames),
        (scenario, cache, name) => {
          expect(runChecked(scenario, strategy(name, cache)).violations.copyOfForgotten).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('pubsub does break these promises on the same kind of scenarios (the checks can fail)', () => {
    // Without this, the checks above might pass because they never look at anything.
    let raced = 0;
    let ryw = 0;
    let monotonic = 0;
    let replaced = 0;
    let belowHeard = 0;
    fc.assert(
      fc.property(arbitraryScenario, arbitraryCache, (scenario, cache) => {
        const { violations, result } = runChecked(scenario, strategy('pubsub', cache));
        raced += violations.storedAfterRacingInvalidation.length;
        ryw += result.ryw_violations;
        monotonic += result.monotonic_violations;
        replaced += violations.replacedNewerByOlder.length;
        belowHeard += violations.storedBelowHeard.length;
      }),
      { numRuns: RUNS, seed: 1 },
    );
    expect(raced).toBeGreaterThan(0);
    expect(ryw).toBeGreaterThan(0);
    expect(monotonic).toBeGreaterThan(0);
    expect(replaced).toBeGreaterThan(0);
    expect(belowHeard).toBeGreaterThan(0);
  });

  test('the truth check can fail: a read of a version never committed is reported', () => {
    const checker = new CheckingCollector(makeScenario(), spec('pubsub'));
    checker.commit(0, 1, 100, 0);
    checker.read(0, 0, 0, 200, 1, 1, ReadSource.Cache);
    expect(checker.violations.truth).toEqual([]);
    checker.read(0, 0, 0, 300, 1, 2, ReadSource.Cache);
    expect(checker.violations.truth).toEqual(['key 0 read version 2 at 300']);
  });
});
