/**
 * What each session has seen of each key, for the read-your-writes and monotonic-read
 * checkers. Entries exist only for (session, key) pairs a session touched, so memory is
 * bounded by sessions × keys, never by the number of reads.
 */
import { PairTable } from './pair-table.js';

const enum Ack {
  /** Version acknowledged before the last acknowledgement. */
  Previous,
  Last,
  LastTime,
}

export class SessionLedger {
  private readonly highestRead = new PairTable(1);
  private readonly acks = new PairTable(3);

  constructor(private readonly keys: number) {}

  recordAck(session: number, key: number, version: number, time: number): void {
    const slot = this.acks.slot(session * this.keys + key);
    const last = this.acks.get(slot, Ack.Last);
    if (version <= last) return;
    this.acks.set(slot, Ack.Previous, last);
    this.acks.set(slot, Ack.Last, version);
    this.acks.set(slot, Ack.LastTime, time);
  }

  /** Highest version of `key` the session had written and had acknowledged by `time`. */
  ackedBy(session: number, key: number, time: number): number {
    const slot = this.acks.find(session * this.keys + key);
    if (slot < 0) return 0;
    return this.acks.get(slot, Ack.LastTime) <= time ? this.acks.get(slot, Ack.Last) : this.acks.get(slot, Ack.Previous);
  }

  /** Records a read's version; returns the highest version the session had read of `key` before it. */
  recordRead(session: number, key: number, version: number): number {
    const slot = this.highestRead.slot(session * this.keys + key);
    const before = this.highestRead.get(slot, 0);
    if (version > before) this.highestRead.set(slot, 0, version);
    return before;
  }
}
