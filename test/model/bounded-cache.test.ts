/**
 * The BoundedCache (a map over a few slots, for small L1s) must behave exactly as a
 * RegionCache of the same capacity: same answers, same observations in the same order.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BoundedCache } from '../../src/model/bounded-cache.js';
import { RegionCache } from '../../src/model/cache.js';
import type { Cache } from '../../src/model/slot-cache.js';
import { Clock } from '../../src/model/clock.js';
import type { Observer } from '../../src/model/observer.js';
import { observerOf } from '../helpers/observer.js';

const KEYS = 12;

type Op =
  | { kind: 'lookup'; key: number }
  | { kind: 'store'; key: number; version: number; ttl: number }
  | { kind: 'invalidate'; key: number }
  | { kind: 'clear' }
  | { kind: 'sweep' }
  | { kind: 'jump'; by: number };

const key = fc.integer({ min: 0, max: KEYS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: key.map((k): Op => ({ kind: 'lookup', key: k })), weight: 4 },
  { arbitrary: fc.record({ key, version: fc.integer({ min: 0, max: 50 }), ttl: fc.integer({ min: 0, max: 40 }) }).map((s): Op => ({ kind: 'store', ...s })), weight: 4 },
  { arbitrary: key.map((k): Op => ({ kind: 'invalidate', key: k })), weight: 1 },
  { arbitrary: fc.constant<Op>({ kind: 'clear' }), weight: 1 },
  { arbitrary: fc.constant<Op>({ kind: 'sweep' }), weight: 1 },
  { arbitrary: fc.integer({ min: -20, max: 20 }).map((by): Op => ({ kind: 'jump', by })), weight: 1 },
);

/** Every observation a cache makes, as text, in order. */
function recorder(log: string[]): Observer {
  return observerOf({
    stored: (cache, region, k, version, time) => log.push(`stored ${cache} ${region} ${k} v${version} @${time}`),
    entryEnd: (cache, region, k, version, time, why) => log.push(`end ${cache} ${region} ${k} v${version} @${time} ${why}`),
  });
}

/** Runs `ops` one time unit apart; returns every answer and observation. */
function play(make: (clock: Clock, observer: Observer) => Cache, ops: readonly Op[]): string[] {
  const log: string[] = [];
  const clock = new Clock({ skewMs: 0, driftPpm: 0, jumps: [] });
  const cache = make(clock, recorder(log));
  ops.forEach((o, now) => {
    if (o.kind === 'lookup') log.push(`lookup ${o.key} → ${cache.lookup(o.key, now)}`);
    else if (o.kind === 'store') cache.store(o.key, o.version, now, o.ttl);
    else if (o.kind === 'invalidate') cache.invalidate(o.key, now);
    else if (o.kind === 'clear') cache.clear(now);
    else if (o.kind === 'sweep') cache.sweepExpired(now);
    else clock.jump(o.by, now);
    log.push(`size ${cache.size}, held ${ops.length % KEYS} → ${cache.held(ops.length % KEYS, now)}`);
  });
  return log;
}

describe('BoundedCache', () => {
  test('property: the same answers and observations as a RegionCache of the same capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: KEYS }), fc.array(op, { maxLength: 120 }), (capacity, ops) => {
        const bounded = play((clock, observer) => new BoundedCache(20, 1, capacity, clock, observer), ops);
        const dense = play((clock, observer) => new RegionCache(20, 1, KEYS, capacity, clock, observer), ops);
        expect(bounded).toEqual(dense);
      }),
      { numRuns: 500 },
    );
  });

  test('never holds more than its capacity, evicting the least recently used', () => {
    const log: string[] = [];
    const cache = new BoundedCache(5, 0, 2, new Clock({ skewMs: 0, driftPpm: 0, jumps: [] }), recorder(log));
    cache.store(1, 1, 0, 100);
    cache.store(2, 1, 1, 100);
    expect(cache.lookup(1, 2)).toBe(1); // key 2 is now the least recently used
    cache.store(3, 1, 3, 100);
    expect(cache.size).toBe(2);
    expect(cache.held(2, 3)).toBe(-1);
    expect(log).toContain('end 5 0 2 v1 @3 3'); // EntryEnd.Evicted
  });
});
