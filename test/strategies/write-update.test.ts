/**
 * write-update: messages carry the new value and caches store it. Its promise (no cache ever
 * trades a newer version for an older one) over random scenarios, beside the blind variant
 * that breaks it; and what it buys over delete invalidation.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runChecked } from '../helpers/invariants.js';
import { constant, makeScenario, region } from '../helpers/scenario.js';
import { arbitraryCache, arbitraryScenario, strategy } from './arbitrary-scenario.js';

describe('write-update', () => {
  test('keeping the newer value: no cache (regional or L1) ever replaces a newer version by an older one', () => {
    let blindRollbacks = 0;
    fc.assert(
      fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom('present' as const, 'all' as const), (scenario, cache, update) => {
        const { violations } = runChecked(scenario, strategy('write-update', cache, 'write-update', { update, keep_newer: true }));
        expect(violations.replacedNewerByOlder).toEqual([]);
        expect(violations.copyOfForgotten).toEqual([]);
        blindRollbacks += runChecked(scenario, strategy('write-update', cache, 'blind', { update, keep_newer: false })).violations.replacedNewerByOlder.length;
      }),
      { numRuns: 100, seed: 3 },
    );
    // Reordered and duplicated updates do roll a blind cache back.
    expect(blindRollbacks).toBeGreaterThan(0);
  });

  test('with an instant, lossless bus: no stale read, and hot keys stay cached through writes (unlike pubsub)', () => {
    // Refills cross 40 ms to the primary: under pubsub a delete that lands while one is in
    // flight finds nothing to delete, and the old value is stored after it (a stale set).
    // The update stores the new value instead (and would refuse such a late refill as older).
    const scenario = makeScenario({
      seed: 8,
      durationMs: 120_000,
      warmupMs: 10_000,
      regions: [region('a', { primary: true }), region('b', { replicaLag: constant(50) })],
      network: { localLatency: constant(0), defaultLatency: constant(40), links: [] },
      bus: { delay: constant(0), loss: 0, duplicate: 0, delivery: 'at-most-once', onPartition: 'retain' },
      workload: { keys: 50, popularity: { kind: 'uniform' }, readsPerSecond: 1000, writesPerSecond: 20, readRegions: { a: 0.5, b: 0.5 }, writeRegions: { a: 1 }, sessions: 20 },
    });
    const cache = { ttlMs: 600_000, refillFrom: 'primary' as const };
    const update = runChecked(scenario, strategy('write-update', cache, 'write-update', { update: 'all', keep_newer: true })).result;
    const pubsub = runChecked(scenario, strategy('pubsub', cache)).result;
    expect(update.stale_reads).toBe(0);
    expect(pubsub.stale_reads).toBeGreaterThan(0);
    expect(update.messages.sent).toBe(pubsub.messages.sent);
    // Every region holds every key from its first write on: only first reads miss.
    expect(update.hit_ratio).toBeGreaterThan(0.99);
    expect(pubsub.hit_ratio).toBeLessThan(0.95);
    expect(update.db_reads.primary).toBeLessThan(pubsub.db_reads.primary / 5);
  });
});
