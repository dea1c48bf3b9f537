/**
 * Delayed double delete (`delete_again_after`): a commit's delete goes through the bus a second
 * time. When that second delete comes after the replicas have the write, it removes whatever a
 * refill from a lagging replica stored in between, so no read is stale for longer than the
 * delay plus the bus's delay — checked over random scenarios next to plain pubsub, which is
 * seen to break the same bound on them.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runStrategy } from '../../src/simulate.js';
import { constant, makeScenario, region, strategy } from '../helpers/scenario.js';

/** Entries only leave through deletes: nothing but the second delete can end a stale refill. */
const FOREVER = { ttlMs: Infinity, refillFrom: 'replica' as const };

describe('delayed double delete', () => {
  test('sends every delete twice, the second after the delay', () => {
    const scenario = makeScenario({ seed: 2, durationMs: 30_000, regions: [region('a', { primary: true }), region('b')], workload: { writesPerSecond: 5 } });
    const once = runStrategy(scenario, strategy('pubsub', FOREVER));
    const twice = runStrategy(scenario, strategy('pubsub', FOREVER, 'twice', { delete_again_after: 1000 }));
    expect(twice.writes).toBe(once.writes);
    // Deletes sent by the end of the run: the second ones of the last second's writes are not due yet.
    expect(twice.messages.sent).toBeGreaterThan(2 * once.messages.sent - 2 * 2 * 10);
    expect(twice.messages.sent).toBeLessThanOrEqual(2 * once.messages.sent);
  });

  test('a second delete after the replication lag bounds how long a read stays stale: delay + bus delay', () => {
    const arbitrary = fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      lags: fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 1, maxLength: 2 }),
      busFrom: fc.integer({ min: 1, max: 200 }),
      busSpread: fc.integer({ min: 0, max: 300 }),
      margin: fc.integer({ min: 5, max: 500 }),
      keys: fc.integer({ min: 1, max: 30 }),
      readsPerSecond: fc.integer({ min: 50, max: 600 }),
      writesPerSecond: fc.integer({ min: 1, max: 20 }),
    });
    let pubsubBeyond = 0;
    fc.assert(
      fc.property(arbitrary, ({ seed, lags, busFrom, busSpread, margin, keys, readsPerSecond, writesPerSecond }) => {
        const regions = [region('p', { primary: true }), ...lags.map((lag, i) => region(`r${i}`, { replicaLag: constant(lag) }))];
        const scenario = makeScenario({
          seed,
          durationMs: 20_000,
          regions,
          network: { defaultLatency: constant(40) },
          bus: { delay: { kind: 'uniform', min: busFrom, max: busFrom + busSpread } },
          workload: { keys, readsPerSecond, writesPerSecond, popularity: { kind: 'zipf', exponent: 1 } },
        });
        // Old values are filled by the time the replica applies the write, plus a local hop or two.
        const delay = Math.max(...lags) + margin;
        const bound = delay + busFrom + busSpread;
        const twice = runStrategy(scenario, strategy('pubsub', FOREVER, 'twice', { delete_again_after: delay }));
        expect(twice.stale_age_ms.max).toBeLessThanOrEqual(bound);
        if (runStrategy(scenario, strategy('pubsub', FOREVER)).stale_age_ms.max > bound) pubsubBeyond++;
      }),
      { numRuns: 60, seed: 5 },
    );
    expect(pubsubBeyond).toBeGreaterThan(0);
  });
});
