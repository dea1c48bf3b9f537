/**
 * Small named scenarios, one story each, whose test names say what they show: what each
 * strategy buys against the others on the same workload (same seed, same arrivals).
 */
import { describe, expect, test } from 'vitest';
import type { FaultSpec } from '../../src/scenario/types.js';
import { runStrategy } from '../../src/simulate.js';
import { constant, makeScenario, region, strategy } from '../helpers/scenario.js';

/** A home region with the primary and an away region whose replica lags 3 s; delete messages arrive in 50 ms. */
function laggingAway(extra: Parameters<typeof makeScenario>[0] = {}) {
  return makeScenario({
    seed: 11,
    durationMs: 120_000,
    warmupMs: 10_000,
    regions: [region('home', { primary: true }), region('away', { replicaLag: constant(3_000) })],
    bus: { delay: constant(50) },
    workload: { keys: 50, readsPerSecond: 400, writesPerSecond: 10, sessions: 40 },
    ...extra,
  });
}

describe('versioned', () => {
  test('refuses the stale refills that a lagging replica hands pubsub, at the price of primary reads', () => {
    const scenario = laggingAway();
    const cache = { ttlMs: 30_000 };
    const pubsub = runStrategy(scenario, strategy('pubsub', cache));
    const versioned = runStrategy(scenario, strategy('versioned', cache));
    expect(pubsub.regions.away.stale_refills).toBeGreaterThan(100);
    expect(versioned.regions.away.stale_refills).toBeLessThan(pubsub.regions.away.stale_refills / 10);
    expect(versioned.refused_fills + versioned.db_reads.primary).toBeGreaterThan(pubsub.db_reads.primary);
    expect(versioned.regions.away.stale_read_ratio).toBeLessThan(pubsub.regions.away.stale_read_ratio / 2);
  });

  test('timestamp versions from a writer clock 10 s behind order writes wrongly; hlc keeps commit order (same numbers as counter)', () => {
    const scenario = laggingAway({
      regions: [region('home', { primary: true }), region('away', { replicaLag: constant(100), clock: { skewMs: -10_000, driftPpm: 0, jumps: [] } })],
    });
    const cache = { ttlMs: 60_000, refillFrom: 'primary' as const };
    const counter = runStrategy(scenario, strategy('versioned', cache, 'counter', { version_source: 'counter' }));
    const timestamp = runStrategy(scenario, strategy('versioned', cache, 'timestamp', { version_source: 'timestamp' }));
    const hlc = runStrategy(scenario, strategy('versioned', cache, 'hlc', { version_source: 'hlc' }));
    expect(hlc).toEqual(counter);
    expect(timestamp.stale_read_ratio).toBeGreaterThan(counter.stale_read_ratio * 2);
  });
});

describe('lease', () => {
  /** One hot key read by a far region that refills from the primary 100 ms away: every expiry invites a stampede. */
  const hotKey = makeScenario({
    seed: 5,
    durationMs: 60_000,
    warmupMs: 5_000,
    regions: [region('home', { primary: true }), region('far')],
    network: { defaultLatency: constant(100) },
    workload: { keys: 1, readsPerSecond: 2_000, writesPerSecond: 2, readRegions: { home: 0, far: 1 }, writeRegions: { home: 1, far: 0 }, sessions: 50 },
  });

  test('turns each expiry stampede into one database read (peak database reads drop tenfold)', () => {
    const cache = { ttlMs: 1_000, refillFrom: 'primary' as const };
    const pubsub = runStrategy(hotKey, strategy('pubsub', cache));
    const lease = runStrategy(hotKey, strategy('lease', cache));
    expect(lease.db_reads_peak_per_second * 10).toBeLessThan(pubsub.db_reads_peak_per_second);
    expect(lease.db_reads.primary * 10).toBeLessThan(pubsub.db_reads.primary);
    expect(lease.read_latency_ms.p99).toBeGreaterThan(200);
  });

  test('refuses fills whose lease a delete voided', () => {
    const lease = runStrategy(hotKey, strategy('lease', { ttlMs: 60_000, refillFrom: 'primary' }));
    expect(lease.refused_fills).toBeGreaterThan(0);
  });

  test('a client out of retries reads the database without a lease and fills nothing (no refused fill)', () => {
    const noWrites = { ...hotKey, workload: { ...hotKey.workload, writesPerSecond: 0 } };
    const cache = { ttlMs: 1_000, refillFrom: 'primary' as const };
    const patient = runStrategy(noWrites, strategy('lease', cache));
    const impatient = runStrategy(noWrites, strategy('lease', cache, 'impatient', { max_retries: 1 }));
    // Giving up after one retry sends the waiting clients to the database...
    expect(impatient.db_reads.primary).toBeGreaterThan(2 * patient.db_reads.primary);
    // ...and with no delete to void a lease, nothing is refused: those reads never try to fill.
    expect(impatient.refused_fills).toBe(0);
  });
});

