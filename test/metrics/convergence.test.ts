/** The convergence tracker's floor of what can still be served: values on their way to a cache count, each for as long as it is on its way. */
import { describe, expect, test } from 'vitest';
import { CacheLayout } from '../../src/model/cache-layout.js';
import { ConvergenceTracker } from '../../src/metrics/convergence.js';

const KEY = 2;

describe('values on their way to a cache', () => {
  test('the oldest landing while newer ones are still on their way raises the floor to the next oldest', () => {
    // One region (the primary's), 5 keys, no warmup, a 10 s run.
    const tracker = new ConvergenceTracker(new CacheLayout(1, 0), 5, 0, 0, 10_000);
    for (const version of [1, 2, 3]) tracker.commit(KEY, version, version * 100);
    tracker.inFlight(KEY, 1);
    tracker.inFlight(KEY, 2);
    tracker.inFlight(KEY, 2);
    tracker.inFlight(KEY, 3);
    expect(tracker.oldestCopy(KEY)).toBe(1);
    tracker.landed(KEY, 1);
    // On a hot key values are always on their way: the floor must still move up.
    expect(tracker.oldestCopy(KEY)).toBe(2);
    tracker.landed(KEY, 2);
    expect(tracker.oldestCopy(KEY)).toBe(2);
    tracker.landed(KEY, 2);
    expect(tracker.oldestCopy(KEY)).toBe(3);
    tracker.landed(KEY, 3);
    expect(tracker.oldestCopy(KEY)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('far apart versions (a replica paused while writes go on)', () => {
  test('an old value landing among much newer ones: the floor is a lower bound that climbs to the next oldest in a few landings', () => {
    const tracker = new ConvergenceTracker(new CacheLayout(1, 0), 5, 0, 0, 1e9);
    for (let version = 1; version <= 1_000; version++) tracker.commit(KEY, version, version);
    tracker.inFlight(KEY, 1);
    for (let i = 0; i < 100; i++) tracker.inFlight(KEY, 900);
    tracker.landed(KEY, 1);
    // Never above the oldest value on its way, whatever it has found so far.
    expect(tracker.oldestCopy(KEY)).toBeGreaterThan(1);
    expect(tracker.oldestCopy(KEY)).toBeLessThanOrEqual(900);
    // 900 versions apart, 32 looked through per landing: there within 900 / 32 landings.
    for (let i = 0; i < 29; i++) tracker.landed(KEY, 900);
    expect(tracker.oldestCopy(KEY)).toBe(900);
  });

  test('an entry older than every pending write ends: each of them counts it, once settled, whatever their number', () => {
    // One region, its cache (cache 0) holding version 0 while 1,000 writes commit at 1..1000 ms.
    const tracker = new ConvergenceTracker(new CacheLayout(1, 0), 5, 0, 0, 1e9);
    tracker.stored(0, KEY, 0, Infinity);
    tracker.inFlight(KEY, 0); // holds every write unsettled until it lands
    for (let version = 1; version <= 1_000; version++) tracker.commit(KEY, version, version);
    tracker.entryEnd(0, KEY, 0, 5_000);
    // An entry of version 600 ends later: only writes 601..1000 were still contradicted by it.
    tracker.stored(0, KEY, 600, Infinity);
    tracker.entryEnd(0, KEY, 600, 8_000);
    tracker.landed(KEY, 0);
    expect(tracker.histogram.count).toBe(1_000);
    expect(tracker.unconverged).toBe(0);
    // Write v, committed at v ms, converged at 5 s (v ≤ 600) or 8 s: at most 7 399 ms (v = 601).
    expect(tracker.histogram.max).toBeCloseTo(7_399, -1);
    expect(tracker.histogram.mean).toBeCloseTo((600 * 5_000 + 400 * 8_000 - 500.5 * 1_000) / 1_000, -1);
  });
});

describe('entries nobody looks at again', () => {
  test('a regional entry past the time it can be served ends then, once the run is past it: the write it held back converges at that instant, once', () => {
    // One region, its cache holding version 0 until 3 s at the latest; a write commits at 1 s.
    const tracker = new ConvergenceTracker(new CacheLayout(1, 0), 5, 0, 0, 10_000);
    tracker.stored(0, KEY, 0, 3_000);
    tracker.commit(KEY, 1, 1_000);
    expect(tracker.oldestCopy(KEY)).toBe(0);
    // The run reaches 4 s; nobody looked at the entry, which the cache still has.
    tracker.commit(KEY, 2, 4_000);
    expect(tracker.oldestCopy(KEY)).toBe(Number.MAX_SAFE_INTEGER); // nothing holds the key any more
    expect(tracker.histogram.count).toBe(2);
    expect(tracker.histogram.max).toBeCloseTo(2_000, 0);
    // The cache drops it when it next looks, and says it ended at 3 s: already counted.
    tracker.entryEnd(0, KEY, 0, 3_000);
    tracker.finish();
    expect(tracker.histogram.count).toBe(2);
    expect(tracker.unconverged).toBe(0);
  });

  test('an L1 entry past its time ends when the run gets there; one replaced since does not end with its old deadline', () => {
    // One region with one app server (cache 1 is its L1).
    const tracker = new ConvergenceTracker(new CacheLayout(1, 1), 5, 0, 0, 10_000);
    tracker.stored(1, KEY, 0, 2_000);
    tracker.stored(1, 3, 0, 2_000);
    tracker.entryEnd(1, 3, 0, 1_500);
    tracker.stored(1, 3, 0, 9_000); // the same version again, servable for longer
    tracker.commit(KEY, 1, 1_000);
    tracker.commit(3, 1, 1_000);
    tracker.advance(2_500);
    expect(tracker.oldestCopy(KEY)).toBe(Number.MAX_SAFE_INTEGER);
    expect(tracker.oldestCopy(3)).toBe(0);
    expect(tracker.histogram.count).toBe(1);
    expect(tracker.histogram.max).toBeCloseTo(1_000, 0);
  });
});
