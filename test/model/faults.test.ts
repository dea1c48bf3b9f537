/**
 * Each fault as a small named scenario, its effect shown in the numbers: `runStrategy` for the
 * metrics users read, and a timeline of observations for what happens inside the window.
 *
 * Shared shape: `us` is the primary and writes 20/s; `eu` reads 200/s; 20 keys; 60 s; bus delay
 * 100 ms; windows from 20 s to 40 s unless the test name says otherwise.
 */
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/model/simulation.js';
import { type Observer, ReadSource } from '../../src/model/observer.js';
import { runStrategy } from '../../src/simulate.js';
import type { Dist, FaultSpec, Scenario, StrategySpec } from '../../src/scenario/types.js';
import { constant, makeScenario, region, strategy } from '../helpers/scenario.js';
import { observerOf } from '../helpers/observer.js';

const US = 0;
const EU = 1;
const FROM = 20_000;
const TO = 40_000;

interface Variation {
  euLag?: Dist;
  bus?: Partial<Scenario['bus']>;
  jumps?: { atMs: number; byMs: number }[];
  /** Count only reads issued in [warmupMs, durationMs). */
  measure?: { warmupMs: number; durationMs: number };
}

function scenario(faults: FaultSpec[] = [], over: Variation = {}): Scenario {
  return makeScenario({
    seed: 11,
    ...over.measure,
    regions: [region('us', { primary: true }), region('eu', { replicaLag: over.euLag ?? constant(0), clock: { skewMs: 0, driftPpm: 0, jumps: over.jumps ?? [] } })],
    faults,
    bus: over.bus,
    workload: { keys: 20, readsPerSecond: 200, writesPerSecond: 20, readRegions: { us: 0, eu: 1 }, writeRegions: { us: 1, eu: 0 } },
  });
}

interface Read {
  issued: number;
  key: number;
  version: number;
  source: ReadSource;
}

/** What happened in one run, in the order observed. */
class Timeline {
  readonly reads: Read[] = [];
  /** Commit time of each version per key (index v − 1). */
  readonly commits: number[][] = [];
  readonly sent: number[] = [];
  /** Each delivery, with when its message was sent. */
  readonly delivered: { time: number; region: number; sentAt: number }[] = [];
  private readonly sentAt = new Map<string, number>();
  readonly lost: { time: number; region: number }[] = [];
  /** Replica apply time per key and version at eu. */
  readonly euApplies = new Map<string, number>();

  /** The observer that fills it (every other observation ignored). */
  readonly observer: Observer = observerOf({
    commit: (key, version, time) => {
      (this.commits[key] ??= [])[version - 1] = time;
    },
    replicaApply: (region, key, version, time) => {
      if (region === EU) this.euApplies.set(`${key}/${version}`, time);
    },
    read: (region, _session, key, issued, _latency, version, source) => {
      if (region === EU) this.reads.push({ issued, key, version, source });
    },
    messageSent: (region, key, version, time) => {
      this.sent.push(time);
      this.sentAt.set(`${region}/${key}/${version}`, time);
    },
    messageDelivered: (region, key, version, time) => {
      this.delivered.push({ time, region, sentAt: this.sentAt.get(`${region}/${key}/${version}`) ?? NaN });
    },
    messageLost: (region, _key, _version, time) => {
      this.lost.push({ time, region });
    },
  });

  /** Whether a read returned a version older than the latest committed when it was issued (SPEC §4). */
  stale(read: Read): boolean {
    const commits = this.commits[read.key] ?? [];
    let current = 0;
    while (current < commits.length && commits[current] <= read.issued) current++;
    return read.version < current;
  }

  readsIn(from: number, to: number): Read[] {
    return this.reads.filter((r) => r.issued >= from && r.issued < to);
  }

  staleIn(from: number, to: number): number {
    return this.readsIn(from, to).filter((r) => this.stale(r)).length;
  }

