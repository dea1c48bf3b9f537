/**
 * L1s (a near cache in each app server, in front of the regional cache): against the closed
 * forms of a TTL cache, and what their `invalidated` switch means for staleness.
 */
import { describe, expect, test } from 'vitest';
import { runStrategy } from '../../src/simulate.js';
import type { L1Spec } from '../../src/scenario/types.js';
import { constant, makeScenario, strategy } from '../helpers/scenario.js';
import { expectTextbookTtlCache } from '../helpers/statistics.js';

const KEYS = 20;
const HOSTS = 4;
const SEEDS = 12;

const l1 = (ttlMs: number, invalidated: boolean): L1Spec => ({ hosts: HOSTS, ttlMs, capacity: Infinity, invalidated });

describe('an L1 that only expires, in front of a regional cache that keeps nothing', () => {
  // Every L1 miss reads the (always fresh) primary, so each (key, app server) pair is the
  // textbook TTL cache, with the reads of that pair: rate r = R / (keys · hosts).
  const points: [number, number, number][] = [
    [1, 0.2, 2_000],
    [4, 0.5, 500],
  ];

  test.each(points)('r=%f/s per key and server, λ=%f/s per key, T=%ims: L1 hit ratio rT/(1+rT), stale share of its hits 1 − (1 − e^(−λT))/(λT)', (r, lambda, ttlMs) => {
    const runs = Array.from({ length: SEEDS }, (_, i) => {
      const scenario = makeScenario({
        seed: i + 1,
        durationMs: Math.max(200 * (ttlMs + 1000 / r), 60_000),
        warmupMs: 5 * (ttlMs + 1000 / r),
        network: { localLatency: constant(0) },
        // As many sessions per server, so reads spread evenly over the servers.
        workload: { keys: KEYS, readsPerSecond: r * KEYS * HOSTS, writesPerSecond: lambda * KEYS, sessions: 10 * HOSTS },
      });
      const result = runStrategy(scenario, strategy('ttl', { ttlMs: 0, refillFrom: 'primary', l1: l1(ttlMs, false) }));
      const l1HitRatio = result.l1_hit_ratio as number;
      expect(result.hit_ratio).toBe(l1HitRatio);
      return { hitRatio: l1HitRatio, staleShareOfHits: result.stale_reads / (l1HitRatio * result.reads) };
    });
    expectTextbookTtlCache(runs, r, lambda, ttlMs);
  });
});

describe('invalidations and the L1s', () => {
  const scenario = makeScenario({
    seed: 4,
    durationMs: 120_000,
    network: { localLatency: constant(0) },
    bus: { delay: constant(0), loss: 0, duplicate: 0, delivery: 'at-most-once', onPartition: 'retain' },
    workload: { keys: KEYS, readsPerSecond: 400, writesPerSecond: 10, sessions: 40 },
  });
  const run = (near: L1Spec | null) => runStrategy(scenario, strategy('pubsub', { ttlMs: 60_000, refillFrom: 'primary', l1: near }));

  test('an instant delete that reaches the L1s leaves no stale read; one that does not leaves them stale for up to their TTL', () => {
    const without = run(null);
    const reached = run(l1(5_000, true));
    const expiring = run(l1(5_000, false));
    expect(without.stale_reads).toBe(0);
    expect(without.l1_hit_ratio).toBeUndefined();
    expect(reached.stale_reads).toBe(0);
    expect(reached.l1_hit_ratio).toBeGreaterThan(0.5);
    expect(expiring.stale_reads).toBeGreaterThan(0);
    expect(expiring.staleness_ms.max).toBeLessThanOrEqual(5_000);
    // Every read the L1 serves is instant: the median read takes no time at all.
    expect(reached.read_latency_ms.p50).toBe(0);
  });
});
