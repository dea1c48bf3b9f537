/**
 * The session ledger keeps a row per (session, key) pair at risk and drops rows no later
 * read could contradict, so its size follows the pairs at risk, not the number of operations.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { SessionLedger } from '../../src/metrics/session-ledger.js';

const KEYS = 100_000;
/** Session 0 lives in region 0, session 1 in region 1. */
const REGIONS = Int32Array.from([0, 1]);

/** A ledger whose writer (session 0) has had a write to each of the first `keys` keys acknowledged. */
function afterWrites(floor: (region: number, key: number) => number, keys: number): SessionLedger {
  const ledger = new SessionLedger(REGIONS, KEYS, floor);
  for (let key = 0; key < keys; key++) ledger.recordAck(0, key, 1, key);
  return ledger;
}

test("a session that only writes loses its rows once its region's copies hold its writes", () => {
  // Every copy in the writer's region already holds version 1: none of its rows can matter.
  const ledger = afterWrites((region) => (region === 0 ? 1 : 0), KEYS);
  // Rows go at each rebuild (the table's first is at 512 rows), never more than a table's worth.
  expect(ledger.rows).toBeLessThanOrEqual(512);
});

test('rows stay while a read in the session\'s region could still return an older version', () => {
  // The writer's region still serves version 0: every row is at risk (the other region's floor does not matter).
  const ledger = afterWrites((region) => (region === 1 ? 1 : 0), KEYS);
  expect(ledger.rows).toBe(KEYS);
});

test('exact however long a read waits while its session goes on: what was acknowledged and returned by its issue, against every event kept', () => {
  // Versions rise with time mostly, as commits do, so that staircases grow long while a read waits.
  const ack = fc
    .record({ at: fc.integer({ min: 0, max: 1000 }), skew: fc.integer({ min: -3, max: 3 }) })
    .map(({ at, skew }) => ({ kind: 'ack' as const, at, version: Math.max(1, Math.floor(at / 10) + skew) }));
  const read = fc.record({
    kind: fc.constant('read' as const),
    at: fc.integer({ min: 0, max: 1000 }),
    waits: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 800 })),
    version: fc.integer({ min: 0, max: 110 }),
  });
  fc.assert(
    fc.property(fc.array(fc.oneof(ack, read), { minLength: 30, maxLength: 120, size: 'max' }), (operations) => {
      // Each is recorded when it lands (an ack when it arrives, a read when it is answered), in that order.
      const landing = (o: (typeof operations)[number]) => (o.kind === 'ack' ? o.at : o.at + o.waits);
      const order = operations.map((o, i) => ({ o, i })).sort((a, b) => landing(a.o) - landing(b.o) || a.i - b.i);
      let now = 0;
      let recorded = new Set<number>();
      // As the simulation tells it: the oldest read issued and not yet answered, or now.
      const oldestUnanswered = () => Math.min(now, ...order.filter(({ o, i }) => o.kind === 'read' && o.at <= now && !recorded.has(i)).map(({ o }) => o.at));
      const ledger = new SessionLedger(Int32Array.from([0]), 1, () => -Infinity, oldestUnanswered);
      const out = { acked: 0, readBefore: 0 };
      recorded = new Set();
      for (const { o, i } of order) {
        now = landing(o);
        if (o.kind === 'ack') {
          ledger.recordAck(0, 0, o.version, o.at);
        } else {
          ledger.recordRead(0, 0, o.version, o.at, o.at + o.waits, Infinity, -Infinity, out);
          const before = order.filter((e) => recorded.has(e.i));
          const acked = Math.max(0, ...before.filter(({ o: e }) => e.kind === 'ack' && e.at <= o.at).map(({ o: e }) => e.version));
          const returned = Math.max(0, ...before.filter(({ o: e }) => e.kind === 'read' && landing(e) <= o.at).map(({ o: e }) => e.version));
          expect(out).toEqual({ acked, readBefore: returned });
        }
        recorded.add(i);
      }
    }),
    { numRuns: 300, seed: 11 },
  );
});
