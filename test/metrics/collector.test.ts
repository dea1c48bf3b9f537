/**
 * The checkers on small hand-written histories: each metric's definition (SPEC §4),
 * including the edge cases (a read at the exact commit instant, the warmup boundary).
 */
import { describe, expect, test } from 'vitest';
import { Collector } from '../../src/metrics/collector.js';
import { EntryEnd, FillRefusal, ReadSource } from '../../src/model/observer.js';

/** A collector whose ten sessions all live in region `home`. */
function collector(warmupMs = 0, regions = ['a', 'b'], home = 0) {
  return new Collector({ regionNames: regions, keys: 10, sessionRegion: new Int32Array(10).fill(home), primary: 0, warmupMs, durationMs: 10_000, l1Hosts: 0 });
}

const KEY = 3;
const SESSION = 1;

describe('staleness', () => {
  test('a read at the exact commit instant must see the commit; just before, it need not', () => {
    const c = collector();
    c.commit(KEY, 1, 100, 0);
    c.read(0, SESSION, KEY, 99.999, 1, 0, ReadSource.Cache);
    c.read(0, SESSION + 1, KEY, 100, 1, 0, ReadSource.Cache);
    const r = c.result('ttl', 0);
    expect(r.reads).toBe(2);
    expect(r.stale_reads).toBe(1);
    expect(r.stale_read_ratio).toBe(0.5);
    expect(r.stale_age_ms.max).toBe(0);
  });

  test('staleness age is t − C(v+1) and version lag is V(t) − v', () => {
    const c = collector(0, undefined, 1);
    c.commit(KEY, 1, 100, 0);
    c.commit(KEY, 2, 200, 0);
    c.commit(KEY, 3, 300, 0);
    c.read(1, SESSION, KEY, 350, 1, 1, ReadSource.Cache);
    const r = c.result('ttl', 0);
    expect(r.stale_age_ms.max).toBe(150);
    expect(r.staleness_ms.max).toBe(150);
    expect(r.version_lag).toEqual({ max: 2, mean: 2 });
    expect(r.regions.b.stale_reads).toBe(1);
    expect(r.regions.a.reads).toBe(0);
  });

  test('a version committed while the read was in flight counts as fresh; so does a never-written key', () => {
    const c = collector();
    c.read(0, SESSION, 5, 10, 1, 0, ReadSource.Replica);
    c.commit(KEY, 1, 100, 0);
    c.read(0, SESSION, KEY, 90, 20, 1, ReadSource.Primary);
    const r = c.result('ttl', 0);
    expect(r.stale_reads).toBe(0);
    expect(r.staleness_ms.count).toBe(2);
    expect(r.hit_ratio).toBe(0);
    expect(r.regions.a.db_reads).toEqual({ primary: 0, replica: 0 });
  });

  test('warmup: a read issued exactly at warmup counts, one just before does not', () => {
    const c = collector(1000);
    c.commit(KEY, 1, 10, 0);
    c.read(0, SESSION, KEY, 999.9, 1, 0, ReadSource.Cache);
    c.read(0, SESSION + 1, KEY, 1000, 1, 0, ReadSource.Cache);
    const r = c.result('ttl', 0);
    expect(r.reads).toBe(1);
    expect(r.stale_reads).toBe(1);
    expect(r.stale_age_ms.max).toBe(990);
    expect(r.hit_ratio).toBe(1);
    expect(r.writes).toBe(0);
  });
});