  /** Keys whose first read issued at or after `at` missed the cache, and how many keys were read. */
  firstReadsAfter(at: number): { keys: number; missed: number } {
    const first = new Map<number, Read>();
    for (const r of this.reads) if (r.issued >= at && !first.has(r.key)) first.set(r.key, r);
    return { keys: first.size, missed: [...first.values()].filter((r) => r.source !== ReadSource.Cache).length };
  }
}

function timeline(s: Scenario, spec: StrategySpec): Timeline {
  const t = new Timeline();
  new Simulation(s, spec, t.observer).run();
  return t;
}

const inWindow = (time: number, from = FROM, to = TO) => time >= from && time < to;
const pubsub = strategy('pubsub');
/** A zero TTL: every read misses and reads eu's replica directly. */
const replicaReads = strategy('ttl', { ttlMs: 0 });

describe('bus_partition', () => {
  const partition = (from: 'bus' | 'primary' | 'both', region = 'eu'): FaultSpec => ({ kind: 'bus_partition', atMs: FROM, forMs: TO - FROM, region, from });

  test('eu from bus 20s–40s, retain, pubsub: eu reads go stale for the window, every message is still delivered', () => {
    const base = runStrategy(scenario(), pubsub);
    const cut = runStrategy(scenario([partition('bus')]), pubsub);
    expect(cut.regions.eu.stale_read_ratio).toBeGreaterThan(base.regions.eu.stale_read_ratio + 0.2);
    expect(cut.messages).toEqual(base.messages);
    const t = timeline(scenario([partition('bus')]), pubsub);
    const late = timeline(scenario(), pubsub).delivered.filter((d) => d.region === EU && inWindow(d.time)).length;
    expect(t.delivered.filter((d) => d.region === EU && d.time === TO)).toHaveLength(late); // all at heal
  });

  /** A delivery a dropping partition over the window loses: its message left, or would have arrived, while the region was cut off. */
  const cutOff = (d: { time: number; sentAt: number }) => inWindow(d.time) || inWindow(d.sentAt);

  test('eu from bus 20s–40s, drop: messages lost rise by exactly the deliveries to eu sent or arriving in the window', () => {
    const dropping = { onPartition: 'drop' as const };
    const base = runStrategy(scenario([], { bus: dropping }), pubsub);
    const cut = runStrategy(scenario([partition('bus')], { bus: dropping }), pubsub);
    const toEu = timeline(scenario([], { bus: dropping }), pubsub).delivered.filter((d) => d.region === EU);
    const arrivals = toEu.filter(cutOff).length;
    expect(arrivals).toBeGreaterThan(300);
    // Sent before the cut, arriving in it: lost at arrival, as well as those sent in it.
    expect(toEu.filter((d) => inWindow(d.time) && d.sentAt < FROM).length).toBeGreaterThan(0);
    expect(cut.messages.lost).toBe(base.messages.lost + arrivals);
    expect(cut.messages.delivered).toBe(base.messages.delivered - arrivals);
    expect(cut.regions.eu.stale_read_ratio).toBeGreaterThan(base.regions.eu.stale_read_ratio);
  });

  test('drop under at-least-once: dropped deliveries are retried until the partition heals, so every message arrives', () => {
    const bus = { onPartition: 'drop' as const, delivery: 'at-least-once' as const };
    const base = runStrategy(scenario([], { bus }), pubsub);
    const cut = runStrategy(scenario([partition('bus')], { bus }), pubsub);
    expect(cut.messages.delivered).toBe(base.messages.delivered);
    expect(cut.messages.lost).toBeGreaterThan(1_000); // each message cut for s seconds is lost ⌈s⌉ times (1 s timeout)
  });

  test('the primary region from bus 20s–40s, drop: the publisher is cut off, every region loses the window’s deliveries', () => {
    const dropping = { onPartition: 'drop' as const };
    const arrivals = timeline(scenario([], { bus: dropping }), pubsub).delivered.filter(cutOff);
    expect(new Set(arrivals.map((d) => d.region))).toEqual(new Set([US, EU]));
    const cut = runStrategy(scenario([partition('bus', 'us')], { bus: dropping }), pubsub);
    expect(cut.messages.lost).toBe(arrivals.length);
  });

  test('eu from primary 20s–40s, ttl 0: eu replica reads are stale only inside the window; the bus is untouched', () => {
    const t = timeline(scenario([partition('primary')]), replicaReads);
    expect(t.staleIn(0, FROM)).toBe(0);
    expect(t.staleIn(FROM, TO) / t.readsIn(FROM, TO).length).toBeGreaterThan(0.5);
    expect(t.staleIn(TO, Infinity)).toBe(0);
    const cut = runStrategy(scenario([partition('primary')]), pubsub);
    expect(cut.messages).toEqual(runStrategy(scenario(), pubsub).messages);
  });

  test('eu from both: eu loses freshness from both the bus and replication', () => {
    const bus = runStrategy(scenario([partition('bus')]), pubsub).regions.eu.stale_read_ratio;
    const both = runStrategy(scenario([partition('both')]), pubsub).regions.eu.stale_read_ratio;
    expect(both).toBeGreaterThanOrEqual(bus);
    expect(timeline(scenario([partition('both')]), replicaReads).staleIn(FROM, TO)).toBeGreaterThan(0);
  });
});

