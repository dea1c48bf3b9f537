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
 * heap with the length of a run), each staircase holding up to STEPS steps in its row. One
 * still longer once the steps no unanswered read can ask about are forgotten (a session
 * answered or acknowledged that often while some read waited) moves whole to a side map
 * until it is short again: rare, and the checkers stay exact.
 */

import { PairTable } from '../util/pair-table.js';

/** The oldest version a read of `key` in `region` could still return from now on. */
export type ServableFloor = (region: number, key: number) => number;

/** Steps a staircase holds in its row. */
const STEPS = 2;
/** A staircase's step count when it is too long for its row and lives in the side map instead. */
const SPILLED = -1;
/** A row: the two staircases' step counts, then each staircase's (time, version) pairs. */
const ACKED_COUNT = 0;
const RETURNED_COUNT = 1;
const ACKED = 2;
const RETURNED = ACKED + 2 * STEPS;
const COLUMNS = RETURNED + 2 * STEPS;

/** The side map's key of a staircase: its pair id and which staircase (by its count column). */
function spillKey(id: number, count: number): number {
  return 2 * id + count;
}

export class SessionLedger {
  private readonly table: PairTable;
  /** Staircases too long for their rows, whole, as (time, version) pairs. */
  private readonly spilled = new Map<number, Float64Array>();
  /** A staircase read out of its row, and the new one built from it (both grow when a staircase is long). */
  private current = new Float64Array(2 * (STEPS + 1));
  private built = new Float64Array(2 * (STEPS + 1));

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
      const newest = Math.max(this.lastVersion(id, row, at, ACKED_COUNT, ACKED), this.lastVersion(id, row, at, RETURNED_COUNT, RETURNED));
      const kept = newest > floor(region, id - session * keys);
      if (!kept && this.spilled.size > 0) {
        this.spilled.delete(spillKey(id, ACKED_COUNT));
        this.spilled.delete(spillKey(id, RETURNED_COUNT));
      }
      return kept;
    });
  }

  /** (session, key) rows held. */
  get rows(): number {
    return this.table.size;
  }

  recordAck(session: number, key: number, version: number, time: number): void {
    const id = session * this.keys + key;
    this.step(this.table.slot(id), id, ACKED_COUNT, ACKED, time, version);
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
    out.acked = this.versionAt(slot, id, ACKED_COUNT, ACKED, issued);
    out.readBefore = this.versionAt(slot, id, RETURNED_COUNT, RETURNED, issued);
    this.step(slot, id, RETURNED_COUNT, RETURNED, answered, version);
  }

  /** The staircase's version at `time` (0 before its first step). */
  private versionAt(slot: number, id: number, count: number, first: number, time: number): number {
    const table = this.table;
    const n = table.get(slot, count);
    if (n === SPILLED) return stepAt(this.spilled.get(spillKey(id, count)) as Float64Array, time);
    for (let i = n - 1; i >= 0; i--) if (table.get(slot, first + 2 * i) <= time) return table.get(slot, first + 2 * i + 1);
    return 0;
  }

  /** The newest version a staircase holds (0 when it has no step), from a row as the table hands it to `keep`. */
  private lastVersion(id: number, row: Float64Array, at: number, count: number, first: number): number {
    const n = row[at + count];
    if (n === SPILLED) return (this.spilled.get(spillKey(id, count)) as Float64Array).at(-1) as number;
    return n === 0 ? 0 : row[at + first + 2 * (n - 1) + 1];
  }

  /** From `time` on, the staircase's version is at least `version`. */
  private step(slot: number, id: number, count: number, first: number, time: number, version: number): void {
    if (this.versionAt(slot, id, count, first, time) >= version) return;
    const old = this.load(slot, id, count, first);
    const current = this.current;
    let at = old;
    while (at > 0 && current[at - 2] > time) at -= 2;
    // A step at the same time is replaced; the later steps it covers go.
    const from = at > 0 && current[at - 2] === time ? at - 2 : at;
    let to = at;
    while (to < old && current[to + 1] <= version) to += 2;
    const length = from + 2 + (old - to);
    if (this.built.length < length) this.built = new Float64Array(2 * length);
    // Copied number by number: a subarray view per step would be garbage on the checkers' hot path.
    const built = this.built;
    for (let i = 0; i < from; i++) built[i] = current[i];
    built[from] = time;
    built[from + 1] = version;
    for (let i = to; i < old; i++) built[from + 2 + i - to] = current[i];
    const start = length > 2 * STEPS ? forgottenBefore(built, length, this.oldestUnanswered()) : 0;
    this.store(slot, id, count, first, start, length);
  }

  /** Reads the staircase into `current`; returns how many numbers it is (two a step). */
  private load(slot: number, id: number, count: number, first: number): number {
    const n = this.table.get(slot, count);
    const spilled = n === SPILLED ? (this.spilled.get(spillKey(id, count)) as Float64Array) : null;
    const length = spilled ? spilled.length : 2 * n;
    if (this.current.length < length) this.current = new Float64Array(2 * length);
    if (spilled) this.current.set(spilled);
    else for (let i = 0; i < length; i++) this.current[i] = this.table.get(slot, first + i);
    return length;
  }

  /** Writes `built[start, length)` back: into its row when it fits, else to the side map. */
  private store(slot: number, id: number, count: number, first: number, start: number, length: number): void {
    const table = this.table;
    const key = spillKey(id, count);
    const steps = (length - start) / 2;
    if (steps > STEPS) {
      this.spilled.set(key, this.built.slice(start, length));
      table.set(slot, count, SPILLED);
      return;
    }
    for (let i = start; i < length; i++) table.set(slot, first + i - start, this.built[i]);
    table.set(slot, count, steps);
    if (this.spilled.size > 0) this.spilled.delete(key);
  }
}

/** A spilled staircase's version at `time` (0 before its first step). */
function stepAt(stairs: Float64Array, time: number): number {
  for (let i = stairs.length - 2; i >= 0; i -= 2) if (stairs[i] <= time) return stairs[i + 1];
  return 0;
}

/** Where a staircase of `length` numbers starts once the steps no question about `time` or later can reach are forgotten (all but the last one at or before it). */
function forgottenBefore(stairs: Float64Array, length: number, time: number): number {
  let last = 0;
  for (let i = 0; i < length && stairs[i] <= time; i += 2) last = i;
  return last;
}
