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
 */

/** The oldest version a read of `key` in `region` could still return from now on. */
export type ServableFloor = (region: number, key: number) => number;

/** Flat `[time, version, time, version, …]`, both strictly rising. */
type Staircase = number[];

interface Row {
  session: number;
  key: number;
  acked: Staircase;
  returned: Staircase;
}

/** Steps a staircase holds before it forgets those no unanswered read can ask about. */
const STEPS_BEFORE_FORGETTING = 4;

export class SessionLedger {
  private readonly rows = new Map<number, Row>();
  /** Region of each session (sessions live in one region), -1 until seen. */
  private readonly regionOf: Int32Array;
  /** Rows held when the next sweep for rows no longer needed is due. */
  private sweepAt = 1024;

  constructor(
    sessions: number,
    private readonly keys: number,
    private readonly floor: ServableFloor,
    /** When the oldest read not yet recorded was issued (no later record asks about earlier times); -∞ keeps every step. */
    private readonly oldestUnanswered: () => number = () => -Infinity,
  ) {
    this.regionOf = new Int32Array(sessions).fill(-1);
  }

  recordAck(session: number, key: number, version: number, time: number): void {
    this.step(this.row(session, key).acked, time, version);
  }

  /**
   * Records a read of `version` issued at `issued` and answered at `answered`, in `region`,
   * when `latest` is the newest version of `key` committed and `floor` the region's servable
   * floor of it. Returns, in `out`, the highest version of `key` the session had had
   * acknowledged by `issued`, and the highest its reads answered by then had returned.
   */
  recordRead(
    region: number,
    session: number,
    key: number,
    version: number,
    issued: number,
    answered: number,
    latest: number,
    floor: number,
    out: { acked: number; readBefore: number },
  ): void {
    this.regionOf[session] = region;
    out.acked = 0;
    out.readBefore = 0;
    // The common case, without a lookup: the newest version, which every copy in the region
    // already holds. Nothing the session saw can be newer, and nothing later can be older.
    if (version >= latest && version <= floor) return;
    let row = this.rows.get(session * this.keys + key);
    if (row === undefined) {
      // A row would only be dropped again unless this read could be contradicted later.
      if (version <= floor) return;
      row = this.row(session, key);
    }
    out.acked = versionAt(row.acked, issued);
    out.readBefore = versionAt(row.returned, issued);
    this.step(row.returned, answered, version);
  }

  private row(session: number, key: number): Row {
    const id = session * this.keys + key;
    let row = this.rows.get(id);
    if (row === undefined) {
      if (this.rows.size >= this.sweepAt) this.sweep();
      row = { session, key, acked: [], returned: [] };
      this.rows.set(id, row);
    }
    return row;
  }

  /** From `time` on, the staircase's version is at least `version`. */
  private step(stairs: Staircase, time: number, version: number): void {
    if (versionAt(stairs, time) >= version) return;
    let at = stairs.length;
    while (at > 0 && stairs[at - 2] > time) at -= 2;
    // A step at the same time is replaced; the later steps it covers go.
    const from = at > 0 && stairs[at - 2] === time ? at - 2 : at;
    let to = at;
    while (to < stairs.length && stairs[to + 1] <= version) to += 2;
    stairs.splice(from, to - from, time, version);
    if (stairs.length > 2 * STEPS_BEFORE_FORGETTING) forgetBefore(stairs, this.oldestUnanswered());
  }

  /** Drop the rows no future read can be judged against; sweep again when the table has doubled. */
  private sweep(): void {
    for (const [id, row] of this.rows) {
      const region = this.regionOf[row.session];
      if (region < 0) continue;
      const newest = Math.max(row.acked.at(-1) ?? 0, row.returned.at(-1) ?? 0);
      if (newest <= this.floor(region, row.key)) this.rows.delete(id);
    }
    this.sweepAt = Math.max(1024, 2 * this.rows.size);
  }
}

/** The staircase's version at `time` (0 before its first step). */
function versionAt(stairs: Staircase, time: number): number {
  for (let i = stairs.length - 2; i >= 0; i -= 2) if (stairs[i] <= time) return stairs[i + 1];
  return 0;
}

/** Forget the steps that no question about `time` or later can reach (all but the last one at or before it). */
function forgetBefore(stairs: Staircase, time: number): void {
  let last = -2;
  for (let i = 0; i < stairs.length && stairs[i] <= time; i += 2) last = i;
  if (last > 0) stairs.splice(0, last);
}