describe('session guarantees', () => {
  test('read-your-writes: only a write acknowledged before the read was issued counts', () => {
    const c = collector();
    c.commit(KEY, 1, 100, 0);
    c.writeAck(SESSION, KEY, 1, 150);
    c.read(0, SESSION, KEY, 140, 1, 0, ReadSource.Cache); // issued before the ack: allowed
    c.read(0, SESSION, KEY, 150, 1, 0, ReadSource.Cache); // at the ack: a violation
    c.read(0, SESSION + 1, KEY, 160, 1, 0, ReadSource.Cache); // another session: not its write
    const r = c.result('ttl', 0);
    expect(r.ryw_violations).toBe(1);
  });

  test('monotonic reads: going back to an older version than the session already read', () => {
    const c = collector(0, undefined, 1);
    c.commit(KEY, 1, 100, 0);
    c.commit(KEY, 2, 200, 0);
    // Sessions live in one region (region b here, whose replica has applied nothing).
    c.read(1, SESSION, KEY, 210, 1, 2, ReadSource.Primary);
    c.read(1, SESSION, KEY, 220, 1, 2, ReadSource.Cache);
    c.read(1, SESSION, KEY, 230, 1, 1, ReadSource.Cache);
    c.read(1, SESSION + 1, KEY, 240, 1, 1, ReadSource.Cache);
    const r = c.result('ttl', 0);
    expect(r.monotonic_violations).toBe(1);
    expect(r.regions.b.monotonic_violations).toBe(1);
  });

  test('read-your-writes: writes acknowledged while the read was in flight do not count, however many', () => {
    const c = collector();
    c.commit(KEY, 1, 19, 0);
    c.writeAck(SESSION, KEY, 1, 21);
    c.commit(KEY, 2, 21, 0);
    c.writeAck(SESSION, KEY, 2, 23);
    // Issued at 15, before either write; its value came from the cache at 28.
    c.read(0, SESSION, KEY, 15, 13, 0, ReadSource.Cache);
    expect(c.result('ttl', 0).ryw_violations).toBe(0);
    // Issued between the two acks: the first counts, the second not yet.
    c.read(0, SESSION, KEY, 22, 1, 1, ReadSource.Cache);
    c.read(0, SESSION, KEY, 22, 1, 0, ReadSource.Cache);
    expect(c.result('ttl', 0).ryw_violations).toBe(1);
  });

  test('monotonic reads: an earlier read counts once its answer has reached the session, not while it is in flight', () => {
    const c = collector(0, undefined, 1);
    c.commit(KEY, 1, 5, 0);
    c.commit(KEY, 2, 6, 0);
    // R1, issued at 10, read v1 at 13 and is answered at 14.
    c.read(1, SESSION, KEY, 10, 4, 1, ReadSource.Primary);
    // R2, issued at 13.5 while R1 was in flight, gets v0 from the cache: nothing had been read before it.
    c.read(1, SESSION, KEY, 13.5, 1, 0, ReadSource.Cache);
    expect(c.result('ttl', 0).monotonic_violations).toBe(0);
    // R3, issued at 14, when R1's answer arrived: going back is a violation.
    c.read(1, SESSION, KEY, 14, 1, 0, ReadSource.Cache);
    expect(c.result('ttl', 0).monotonic_violations).toBe(1);
  });
});

describe('fills and database reads', () => {
  test('a stored fill older than the latest commit is a stale refill; a refused one is not', () => {
    const c = collector();
    c.commit(KEY, 1, 100, 0);
    c.commit(KEY, 2, 200, 0);
    c.fill(1, KEY, 1, 250, FillRefusal.None, 0);
    c.fill(1, KEY, 1, 260, FillRefusal.OlderThanHeard, 0);
    c.fill(0, KEY, 2, 270, FillRefusal.None, 0);
    c.databaseRead(1, ReadSource.Replica, 240);
    c.databaseRead(0, ReadSource.Primary, 1240);
    c.databaseRead(0, ReadSource.Primary, 1500);
    const r = c.result('ttl', 0);
    expect(r.stale_refills).toBe(1);
    expect(r.regions.b.stale_refills).toBe(1);
    expect(r.refused_fills).toBe(1);
    expect(r.db_reads).toEqual({ primary: 2, replica: 1 });
    expect(r.db_reads_peak_per_second).toBe(2);
    // Per region: the refused fill was b's; a's two database reads fell in one second, b's one in another.
    expect([r.regions.a.refused_fills, r.regions.b.refused_fills]).toEqual([0, 1]);
    expect([r.regions.a.db_reads_peak_per_second, r.regions.b.db_reads_peak_per_second]).toEqual([2, 1]);
  });

  test("the busiest second over all regions is not the sum of each region's busiest", () => {
    const c = collector();
    c.databaseRead(0, ReadSource.Primary, 100);
    c.databaseRead(0, ReadSource.Primary, 200);
    c.databaseRead(1, ReadSource.Replica, 1100);
    c.databaseRead(1, ReadSource.Replica, 1200);
    const r = c.result('ttl', 0);
    expect(r.db_reads_peak_per_second).toBe(2);
    expect([r.regions.a.db_reads_peak_per_second, r.regions.b.db_reads_peak_per_second]).toEqual([2, 2]);
  });
});

