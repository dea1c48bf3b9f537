/**
 * What each session has seen of each key, for the read-your-writes and monotonic-read
 * checkers (SPEC §4), judged as of the instant a read is issued: the writes the session had
 * had acknowledged by then, and the values earlier reads had returned to it by then (a read
 * still in flight when the next one starts is not "before" it, and neither is a write whose
 * ack is still on its way).
 *
 * Per (session, key) pair at risk, two staircases of (time, version), rising in both: the
 * newest version acknowledged, and the newest returned, from each time on. A row is dropped
 * once it can no longer matter — when every copy a read in the session's region could be
 * served from (its cache entry, its replica, values on their way to a cache) is at least as
 * new as anything in the row — and a staircase forgets the steps before the oldest read still
 * unanswered, so memory follows the pairs at risk, not the number of reads or writes.
 *
 * Rows live in a typed table (a row of objects per pair churned enough garbage to grow the
 * heap with the length of a run), each staircase holding up to STEPS steps. Should a
 * staircase still be full once the steps no unanswered read can ask about are forgotten (a
 * session answered or acknowledged that often while some read anywhere waited), its oldest
 * step goes: only a read issued before that step's successor, still in flight, is then judged
 * against less than it had seen.
 */

import { PairTable } from '../util/pair-table.js';

/** The oldest version a read of `key` in `region` could still return from now on. */
export type ServableFloor = (region: number, key: number) => number;

/** Steps each staircase holds. */
const STEPS = 8;
/** A row: the two staircases' step counts, then each staircase's (time, version) pairs. */
const ACKED_COUNT = 0;
const RETURNED_COUNT = 1;
const ACKED = 2;
const RETURNED = ACKED + 2 * STEPS;
const COLUMNS = RETURNED + 2 * STEPS;

export class SessionLedger {
  private readonly table: PairTable;
  /** Room to build a staircase in before it is written back: one step more than a row holds. */
  private readonly scratch = new Float64Array(2 * (STEPS + 1));

  constructor(
    /** Region of each session (sessions live in one region): a row is dropped by its region's floor, whether the session reads or only writes. */
    regionOf: Int32Array,
    private readonly keys: number,
    floor: ServableFloor,
    /** When the oldest read not yet recorded was issued (no later record asks about earlier times); -∞ keeps every step it can. */
    private readonly oldestUnanswered: () => number = () => -Infinity,
  ) {
    this.table = new PairTable(COLUMNS, (id, row, at) => {
      const session = Math.floor(id / keys);
      const region = regionOf[session];
      const newest = Math.max(lastVersion(row, at, ACKED_COUNT, ACKED), lastVersion(row, at, RETURNED_COUNT, RETURNED));
      return newest > floor(region, id - session * keys);
    });
  }

  /** (session, key) rows held. */
  get rows(): number {
    return this.table.size;
  }

  recordAck(session: number, key: number, version: number, time: number): void {
    this.step(this.table.slot(session * this.keys + key), ACKED_COUNT, ACKED, time, version);
  }

  /**
   * Records a read of `version` issued at `issued` and answered at `answered`, when `latest`
   * is the newest version of `key` committed and `floor` the servable floor of it in the
   * session's region. Returns, in `out`, the highest version of `key` the session had had
   * acknowledged by `issued`, and the highest its reads answered by then had returned.
   */
  recordRead(
    session: number,
    key: number,
    version: number,
    issued: number,
    answered: number,
    latest: number,
    floor: number,
    out: { acked: number; readBefore: number },
  ): void {
    out.acked = 0;
    out.readBefore = 0;
    // The common case, without a lookup: the newest version, which every copy in the region
    // already holds. Nothing the session saw can be newer, and nothing later can be older.
    if (version >= latest && version <= floor) return;
    const table = this.table;
    const id = session * this.keys + key;
    let slot = table.find(id);
    if (slot < 0) {
      // A row would only be dropped again unless this read could be contradicted later.
      if (version <= floor) return;
      slot = table.slot(id);
    }
    out.acked = this.versionAt(slot, ACKED_COUNT, ACKED, issued);
    out.readBefore = this.versionAt(slot, RETURNED_COUNT, RETURNED, issued);
    this.step(slot, RETURNED_COUNT, RETURNED, answered, version);
  }

  /** The staircase's version at `time` (0 before its first step). */
  private versionAt(slot: number, count: number, first: number, time: number): number {
    const table = this.table;
    for (let i = table.get(slot, count) - 1; i >= 0; i--) if (table.get(slot, first + 2 * i) <= time) return table.get(slot, first + 2 * i + 1);
    return 0;
  }

  /** From `time` on, the staircase's version is at least `version`. */
  private step(slot: number, count: number, first: number, time: number, version: number): void {
    const table = this.table;
    if (this.versionAt(slot, count, first, time) >= version) return;
    const n = table.get(slot, count);
    let at = n;
    while (at > 0 && table.get(slot, first + 2 * (at - 1)) > time) at--;
    // A step at the same time is replaced; the later steps it covers go.
    const from = at > 0 && table.get(slot, first + 2 * (at - 1)) === time ? at - 1 : at;
    let to = at;
    while (to < n && table.get(slot, first + 2 * to + 1) <= version) to++;
    // The new staircase, built in a scratch row (one more step than a row holds).
    const steps = this.scratch;
    let length = 0;
    for (let i = 0; i < 2 * from; i++) steps[length++] = table.get(slot, first + i);
    steps[length++] = time;
    steps[length++] = version;
    for (let i = 2 * to; i < 2 * n; i++) steps[length++] = table.get(slot, first + i);
    let start = 0;
    if (length > 2 * STEPS) start = forgottenBefore(steps, length, this.oldestUnanswered());
    // Still full: the oldest step goes (see the note at the top).
    if (length - start > 2 * STEPS) start = length - 2 * STEPS;
    for (let i = start; i < length; i++) table.set(slot, first + i - start, steps[i]);
    table.set(slot, count, (length - start) / 2);
  }
}

/** The newest version a staircase of a row holds (0 when it has no step). */
function lastVersion(row: Float64Array, at: number, count: number, first: number): number {
  const n = row[at + count];
  return n === 0 ? 0 : row[at + first + 2 * (n - 1) + 1];
}

/** Where a staircase of `length` numbers starts once the steps no question about `time` or later can reach are forgotten (all but the last one at or before it). */
function forgottenBefore(stairs: Float64Array, length: number, time: number): number {
  let last = 0;
  for (let i = 0; i < length && stairs[i] <= time; i += 2) last = i;
  return last;
}
