/** The pool of reads in flight: when the oldest client's read still unanswered was issued. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { InflightReads } from '../../src/model/inflight.js';

const read = (pool: InflightReads, issued: number, background = false) => pool.acquire(0, 0, 0, 0, issued, 0, background);

test('the oldest unanswered read: answered ones drop out, whatever the order they are answered in', () => {
  const pool = new InflightReads();
  expect(pool.oldestIssued()).toBe(Infinity);
  const first = read(pool, 10);
  const second = read(pool, 20);
  read(pool, 30);
  pool.release(second);
  expect(pool.oldestIssued()).toBe(10);
  pool.release(first);
  expect(pool.oldestIssued()).toBe(30);
});

test('a background refresh, which no client waits for, never counts, even started later than reads after it', () => {
  const pool = new InflightReads();
  const refresh = read(pool, 50, true);
  expect(pool.oldestIssued()).toBe(Infinity);
  const client = read(pool, 40);
  expect(pool.oldestIssued()).toBe(40);
  pool.release(client);
  pool.release(refresh);
  expect(pool.oldestIssued()).toBe(Infinity);
});

test('any sequence of reads issued and answered: the same answer as a scan of the reads in flight', () => {
  // Each step: issue a read (at a time ≥ the last) or answer one of those in flight.
  const step = fc.oneof(fc.record({ issue: fc.integer({ min: 0, max: 3 }) }), fc.record({ answer: fc.nat() }));
  fc.assert(
    fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
      const pool = new InflightReads();
      const inFlight = new Map<number, number>();
      let now = 0;
      for (const s of steps) {
        if ('issue' in s) {
          now += s.issue;
          inFlight.set(read(pool, now), now);
        } else if (inFlight.size > 0) {
          const slot = [...inFlight.keys()][s.answer % inFlight.size];
          inFlight.delete(slot);
          pool.release(slot);
        }
        expect(pool.oldestIssued()).toBe(Math.min(Infinity, ...inFlight.values()));
      }
    }),
  );
});

test('answered reads behind one long wait do not pile up: 100,000 of them leave the queue its size', () => {
  const pool = new InflightReads();
  read(pool, 0);
  for (let t = 1; t <= 100_000; t++) pool.release(read(pool, t));
  expect(pool.oldestIssued()).toBe(0);
  // Only the waiting read is kept through each compaction: the ring stays at its first size.
  expect((pool as unknown as { queueSlot: Int32Array }).queueSlot.length).toBeLessThanOrEqual(64);
});
