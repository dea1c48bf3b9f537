/**
 * The strategies that invalidate from each region's change stream (cdc, remote-marker) and
 * the no-cache baseline: their promises over random scenarios, each next to a strategy that
 * breaks the same promise on the same scenarios, so the check is seen to be able to fail.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Scenario } from '../../src/scenario/types.js';
import { runChecked } from '../helpers/invariants.js';
import { constant, makeScenario, region } from '../helpers/scenario.js';
import { arbitraryCache, arbitraryScenario, strategy } from './arbitrary-scenario.js';

const RUNS = 100;

/** Every hop inside a region instant: no refill is in flight while anything else happens. */
function instantLocally(scenario: Scenario): Scenario {
  return { ...scenario, network: { ...scenario.network, localLatency: constant(0) } };
}

/** Without the faults that cut a region off the primary (everything else stays). */
function primaryReachable(scenario: Scenario): Scenario {
  return { ...scenario, faults: scenario.faults.filter((f) => f.kind !== 'network_partition' && !(f.kind === 'bus_partition' && f.from !== 'bus')) };
}

/** L1s, if any, hear the invalidations (an L1 that only expires keeps old values whatever the strategy). */
const invalidatedL1s = arbitraryCache.map((cache) => ({ ...cache, l1: cache.l1 && { ...cache.l1, invalidated: true } }));
/** And refills come from the local replica. */
const fromReplica = invalidatedL1s.map((cache) => ({ ...cache, refillFrom: 'replica' as const }));

describe('cdc: invalidation from each region’s change stream', () => {
  test('a cache hit never returns a version older than its region’s replica shows (zero local latency and tail delay)', () => {
    let pubsubBehind = 0;
    fc.assert(
      fc.property(arbitraryScenario.map(instantLocally), fromReplica, (scenario, cache) => {
        const { violations, result } = runChecked(scenario, strategy('cdc', cache, 'cdc', { tail_delay: 0 }));
        expect(violations.hitBehindReplica).toEqual([]);
        expect(result.messages.sent).toBe(0);
        pubsubBehind += runChecked(scenario, strategy('pubsub', cache)).violations.hitBehindReplica.length;
      }),
      { numRuns: RUNS, seed: 7 },
    );
    // The bus's delete comes late or never; the change stream's comes with the replica's apply.
    expect(pubsubBehind).toBeGreaterThan(0);
  });

  test('a tail delay lets a hit lag the replica, by at most that delay', () => {
    const scenario = makeScenario({
      seed: 3,
      durationMs: 60_000,
      regions: [region('a', { primary: true }), region('b', { replicaLag: constant(200) })],
      network: { localLatency: constant(0), defaultLatency: constant(30), links: [] },
      workload: { keys: 5, popularity: { kind: 'uniform' }, readsPerSecond: 400, writesPerSecond: 5, readRegions: { a: 0.5, b: 0.5 }, writeRegions: { a: 1 }, sessions: 10 },
    });
    const cache = { ttlMs: Infinity, capacity: Infinity, refillFrom: 'replica' as const, ttlJitter: 0 };
    expect(runChecked(scenario, strategy('cdc', cache, 'cdc', { tail_delay: 0 })).violations.hitBehindReplica).toEqual([]);
    const delayed = runChecked(scenario, strategy('cdc', cache, 'cdc', { tail_delay: 100 }));
    expect(delayed.violations.hitBehindReplica.length).toBeGreaterThan(0);
    // With an infinite TTL only the change stream removes entries: staleness ends within lag + tail delay.
    expect(delayed.result.staleness_ms.max).toBeLessThanOrEqual(200 + 100 + 1e-9);
    expect(delayed.result.staleness_ms.max).toBeGreaterThan(200);
  });
});

