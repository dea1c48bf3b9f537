/**
 * `network.on_unreachable`: what a region does with a miss whose database copy it cannot reach
 * (here: the primary, cut off from `far` for the middle minute, with refills from the primary).
 */
import { describe, expect, test } from 'vitest';
import type { UnreachablePolicy } from '../../src/scenario/types.js';
import { runStrategy } from '../../src/simulate.js';
import { constant, makeScenario, region, strategy } from '../helpers/scenario.js';

function cutOff(onUnreachable: UnreachablePolicy, withPartition = true) {
  return makeScenario({
    seed: 4,
    durationMs: 180_000,
    regions: [region('home', { primary: true }), region('far', { replicaLag: constant(2_000) }), region('relay')],
    network: { defaultLatency: constant(30) },
    onUnreachable,
    workload: { keys: 50, readsPerSecond: 300, writesPerSecond: 10, readRegions: { home: 0, far: 1, relay: 0 }, writeRegions: { home: 0.5, far: 0.5, relay: 0 } },
    faults: withPartition ? [{ kind: 'network_partition', atMs: 60_000, forMs: 60_000, a: 'home', b: 'far' }] : [],
  });
}

const cache = { ttlMs: 2_000, refillFrom: 'primary' as const };

describe('a region cut off from the primary', () => {
  test('fail: its misses fail and its writes fail, only during the partition', () => {
    const calm = runStrategy(cutOff('fail', false), strategy('ttl', cache));
    const cut = runStrategy(cutOff('fail'), strategy('ttl', cache));
    expect(calm.failed_reads + calm.failed_writes).toBe(0);
    expect(cut.regions.far.failed_reads).toBeGreaterThan(100);
    expect(cut.failed_writes).toBeGreaterThan(100);
    expect(cut.failed_writes).toBeLessThan(cut.writes);
  });

  test('serve-stale: it reads its own lagging replica instead: nothing fails, reads get staler', () => {
    const calm = runStrategy(cutOff('serve-stale', false), strategy('ttl', cache));
    const cut = runStrategy(cutOff('serve-stale'), strategy('ttl', cache));
    expect(cut.failed_reads).toBe(0);
    expect(cut.db_reads.replica).toBeGreaterThan(0);
    expect(calm.db_reads.replica).toBe(0);
    expect(cut.stale_read_ratio).toBeGreaterThan(calm.stale_read_ratio);
  });

  test('route: it reaches the primary through the third region: nothing fails, misses take two hops', () => {
    const cut = runStrategy(cutOff('route'), strategy('ttl', cache));
    expect(cut.failed_reads).toBe(0);
    expect(cut.db_reads.replica).toBe(0);
    // A relayed miss: cache round trip + 2 × 30 ms there + 2 × 30 ms back.
    expect(cut.read_latency_ms.max).toBeGreaterThanOrEqual(120);
  });

  test('session-token never serves a stale value to a session that is ahead: it fails the read instead', () => {
    const token = runStrategy(cutOff('serve-stale'), strategy('session-token', cache));
    expect(token.ryw_violations + token.monotonic_violations).toBe(0);
    expect(token.failed_reads).toBeGreaterThan(0);
  });
});
