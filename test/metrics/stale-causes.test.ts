/**
 * Why reads were stale: every stale read gets exactly one cause, and each cause shows up
 * where the model puts it — no invalidation with TTL alone, lost invalidations on a lossy
 * bus, stale refills from a lagging replica, database copies behind for reads without a
 * cache, L1 copies that invalidations do not reach.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { MetricSet } from '../../src/metrics/results.js';
import { STALE_CAUSES } from '../../src/metrics/stale-causes.js';
import { runStrategy } from '../../src/simulate.js';
import { presetNames } from '../../src/strategies/registry.js';
import { constant, makeScenario, region, strategy } from '../helpers/scenario.js';
import { arbitraryCache, arbitraryScenario, strategy as arbitraryStrategy } from '../strategies/arbitrary-scenario.js';

const causesOf = (set: MetricSet) => STALE_CAUSES.reduce((n, cause) => n + set.stale_causes[cause], 0);

test('any run: the causes add up to the stale reads, for the whole run and in every region', () => {
  fc.assert(
    fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom(...presetNames), (scenario, cache, preset) => {
      const result = runStrategy(scenario, arbitraryStrategy(preset, cache));
      expect(causesOf(result)).toBe(result.stale_reads);
      for (const set of Object.values(result.regions)) expect(causesOf(set)).toBe(set.stale_reads);
    }),
    { numRuns: 40 },
  );
});

describe('each cause where the model puts it', () => {
  /** Two regions reading, one writing at the primary; the remote one's replica lags by `lagMs`. */
  const scenario = (lagMs: number, loss = 0) =>
    makeScenario({
      seed: 4,
      durationMs: 60_000,
      regions: [region('home', { primary: true }), region('away', { replicaLag: constant(lagMs) })],
      network: { defaultLatency: constant(40) },
      bus: { delay: constant(50), loss },
      workload: { keys: 50, popularity: { kind: 'zipf', exponent: 1 }, readsPerSecond: 500, writesPerSecond: 10, writeRegions: { home: 1 } },
    });
  const only = (set: MetricSet, ...causes: (typeof STALE_CAUSES)[number][]) =>
    STALE_CAUSES.filter((c) => !causes.includes(c)).every((c) => set.stale_causes[c] === 0);

  test('expiry alone, refilled from the primary: stale entries are ones nothing invalidated (or refills that raced a write)', () => {
    const result = runStrategy(scenario(0), strategy('ttl', { ttlMs: 10_000, refillFrom: 'primary' }));
    expect(result.stale_reads).toBeGreaterThan(0);
    expect(only(result, 'not_invalidated', 'stored_stale')).toBe(true);
    expect(result.stale_causes.not_invalidated).toBeGreaterThan(0.9 * result.stale_reads);
  });

  test('a lossy bus: lost invalidations, and ones still on their way; none lost on a bus that loses none', () => {
    const lossy = runStrategy(scenario(0, 0.3), strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary' }));
    expect(lossy.stale_causes.invalidation_lost).toBeGreaterThan(0);
    expect(lossy.stale_causes.invalidation_late).toBeGreaterThan(0);
    const reliable = runStrategy(scenario(0), strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary' }));
    expect(reliable.stale_causes.invalidation_lost).toBe(0);
    expect(only(reliable, 'invalidation_late', 'stored_stale')).toBe(true);
  });

  test('at-least-once delivery: a lost attempt is sent again, so its invalidation is late, not lost', () => {
    const base = scenario(0, 0.3);
    const redelivered = runStrategy({ ...base, bus: { ...base.bus, delivery: 'at-least-once', redeliveryTimeoutMs: 500 } }, strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary' }));
    const once = runStrategy(base, strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary' }));
    expect(redelivered.messages.lost).toBeGreaterThan(0);
    // Lost for good only when the run ends before the next attempt (its last half second).
    expect(redelivered.stale_causes.invalidation_lost).toBeLessThan(once.stale_causes.invalidation_lost / 10);
    expect(redelivered.stale_causes.invalidation_late).toBeGreaterThan(once.stale_causes.invalidation_late);
  });

  test('a partition that holds the bus: the deletes wait at the region, and so do the stale entries', () => {
    const cut = { ...scenario(0), faults: [{ kind: 'bus_partition' as const, atMs: 10_000, forMs: 20_000, region: 'away', from: 'bus' as const }] };
    const held = runStrategy(cut, strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary' }));
    expect(held.regions.away.stale_causes.invalidation_held).toBeGreaterThan(held.regions.away.stale_reads / 2);
    expect(held.regions.home.stale_causes.invalidation_held).toBe(0);
    expect(runStrategy(scenario(0), strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary' })).stale_causes.invalidation_held).toBe(0);
  });

  test('a lagging replica: the delete overtakes it and the refill caches the old value', () => {
    const result = runStrategy(scenario(2000), strategy('pubsub', { ttlMs: 60_000, refillFrom: 'replica' }));
    const away = result.regions.away;
    expect(away.stale_causes.stored_stale).toBeGreaterThan(away.stale_reads / 2);
    expect(away.stale_causes.replica_behind).toBe(away.stale_refills);
    expect(result.regions.home.stale_causes.stored_stale).toBeLessThan(away.stale_causes.stored_stale);
  });

  test('no cache: every stale read is of a database copy behind the primary', () => {
    const result = runStrategy(scenario(2000), strategy('no-cache', { refillFrom: 'replica' }));
    expect(result.stale_reads).toBeGreaterThan(0);
    expect(result.stale_causes.replica_behind).toBe(result.stale_reads);
  });

  test('L1s that invalidations do not reach: their copies are stale until they expire', () => {
    const l1 = { hosts: 2, ttlMs: 5_000, capacity: Infinity, invalidated: false };
    const result = runStrategy(scenario(0), strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary', l1 }));
    expect(result.stale_causes.l1_copy).toBeGreaterThan(0);
    // L1s that invalidations reach are judged by those invalidations, as a regional entry is:
    // a copy read while the delete is on its way is stale for the bus, not for being an L1.
    const reached = runStrategy(scenario(0), strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary', l1: { ...l1, invalidated: true } }));
    expect(reached.stale_causes.l1_copy).toBe(0);
    expect(reached.stale_causes.invalidation_late).toBeGreaterThan(0);
    const lossy = runStrategy(scenario(0, 0.3), strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary', l1: { ...l1, invalidated: true } }));
    expect(lossy.stale_causes.invalidation_lost).toBeGreaterThan(0);
  });
});