describe('session-token', () => {
  /** Writers in the lagging region read their own keys back. */
  const writersAway = laggingAway({
    workload: { keys: 20, readsPerSecond: 300, writesPerSecond: 10, readRegions: { home: 0.3, away: 0.7 }, writeRegions: { home: 0.3, away: 0.7 }, sessions: 10 },
  });

  test('removes the read-your-writes and monotonic violations pubsub shows, by reading the primary', () => {
    const pubsub = runStrategy(writersAway, strategy('pubsub'));
    const token = runStrategy(writersAway, strategy('session-token'));
    expect(pubsub.ryw_violations).toBeGreaterThan(0);
    expect(token.ryw_violations).toBe(0);
    expect(token.monotonic_violations).toBe(0);
    expect(token.regions.away.db_reads.primary).toBeGreaterThan(pubsub.regions.away.db_reads.primary);
  });

  test('on_behind: wait polls the replica instead: fewer primary reads, slower reads, same guarantees', () => {
    const primary = runStrategy(writersAway, strategy('session-token', {}, 'p', { on_behind: 'primary' }));
    const wait = runStrategy(writersAway, strategy('session-token', {}, 'w', { on_behind: 'wait', poll: 100, max_wait: 5_000 }));
    expect(wait.db_reads.primary).toBeLessThan(primary.db_reads.primary);
    expect(wait.read_latency_ms.p99).toBeGreaterThan(primary.read_latency_ms.p99);
    expect(wait.ryw_violations + wait.monotonic_violations).toBe(0);
  });
});

describe('a bus partition of one region', () => {
  const partition: FaultSpec = { kind: 'bus_partition', atMs: 30_000, forMs: 60_000, region: 'eu', from: 'bus' };
  const scenario = (faults: FaultSpec[]) =>
    makeScenario({
      seed: 9,
      durationMs: 120_000,
      regions: [region('us', { primary: true }), region('eu')],
      bus: { delay: constant(50) },
      workload: { keys: 100, readsPerSecond: 500, writesPerSecond: 20 },
      faults,
    });

  test("raises eu's stale ratio under pubsub, while versioned + TTL keeps eu's staleness within the TTL", () => {
    const cache = { ttlMs: 5_000 };
    const calm = runStrategy(scenario([]), strategy('pubsub', cache));
    const cut = runStrategy(scenario([partition]), strategy('pubsub', cache));
    expect(cut.regions.eu.stale_read_ratio).toBeGreaterThan(2 * calm.regions.eu.stale_read_ratio);
    expect(cut.regions.us.stale_read_ratio).toBeLessThan(1.5 * calm.regions.us.stale_read_ratio + 0.001);
    const versioned = runStrategy(scenario([partition]), strategy('versioned', cache));
    // A fresh fill can be served for a whole TTL; the read that filled it took at most a few ms.
    expect(versioned.regions.eu.staleness_ms.max).toBeLessThanOrEqual(5_000 + 10);
  });
});
