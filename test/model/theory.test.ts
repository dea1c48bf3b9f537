/**
 * The simulator against closed forms. Each point runs several independent seeds and checks
 * the mean against theory within 5 standard errors of that mean (test/helpers/statistics.ts).
 */
import { describe, expect, test } from 'vitest';
import { runStrategy } from '../../src/simulate.js';
import type { Dist, StrategySpec } from '../../src/scenario/types.js';
import { constant, makeScenario, region, strategy } from '../helpers/scenario.js';
import { expectAgreement, expectTextbookTtlCache } from '../helpers/statistics.js';

const SEEDS = 12;
const KEYS = 50;

/**
 * One region, refills from the primary, no latency and an instant bus, Poisson reads and
 * writes (rates per key per second): run for 200 cycles of an entry (`cycleMs`: its life and
 * the wait for the next read) after 5 of warmup.
 */
function textbookRun(seed: number, readRate: number, writeRate: number, cycleMs: number, spec: StrategySpec) {
  const scenario = makeScenario({
    seed,
    durationMs: Math.max(200 * cycleMs, 60_000),
    warmupMs: 5 * cycleMs,
    network: { localLatency: constant(0) },
    bus: { delay: constant(0) },
    workload: { keys: KEYS, readsPerSecond: readRate * KEYS, writesPerSecond: writeRate * KEYS },
  });
  return runStrategy(scenario, spec);
}

/** The textbook TTL cache. */
function ttlRun(seed: number, readRate: number, writeRate: number, ttlMs: number, staleWhileRevalidateMs = 0) {
  const spec = strategy('ttl', { ttlMs, staleWhileRevalidateMs, refillFrom: 'primary' });
  return textbookRun(seed, readRate, writeRate, ttlMs + staleWhileRevalidateMs + 1000 / readRate, spec);
}

describe('TTL cache with Poisson reads (rate r per key) and writes (rate λ per key)', () => {
  const points: [number, number, number][] = [
    [1, 0.2, 2_000],
    [0.5, 0.05, 10_000],
    [5, 1, 1_000],
  ];

  test.each(points)('r=%f/s λ=%f/s T=%ims: hit ratio rT/(1+rT), stale share of hits 1 − (1 − e^(−λT))/(λT)', (r, lambda, ttlMs) => {
    const runs = Array.from({ length: SEEDS }, (_, i) => {
      const result = ttlRun(i + 1, r, lambda, ttlMs);
      // Misses read the primary, so every stale read is a hit.
      return { hitRatio: result.hit_ratio, staleShareOfHits: result.stale_reads / (result.hit_ratio * result.reads) };
    });
    expectTextbookTtlCache(runs, r, lambda, ttlMs);
  });
});

describe('write-update to the caches holding the key (update: present), with Poisson reads (r) and writes (λ) per key', () => {
  // A miss fills the entry; each write while it lives stores the new value for T more, so it
  // lives until the first gap between writes longer than T: with p = e^(−λT), a geometric
  // number of shorter gaps (mean (1 − p)/p, each of mean 1/λ − Tp/(1 − p)), then T, for a mean
  // life of (e^(λT) − 1)/λ. Dead, it waits Exp(r) for the next read. Reads see it alive (hit)
  // for the share of time it is: hit ratio = rA/(1 + rA) with A = (e^(λT) − 1)/λ. An expired
  // entry takes no update (it is not held any more).
  const points: [number, number, number][] = [
    [0.5, 2, 1_000],
    [0.2, 0.5, 2_000],
    [2, 1, 500],
  ];

  test.each(points)('r=%f/s λ=%f/s T=%ims: hit ratio rA/(1+rA), A = (e^(λT) − 1)/λ', (r, lambda, ttlMs) => {
    const life = (Math.exp((lambda * ttlMs) / 1000) - 1) / lambda;
    const spec = strategy('write-update', { ttlMs, refillFrom: 'primary' });
    const runs = Array.from({ length: SEEDS }, (_, i) => textbookRun(i + 1, r, lambda, (life + 1 / r) * 1000, spec));
    expectAgreement(
      runs.map((run) => run.hit_ratio),
      (r * life) / (1 + r * life),
    );
  });
});

