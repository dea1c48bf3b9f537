/**
 * Session tokens: each session carries, per key, the highest version it has written (and had
 * acknowledged) or read. A value below the token is not returned to that session, which is
 * exactly what read-your-writes and monotonic reads ask for. Client-side state: one number
 * per (session, key) pair the session touched.
 */
import { PairTable } from '../../util/pair-table.js';

export class SessionTokens {
  private readonly table = new PairTable(1);

  constructor(private readonly keys: number) {}

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