describe('consumer_pause', () => {
  const pause: FaultSpec = { kind: 'consumer_pause', atMs: FROM, forMs: TO - FROM, region: 'eu' };

  test('eu paused 20s–40s with on_partition drop: nothing is lost, the window’s deliveries all arrive at its end', () => {
    const bus = { onPartition: 'drop' as const };
    const base = runStrategy(scenario([], { bus }), pubsub);
    const paused = runStrategy(scenario([pause], { bus }), pubsub);
    expect(paused.messages).toEqual(base.messages);
    expect(paused.messages.lost).toBe(0);
    expect(paused.regions.eu.stale_read_ratio).toBeGreaterThan(base.regions.eu.stale_read_ratio + 0.2);
    const due = timeline(scenario([], { bus }), pubsub).delivered.filter((d) => d.region === EU && inWindow(d.time)).length;
    const t = timeline(scenario([pause], { bus }), pubsub);
    expect(t.delivered.filter((d) => d.region === EU && inWindow(d.time))).toHaveLength(0);
    expect(t.delivered.filter((d) => d.region === EU && d.time === TO)).toHaveLength(due);
  });
});

describe('replication_pause', () => {
  test('eu paused 20s–40s, ttl 0 (direct replica reads): fresh before, stale during, fresh again right after', () => {
    const pause: FaultSpec = { kind: 'replication_pause', atMs: FROM, forMs: TO - FROM, region: 'eu' };
    const t = timeline(scenario([pause]), replicaReads);
    expect(t.staleIn(0, FROM)).toBe(0);
    expect(t.staleIn(FROM, TO) / t.readsIn(FROM, TO).length).toBeGreaterThan(0.5);
    expect(t.staleIn(TO, Infinity)).toBe(0);
    // Held applies happen at the end of the window, in commit order.
    const applied = [...t.euApplies.entries()].filter(([, time]) => time === TO).map(([kv]) => kv.split('/').map(Number));
    expect(applied.length).toBeGreaterThan(300);
    const lastVersion = new Map<number, number>();
    for (const [key, version] of applied) {
      expect(version).toBe((lastVersion.get(key) ?? version - 1) + 1); // per key: consecutive, oldest first
      lastVersion.set(key, version);
    }
    const result = runStrategy(scenario([pause]), replicaReads);
    expect(result.regions.eu.stale_read_ratio).toBeGreaterThan(0.15);
    expect(runStrategy(scenario(), replicaReads).regions.eu.stale_reads).toBe(0);
  });
});

