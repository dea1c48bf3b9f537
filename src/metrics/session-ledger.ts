/**
 * What each session has seen of each key, for the read-your-writes and monotonic-read
 * checkers: one row per (session, key) pair with the highest version the session read and
 * its last two acknowledged writes. A row is dropped once it can no longer matter — when
 * every copy a read in the session's region could be served from (its cache entry, its
 * replica, values on their way to a cache) is at least as new as anything in the row — so
 * memory follows the pairs at risk, not the number of reads.
 */
import { PairTable } from './pair-table.js';

const enum Column {
  HighestRead,
  /** Version acknowledged before the last acknowledgement. */
  PreviousAck,
  LastAck,
  LastAckTime,
}

/** The oldest version a read of `key` in `region` could still return from now on. */
export type ServableFloor = (region: number, key: number) => number;

export class SessionLedger {
  private readonly table: PairTable;
  /** Region of each session (sessions live in one region), -1 until seen. */
  private readonly regionOf: Int32Array;

  constructor(
    sessions: number,
    private readonly keys: number,
    floor: ServableFloor,
  ) {
    this.regionOf = new Int32Array(sessions).fill(-1);
    this.table = new PairTable(4, (id, row, at) => {
      const session = Math.floor(id / keys);
      const region = this.regionOf[session];
      if (region < 0) return true;
      const newest = Math.max(row[at + Column.HighestRead], row[at + Column.LastAck]);
      return newest > floor(region, id - session * keys);
    });
  }

  recordAck(session: number, key: number, version: number, time: number): void {
    const table = this.table;
    const slot = table.slot(session * this.keys + key);
    const last = table.get(slot, Column.LastAck);
    if (version <= last) return;
    table.set(slot, Column.PreviousAck, last);
    table.set(slot, Column.LastAck, version);
    table.set(slot, Column.LastAckTime, time);
  }

  /**
   * Records a read of `version` issued at `issued` in `region`, when `latest` is the newest
   * version of `key` committed and `floor` the region's servable floor of it. Returns, in `out`, the highest version of `key` the session had
   * written and had acknowledged by then, and the highest it had read before.
   */
  recordRead(
    region: number,
    session: number,
    key: number,
    version: number,
    issued: number,
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
    const table = this.table;
    const id = session * this.keys + key;
    let slot = table.find(id);
    if (slot < 0) {
      // A row would only be dropped again unless this read could be contradicted later.
      if (version <= floor) return;
      slot = table.slot(id);
    }
    out.acked = table.get(slot, Column.LastAckTime) <= issued ? table.get(slot, Column.LastAck) : table.get(slot, Column.PreviousAck);
    out.readBefore = table.get(slot, Column.HighestRead);
    if (version > out.readBefore) table.set(slot, Column.HighestRead, version);
  }
}