describe('stale-while-revalidate: TTL T, then S more served stale while a refresh runs', () => {
  // A cycle starts at a fill. Its rT fresh-period reads all hit; the next read comes X ~ Exp(r)
  // after T: within S it is a stale hit that refreshes the entry (at once, without latency),
  // beyond S a miss that fills it. So a cycle has rT + 1 reads and e^(−rS) misses:
  //   hit ratio 1 − e^(−rS)/(1 + rT).
  // A read at age t is stale with probability 1 − e^(−λt): rT − (r/λ)(1 − e^(−λT)) in the
  // fresh period, and for the next read, stale only if a hit:
  //   (1 − e^(−rS)) − e^(−λT)·r/(r+λ)·(1 − e^(−(r+λ)S)); the stale read ratio is their sum over rT + 1.
  const points: [number, number, number, number][] = [
    [1, 0.2, 2_000, 1_000],
    [0.5, 0.05, 5_000, 5_000],
    [2, 0.5, 1_000, 500],
  ];

  test.each(points)('r=%f/s λ=%f/s T=%ims S=%ims: hit ratio 1 − e^(−rS)/(1+rT), and the stale read ratio of the cycle', (r, lambda, ttlMs, swrMs) => {
    const rT = (r * ttlMs) / 1000;
    const rS = (r * swrMs) / 1000;
    const lT = (lambda * ttlMs) / 1000;
    const lS = (lambda * swrMs) / 1000;
    const staleFresh = rT - (r / lambda) * (1 - Math.exp(-lT));
    const staleNext = 1 - Math.exp(-rS) - Math.exp(-lT) * (r / (r + lambda)) * (1 - Math.exp(-(rS + lS)));
    const runs = Array.from({ length: SEEDS }, (_, i) => ttlRun(i + 1, r, lambda, ttlMs, swrMs));
    expectAgreement(
      runs.map((run) => run.hit_ratio),
      1 - Math.exp(-rS) / (1 + rT),
    );
    expectAgreement(
      runs.map((run) => run.stale_read_ratio),
      (staleFresh + staleNext) / (1 + rT),
    );
    // Without latency, each miss and each background refresh reads the primary once, at once.
    for (const run of runs) {
      const hits = run.timeline.hits.reduce((a, b) => a + b, 0);
      expect(run.refreshes).toBeGreaterThan(0);
      expect(run.db_reads.primary).toBe(run.reads - hits + run.refreshes);
    }
  });

  test('S = 0 is the plain TTL cache, read for read, with no refresh', () => {
    const plain = ttlRun(3, 1, 0.2, 2_000);
    expect(ttlRun(3, 1, 0.2, 2_000, 0)).toEqual(plain);
    expect(plain.refreshes).toBe(0);
  });
});

describe('replicas applying in commit order', () => {
  const lags: [string, Dist][] = [
    ['constant 2s', constant(2_000)],
    ['exponential mean 2s', { kind: 'exponential', mean: 2_000 }],
    ['uniform 0..4s', { kind: 'uniform', min: 0, max: 4_000 }],
  ];

  test.each(lags)('lag %s, mean μ, writes λ per key: a direct replica read is fresh with probability e^(−λμ)', (_name, lag) => {
    const lambda = 0.25;
    const mu = 2;
    const fresh: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const scenario = makeScenario({
        seed,
        durationMs: 200_000,
        warmupMs: 20_000,
        regions: [region('primary', { primary: true }), region('replica', { replicaLag: lag })],
        network: { localLatency: constant(0) },
        workload: {
          keys: KEYS,
          readsPerSecond: 2 * KEYS,
          writesPerSecond: lambda * KEYS,
          readRegions: { primary: 0, replica: 1 },
          writeRegions: { primary: 1, replica: 0 },
        },
      });
      // A zero TTL makes every read a miss: each read goes straight to the replica.
      const result = runStrategy(scenario, strategy('ttl', { ttlMs: 0 }));
      expect(result.hit_ratio).toBe(0);
      fresh.push(1 - result.stale_read_ratio);
    }
    expectAgreement(fresh, Math.exp(-lambda * mu));
  });
});