describe('replica_lag', () => {
  const spike: FaultSpec = { kind: 'replica_lag', atMs: 20_000, forMs: 10_000, region: 'eu', lag: constant(5_000) };
  const lagOf = (t: Timeline) =>
    t.commits.flatMap((times, key) => times.map((committed, v) => ({ committed, lag: (t.euApplies.get(`${key}/${v + 1}`) as number) - committed })));

  test('eu lag 100ms, spike to 5s for writes committed 20s–30s: only those writes (and ones queued behind them) lag', () => {
    const lags = lagOf(timeline(scenario([spike], { euLag: constant(100) }), replicaReads));
    const before = lags.filter((l) => l.committed < 20_000);
    const during = lags.filter((l) => inWindow(l.committed, 20_000, 30_000));
    const after = lags.filter((l) => l.committed >= 35_000);
    expect(before.length * during.length * after.length).toBeGreaterThan(0);
    for (const l of [...before, ...after]) expect(l.lag).toBeCloseTo(100, 6);
    for (const l of during) expect(l.lag).toBeGreaterThanOrEqual(5_000 - 1e-6);
    const base = runStrategy(scenario([], { euLag: constant(100) }), replicaReads);
    const spiked = runStrategy(scenario([spike], { euLag: constant(100) }), replicaReads);
    expect(base.staleness_ms.max).toBeLessThan(150);
    expect(spiked.staleness_ms.max).toBeGreaterThan(4_000);
  });

  test('every strategy sees the same lag for the same write during a spike (common random numbers)', () => {
    const random = { kind: 'exponential', mean: 100 } as const;
    const exp: FaultSpec = { ...spike, lag: { kind: 'exponential', mean: 5_000 } };
    expect(lagOf(timeline(scenario([exp], { euLag: random }), pubsub))).toEqual(lagOf(timeline(scenario([exp], { euLag: random }), replicaReads)));
  });
});

describe('bus_loss', () => {
  const loss = (p: number): FaultSpec => ({ kind: 'bus_loss', atMs: 20_000, forMs: 10_000, loss: p });

  test('loss 1 for 20s–30s, at-most-once: exactly the messages sent in the window are lost', () => {
    const sentInWindow = timeline(scenario(), pubsub).sent.filter((t) => inWindow(t, 20_000, 30_000)).length;
    expect(sentInWindow).toBeGreaterThan(300);
    const result = runStrategy(scenario([loss(1)]), pubsub);
    expect(result.messages.lost).toBe(sentInWindow);
    expect(runStrategy(scenario(), pubsub).messages.lost).toBe(0);
  });

  test('loss 0.3 for 20s–30s: losses only among messages sent in the window, about 30 % of them', () => {
    const t = timeline(scenario([loss(0.3)]), pubsub);
    const sent = t.sent.filter((time) => inWindow(time, 20_000, 30_000)).length;
    expect(t.lost.every((l) => inWindow(l.time, 20_000, 30_000))).toBe(true);
    // Each message is lost with probability 0.3: within 5 binomial standard errors.
    expect(Math.abs(t.lost.length / sent - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / sent));
  });
});

describe('clock jumps', () => {
  // Every key first fills at about 0 s, so with a 10 s TTL their expiries bunch near 10 s, 20 s, 30 s: jump in between.
  test('eu clock jumps +2m at 35s, ttl 10s: every key’s first read after the jump misses; the hit ratio of the next second drops', () => {
    const ttl = strategy('ttl', { ttlMs: 10_000 });
    const jump = [{ atMs: 35_000, byMs: 120_000 }];
    const after = timeline(scenario([], { jumps: jump }), ttl).firstReadsAfter(35_000);
    expect(after.missed).toBe(after.keys);
    expect(timeline(scenario(), ttl).firstReadsAfter(35_000).missed).toBeLessThan(after.keys / 2);
    const nextSecond = { warmupMs: 35_000, durationMs: 36_000 };
    const jumped = runStrategy(scenario([], { jumps: jump, measure: nextSecond }), ttl).hit_ratio;
    const base = runStrategy(scenario([], { measure: nextSecond }), ttl).hit_ratio;
    expect(jumped).toBeLessThan(base - 0.05);
  });

  test('a backward jump of 1m at 30s, ttl 10s: entries outlive their TTL, eu hits more and reads staler', () => {
    const ttl = strategy('ttl', { ttlMs: 10_000 });
    const jumped = runStrategy(scenario([], { jumps: [{ atMs: 30_000, byMs: -60_000 }] }), ttl);
    const base = runStrategy(scenario(), ttl);
    expect(jumped.hit_ratio).toBeGreaterThan(base.hit_ratio);
    expect(jumped.staleness_ms.max).toBeGreaterThan(base.staleness_ms.max);
  });
});

