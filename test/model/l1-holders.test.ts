/**
 * Invalidations visit only the L1s holding the key (L1Holders): whatever a region's L1s do —
 * store, expire, evict, drop, restart — the ones named holding a key are exactly those with
 * an entry for it (expired but not yet looked at included), in server order.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Clock } from '../../src/model/clock.js';
import { NearCaches } from '../../src/model/near-caches.js';
import { observerOf } from '../helpers/observer.js';

const REGIONS = 2;
const HOSTS = 3;
const KEYS = 10;

type Op = { l1: number; kind: 'lookup' | 'store' | 'invalidate' | 'clear' | 'sweep'; key: number; ttl: number };

const op: fc.Arbitrary<Op> = fc.record({
  l1: fc.integer({ min: 0, max: REGIONS * HOSTS - 1 }),
  kind: fc.constantFrom('lookup' as const, 'store' as const, 'store' as const, 'invalidate' as const, 'clear' as const, 'sweep' as const),
  key: fc.integer({ min: 0, max: KEYS - 1 }),
  ttl: fc.integer({ min: 0, max: 30 }),
});

test('property: the L1s named holding a key are those with an entry for it, in server order', () => {
  // Capacity 1 keeps the L1s sparse (maps over slots); 2 and more, dense (arrays over keys).
  fc.assert(
    fc.property(fc.integer({ min: 1, max: KEYS + 1 }), fc.array(op, { maxLength: 150 }), (capacity, ops) => {
      // What each L1 holds, told by its observations alone.
      const entries = new Set<string>();
      const observer = observerOf({
        stored: (cache, _region, key) => void entries.add(`${cache}:${key}`),
        entryEnd: (cache, _region, key) => void entries.delete(`${cache}:${key}`),
      });
      const clocks = Array.from({ length: REGIONS }, () => new Clock({ skewMs: 0, driftPpm: 0, jumps: [] }));
      const l1s = new NearCaches({ hosts: HOSTS, ttlMs: 10, capacity, invalidated: true }, clocks, KEYS, [new Int32Array(0), new Int32Array(0)], 0, observer);
      ops.forEach((o, now) => {
        const cache = l1s.byId(REGIONS + o.l1);
        if (o.kind === 'lookup') cache.lookup(o.key, now);
        else if (o.kind === 'store') cache.store(o.key, now, now, o.ttl);
        else if (o.kind === 'invalidate') cache.invalidate(o.key, now);
        else if (o.kind === 'clear') cache.clear(now);
        else cache.sweepExpired(now);
        for (let region = 0; region < REGIONS; region++) {
          for (let key = 0; key < KEYS; key++) {
            const expected = l1s.all(region).filter((c) => entries.has(`${c.id}:${key}`));
            expect(l1s.holding(region, key).map((c) => c.id)).toEqual(expected.map((c) => c.id));
          }
        }
      });
    }),
    { numRuns: 200 },
  );
});

test('L1s that only expire: invalidations reach none', () => {
  const clocks = [new Clock({ skewMs: 0, driftPpm: 0, jumps: [] })];
  const l1s = new NearCaches({ hosts: 2, ttlMs: 10, capacity: Infinity, invalidated: false }, clocks, KEYS, [new Int32Array(0)], 0, observerOf());
  l1s.byId(1).store(3, 1, 0, 10);
  expect(l1s.all(0)).toEqual([]);
  expect(l1s.holding(0, 3)).toEqual([]);
});
