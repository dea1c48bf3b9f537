/**
 * The session ledger keeps a row per (session, key) pair at risk and drops rows no later
 * read could contradict, so its size follows the pairs at risk, not the number of operations.
 */
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