describe('convergence', () => {
  test('from commit until the last older cache entry stops being servable', () => {
    const c = collector();
    c.stored(0, 0, KEY, 0, 0, Infinity);
    c.stored(1, 1, KEY, 0, 0, Infinity);
    c.commit(KEY, 1, 100, 0);
    c.entryEnd(0, 0, KEY, 0, 150, EntryEnd.Invalidated);
    c.replicaApply(1, KEY, 1);
    c.entryEnd(1, 1, KEY, 0, 400, EntryEnd.Expired);
    const r = c.result('pubsub', 0);
    expect(r.convergence_ms).toMatchObject({ count: 1, max: 300 });
    expect(r.unconverged_writes).toBe(0);
    // Per region: until that region's own older entry ended.
    expect(r.regions.a.convergence_ms).toMatchObject({ count: 1, max: 50 });
    expect(r.regions.b.convergence_ms).toMatchObject({ count: 1, max: 300 });
  });

  test('a write with no older cached copy converges at once; one an entry still contradicts is unconverged, and took at least until the end', () => {
    const c = collector();
    c.commit(KEY, 1, 100, 0);
    c.replicaApply(1, KEY, 1);
    c.stored(1, 1, KEY, 1, 0, Infinity);
    c.commit(KEY, 2, 200, 0);
    const r = c.result('ttl', 0);
    // v2, unconverged at the end (10 s), counts as 9.8 s: a percentile never describes the converged writes alone.
    expect(r.convergence_ms).toMatchObject({ count: 2, p50: 0, max: 9_800 });
    expect(r.unconverged_writes).toBe(1);
    // Only b's entry contradicts v2: a converged at once.
    expect(r.regions.a.convergence_ms).toMatchObject({ count: 2, max: 0 });
    expect(r.regions.a.unconverged_writes).toBe(0);
    expect(r.regions.b.convergence_ms).toMatchObject({ count: 2, max: 9_800 });
    expect(r.regions.b.unconverged_writes).toBe(1);
  });

  test('a write committed before the warmup ends is not measured, as it is not counted in writes', () => {
    const c = collector(150);
    c.commit(KEY, 1, 100, 0);
    c.commit(KEY, 2, 200, 0);
    c.replicaApply(1, KEY, 2);
    const r = c.result('ttl', 0);
    expect(r.writes).toBe(1);
    expect(r.convergence_ms.count).toBe(1);
  });

  test('measured at the end of the run: an older entry that the drain after it removed leaves the write unconverged', () => {
    const c = collector();
    c.stored(0, 0, KEY, 0, 0, Infinity);
    c.commit(KEY, 1, 9_000, 0);
    c.replicaApply(1, KEY, 1);
    // The delete lands 500 ms after the run's end (10 s), while in-flight work drains.
    c.entryEnd(0, 0, KEY, 0, 10_500, EntryEnd.Invalidated);
    const r = c.result('pubsub', 0);
    expect(r.unconverged_writes).toBe(1);
    expect(r.regions.a.unconverged_writes).toBe(1);
    // Region b held nothing older: it converged at once.
    expect(r.regions.b.convergence_ms).toMatchObject({ count: 1, max: 0 });
    // Unconverged, it counts until the end: 1 s, not the 1.5 s the drain took.
    expect(r.convergence_ms).toMatchObject({ count: 1, max: 1_000 });
  });

  test('an entry ending exactly at the end of the run converges its write', () => {
    const c = collector();
    c.stored(0, 0, KEY, 0, 0, Infinity);
    c.commit(KEY, 1, 9_000, 0);
    c.replicaApply(1, KEY, 1);
    c.entryEnd(0, 0, KEY, 0, 10_000, EntryEnd.Expired);
    expect(c.result('ttl', 0).convergence_ms).toMatchObject({ count: 1, max: 1_000 });
  });

  test('an entry that ended before the commit does not delay it', () => {
    const c = collector();
    c.stored(0, 0, KEY, 0, 0, Infinity);
    c.entryEnd(0, 0, KEY, 0, 50, EntryEnd.Expired);
    c.commit(KEY, 1, 100, 0);
    c.replicaApply(1, KEY, 1);
    expect(c.result('ttl', 0).convergence_ms).toMatchObject({ count: 1, max: 0 });
  });

  test('L1 copies far apart in version: the writes the newest copy does not contradict converge at the end', () => {
    // One region, three app servers: L1s are caches 1 to 3.
    const c = new Collector({ regionNames: ['a'], keys: 10, sessionRegion: new Int32Array(10), primary: 0, warmupMs: 0, durationMs: 10_000, l1Hosts: 3 });
    c.stored(1, 0, KEY, 0, 0, Infinity);
    c.stored(2, 0, KEY, 0, 0, Infinity);
    for (let v = 1; v <= 40; v++) c.commit(KEY, v, v, 0);
    c.entryEnd(2, 0, KEY, 0, 41, EntryEnd.Invalidated);
    c.stored(2, 0, KEY, 40, 45, Infinity);
    // The last copy of v0 goes; the next oldest copy (v40) is 40 versions newer.
    c.entryEnd(1, 0, KEY, 0, 50, EntryEnd.Invalidated);
    const r = c.result('pubsub', 0);
    expect(r.unconverged_writes).toBe(0);
    expect(r.convergence_ms.count).toBe(40);
    // Each when the last v0 went: v1 49 ms after it committed.
    expect(r.convergence_ms.max).toBe(49);
  });
});

