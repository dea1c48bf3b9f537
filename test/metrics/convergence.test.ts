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