describe('remote-marker: cdc plus marks for writes from outside the primary region', () => {
  test('zero read-your-writes violations while the primary can be reached (zero local latency and tail delay), whatever the refill source', () => {
    let cdcViolations = 0;
    fc.assert(
      fc.property(arbitraryScenario.map((s) => primaryReachable(instantLocally(s))), invalidatedL1s, (scenario, cache) => {
        const { result } = runChecked(scenario, strategy('remote-marker', cache, 'remote-marker', { tail_delay: 0 }));
        expect(result.ryw_violations).toBe(0);
        cdcViolations += runChecked(scenario, strategy('cdc', cache, 'cdc', { tail_delay: 0 })).result.ryw_violations;
      }),
      { numRuns: RUNS, seed: 11 },
    );
    expect(cdcViolations).toBeGreaterThan(0);
  });

  test('a refill that read the primary before a write from its region was marked is refused (it would store the replaced value)', () => {
    // One session in b reads and writes one key; b refills from the primary, 30 ms away.
    const scenario = makeScenario({
      seed: 1,
      durationMs: 60_000,
      regions: [region('a', { primary: true }), region('b')],
      network: { localLatency: constant(0), defaultLatency: constant(30), links: [] },
      workload: { keys: 1, popularity: { kind: 'uniform' }, readsPerSecond: 200, writesPerSecond: 5, readRegions: { b: 1 }, writeRegions: { b: 1 }, sessions: 1 },
    });
    const cache = { ttlMs: Infinity, capacity: Infinity, refillFrom: 'primary' as const, ttlJitter: 0 };
    const marker = runChecked(scenario, strategy('remote-marker', cache, 'remote-marker', { tail_delay: 0 })).result;
    expect(marker.ryw_violations).toBe(0);
    expect(marker.refused_fills).toBeGreaterThan(0);
    expect(runChecked(scenario, strategy('cdc', cache, 'cdc', { tail_delay: 0 })).result.ryw_violations).toBeGreaterThan(0);
  });

  test('marked reads go to the primary and fill nothing', () => {
    const scenario = makeScenario({
      seed: 5,
      durationMs: 30_000,
      regions: [region('a', { primary: true }), region('b', { replicaLag: constant(2000) })],
      network: { localLatency: constant(0.5), defaultLatency: constant(40), links: [] },
      workload: { keys: 3, popularity: { kind: 'uniform' }, readsPerSecond: 200, writesPerSecond: 2, readRegions: { b: 1 }, writeRegions: { b: 1 }, sessions: 4 },
    });
    const cache = { ttlMs: 60_000, capacity: Infinity, refillFrom: 'replica' as const, ttlJitter: 0 };
    const cdc = runChecked(scenario, strategy('cdc', cache, 'cdc')).result;
    const marker = runChecked(scenario, strategy('remote-marker', cache, 'remote-marker')).result;
    expect(cdc.db_reads.primary).toBe(0);
    // Every write from b marks its key for the 2 s the replica lags: the reads of it then cross to a.
    expect(marker.db_reads.primary).toBeGreaterThan(0);
    expect(marker.hit_ratio).toBeLessThan(cdc.hit_ratio);
    expect(marker.read_latency_ms.max).toBeGreaterThanOrEqual(80);
    expect(marker.ryw_violations).toBeLessThan(cdc.ryw_violations);
  });
});

describe('no-cache baseline', () => {
  test('every read is a database read; from the primary, none is stale and none breaks a session guarantee', () => {
    fc.assert(
      fc.property(arbitraryScenario.map(primaryReachable), arbitraryCache, (scenario, cache) => {
        const { result } = runChecked(scenario, strategy('no-cache', { ...cache, refillFrom: 'primary' }));
        expect(result.hit_ratio === 0 || Number.isNaN(result.hit_ratio)).toBe(true);
        expect(result.db_reads.primary).toBe(result.reads);
        expect(result.db_reads.replica).toBe(0);
        expect(result.stale_reads).toBe(0);
        expect(result.ryw_violations).toBe(0);
        expect(result.monotonic_violations).toBe(0);
        expect(result.stale_refills).toBe(0);
        expect(result.messages.sent).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  test('from a lagging replica its reads are as stale as the replica, and it asks the database for every one', () => {
    const scenario = makeScenario({
      seed: 9,
      durationMs: 60_000,
      regions: [region('a', { primary: true }), region('b', { replicaLag: constant(500) })],
      network: { localLatency: constant(0.5), defaultLatency: constant(40), links: [] },
      workload: { keys: 10, popularity: { kind: 'uniform' }, readsPerSecond: 300, writesPerSecond: 10, readRegions: { b: 1 }, writeRegions: { a: 1 }, sessions: 5 },
    });
    const cache = { ttlMs: 10_000, capacity: Infinity, refillFrom: 'replica' as const, ttlJitter: 0 };
    const none = runChecked(scenario, strategy('no-cache', cache)).result;
    const ttl = runChecked(scenario, strategy('ttl', cache)).result;
    expect(none.reads).toBe(ttl.reads);
    expect(none.db_reads.replica).toBe(none.reads);
    expect(none.stale_reads).toBeGreaterThan(0);
    // A stale read from the replica is at most its lag (plus the local hop) behind.
    expect(none.staleness_ms.max).toBeLessThanOrEqual(500 + 0.5 + 1e-9);
    expect(ttl.stale_read_ratio).toBeGreaterThan(none.stale_read_ratio);
    expect(ttl.db_reads.replica).toBeLessThan(none.db_reads.replica);
  });
});
