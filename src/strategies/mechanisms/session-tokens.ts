/**
 * Session tokens: each session carries, per key, the highest version it has written (and had
 * acknowledged) or read. A value below the token is not returned to that session, which is
 * exactly what read-your-writes and monotonic reads ask for. Client-side state: one number
 * per (session, key) pair the session touched — fewer where the simulation can tell that no
 * copy the session could be served from is older than the token any more (then the token
 * refuses nothing ever again, and is forgotten when the table fills), so memory follows the
 * pairs at risk, not every pair ever read.
 */
import { PairTable } from '../../util/pair-table.js';

/** The oldest version of `key` a read by `session` could still be served from now on. */
export type ServedAtLeast = (session: number, key: number) => number;

export class SessionTokens {
  private readonly table: PairTable;

  constructor(
    private readonly keys: number,
    servedAtLeast: ServedAtLeast = () => -Infinity,
  ) {
    this.table = new PairTable(1, (id, row, at) => {
      const session = Math.floor(id / keys);
      return row[at] > servedAtLeast(session, id - session * keys);
    });
  }

  token(session: number, key: number): number {
    const slot = this.table.find(session * this.keys + key);
    return slot < 0 ? 0 : this.table.get(slot, 0);
  }

  /** The session saw (wrote or read) `version` of `key`. */
  saw(session: number, key: number, version: number): void {
    const slot = this.table.slot(session * this.keys + key);
    if (version > this.table.get(slot, 0)) this.table.set(slot, 0, version);
  }
}