describe('cache_restart', () => {
  test('eu restarts at 30s, ttl 60s: every key’s first read after misses; the hit ratio drops', () => {
    const restart: FaultSpec = { kind: 'cache_restart', atMs: 30_000, region: 'eu' };
    const ttl = strategy('ttl');
    const after = timeline(scenario([restart]), ttl).firstReadsAfter(30_000);
    expect(after.missed).toBe(after.keys);
    expect(timeline(scenario(), ttl).firstReadsAfter(30_000).missed).toBe(0);
    expect(runStrategy(scenario([restart]), ttl).hit_ratio).toBeLessThan(runStrategy(scenario(), ttl).hit_ratio);
  });
});

describe('network_partition', () => {
  const split: FaultSpec = { kind: 'network_partition', atMs: FROM, forMs: TO - FROM, a: 'us', b: 'eu' };

  test('us<->eu 20s–40s, ttl 0: replication to eu is held across it (stale inside, fresh after)', () => {
    const t = timeline(scenario([split]), replicaReads);
    expect(t.staleIn(0, FROM)).toBe(0);
    expect(t.staleIn(FROM, TO) / t.readsIn(FROM, TO).length).toBeGreaterThan(0.5);
    expect(t.staleIn(TO, Infinity)).toBe(0);
  });

  test('us<->eu 20s–40s, retain, pubsub: invalidations to eu wait for the heal; none lost', () => {
    const base = runStrategy(scenario(), pubsub);
    const cut = runStrategy(scenario([split]), pubsub);
    expect(cut.messages).toEqual(base.messages);
    expect(cut.regions.eu.stale_read_ratio).toBeGreaterThan(base.regions.eu.stale_read_ratio + 0.2);
  });
});

describe('determinism', () => {
  test('the same scenario with every kind of fault and a clock jump, run twice, gives equal results', () => {
    const faults: FaultSpec[] = [
      { kind: 'bus_partition', atMs: 5_000, forMs: 10_000, region: 'eu', from: 'both' },
      { kind: 'consumer_pause', atMs: 8_000, forMs: 4_000, region: 'eu' },
      { kind: 'network_partition', atMs: 12_000, forMs: 10_000, a: 'eu', b: 'us' },
      { kind: 'replica_lag', atMs: 25_000, forMs: 5_000, region: 'eu', lag: { kind: 'exponential', mean: 3_000 } },
      { kind: 'replication_pause', atMs: 28_000, forMs: 5_000, region: 'eu' },
      { kind: 'bus_loss', atMs: 35_000, forMs: 5_000, loss: 0.5 },
      { kind: 'bus_loss', atMs: 37_000, forMs: 5_000, loss: 0.1 },
      { kind: 'cache_restart', atMs: 45_000, region: 'eu' },
    ];
    const s = scenario(faults, { euLag: { kind: 'exponential', mean: 200 }, bus: { delivery: 'at-least-once' }, jumps: [{ atMs: 50_000, byMs: 30_000 }] });
    for (const spec of [pubsub, strategy('versioned'), replicaReads]) {
      const first = runStrategy(s, spec);
      expect(runStrategy(s, spec)).toEqual(first);
      expect(first).not.toEqual(runStrategy(scenario([], { euLag: { kind: 'exponential', mean: 200 }, bus: { delivery: 'at-least-once' } }), spec));
    }
  });
});