describe('messages', () => {
  test('sent, delivered, lost and duplicated are counted after warmup', () => {
    const c = collector(100);
    c.messageSent(0, KEY, 1, 50);
    c.messageSent(0, KEY, 1, 150);
    c.messageLost(0, KEY, 1, 150, false, 1, 1_000);
    c.messageSent(1, KEY, 1, 150);
    c.messageDuplicated(1, KEY, 1, 150);
    c.messageDelivered(1, KEY, 1, 160);
    c.messageDelivered(1, KEY, 1, 170);
    const r = c.result('pubsub', 0);
    expect(r.messages).toEqual({ sent: 2, delivered: 2, lost: 1, duplicated: 1 });
    // Per region: by the region each was addressed to.
    expect(r.regions.a.messages).toEqual({ sent: 1, delivered: 0, lost: 1, duplicated: 0 });
    expect(r.regions.b.messages).toEqual({ sent: 1, delivered: 2, lost: 0, duplicated: 1 });
  });

  test('lost attempts counted together count one by one, those leaving during the warmup excepted', () => {
    const c = collector(100);
    // Attempts leaving at 50, 70, 90, 110 and 130 ms: the last two after the warmup.
    c.messageLost(0, KEY, 1, 50, true, 5, 20);
    // Attempts at 100 and 120: the warmup's end belongs to the measured run.
    c.messageLost(1, KEY, 1, 100, true, 2, 20);
    const r = c.result('pubsub', 0);
    expect([r.regions.a.messages.lost, r.regions.b.messages.lost]).toEqual([2, 2]);
  });
});

describe('a region without reads', () => {
  test('has no ratios (NaN, null in JSON), not ratios of 0', () => {
    const c = collector();
    c.read(0, SESSION, KEY, 10, 1, 0, ReadSource.Cache);
    const r = c.result('ttl', 0);
    expect(r.regions.a.hit_ratio).toBe(1);
    expect(r.regions.b.hit_ratio).toBeNaN();
    expect(r.regions.b.stale_read_ratio).toBeNaN();
    expect(JSON.parse(JSON.stringify(r.regions.b)).stale_read_ratio).toBeNull();
  });

  test('has no percentiles, means or version lag either; a region whose reads were all fresh has a stale age of 0', () => {
    const c = collector();
    c.read(0, SESSION, KEY, 10, 1, 0, ReadSource.Cache);
    const r = c.result('ttl', 0);
    const b = JSON.parse(JSON.stringify(r.regions.b));
    for (const stat of ['p50', 'p90', 'p99', 'p999', 'max', 'mean']) {
      expect(b.staleness_ms[stat]).toBeNull();
      expect(b.stale_age_ms[stat]).toBeNull();
      expect(b.read_latency_ms[stat]).toBeNull();
    }
    expect(b.version_lag).toEqual({ max: null, mean: null });
    expect(r.regions.a.stale_age_ms).toMatchObject({ count: 0, p99: 0, max: 0 });
    expect(r.regions.a.read_latency_ms.max).toBe(1);
    // No write at all: nothing converged, nothing to measure.
    expect(JSON.parse(JSON.stringify(r)).convergence_ms.p99).toBeNull();
  });
});

describe('writes', () => {
  test("are counted after warmup in the writer's region, failed ones too", () => {
    const c = collector(100);
    c.commit(KEY, 1, 50, 1);
    c.commit(KEY, 2, 150, 1);
    c.commit(KEY, 3, 160, 0);
    c.writeFailed(1, SESSION, KEY, 170);
    const r = c.result('ttl', 0);
    expect([r.writes, r.failed_writes]).toEqual([2, 1]);
    expect([r.regions.a.writes, r.regions.b.writes]).toEqual([1, 1]);
    expect([r.regions.a.failed_writes, r.regions.b.failed_writes]).toEqual([0, 1]);
  });
});
