/**
 * What each session has seen of each key, for the read-your-writes and monotonic-read
 * checkers. Memory is bounded by sessions × keys, never by the number of reads.
 *
 * Every read needs both answers, so the common case must be cheap: the highest version read
 * is a dense array when sessions × keys is moderate (else a hash table), and acknowledged
 * writes — far fewer pairs — sit in a hash table behind a dense bitmap that says whether a
 * pair was ever written, so most reads never probe it.
 */
import { PairTable } from './pair-table.js';

/** Up to this many (session, key) cells the dense layout is used (256 MiB of Int32 at most, touched lazily). */
const DENSE_CELLS_MAX = 1 << 26;

const enum Ack {
  /** Version acknowledged before the last acknowledgement. */
  Previous,
  Last,
  LastTime,
}

export class SessionLedger {
  private readonly denseRead: Int32Array | null;
  private readonly sparseRead: PairTable | null;
  private readonly written: Uint8Array | null;
  private readonly acks = new PairTable(3);

  constructor(
    sessions: number,
    private readonly keys: number,
  ) {
    const cells = sessions * keys;
    const dense = cells <= DENSE_CELLS_MAX;
    this.denseRead = dense ? new Int32Array(cells) : null;
    this.sparseRead = dense ? null : new PairTable(1);
    this.written = dense ? new Uint8Array((cells >> 3) + 1) : null;
  }

  recordAck(session: number, key: number, version: number, time: number): void {
    const pair = session * this.keys + key;
    if (this.written) this.written[pair >> 3] |= 1 << (pair & 7);
    const slot = this.acks.slot(pair);
    const last = this.acks.get(slot, Ack.Last);
    if (version <= last) return;
    this.acks.set(slot, Ack.Previous, last);
    this.acks.set(slot, Ack.Last, version);
    this.acks.set(slot, Ack.LastTime, time);
  }

  /** Highest version of `key` the session had written and had acknowledged by `time`. */
  ackedBy(session: number, key: number, time: number): number {
    const pair = session * this.keys + key;
    if (this.written && (this.written[pair >> 3] & (1 << (pair & 7))) === 0) return 0;
    const slot = this.acks.find(pair);
    if (slot < 0) return 0;
    return this.acks.get(slot, Ack.LastTime) <= time ? this.acks.get(slot, Ack.Last) : this.acks.get(slot, Ack.Previous);
  }

  /** Records a read's version; returns the highest version the session had read of `key` before it. */
  recordRead(session: number, key: number, version: number): number {
    const pair = session * this.keys + key;
    if (this.denseRead) {
      const before = this.denseRead[pair];
      if (version > before) this.denseRead[pair] = version;
      return before;
    }
    const table = this.sparseRead as PairTable;
    const slot = table.slot(pair);
    const before = table.get(slot, 0);
    if (version > before) table.set(slot, 0, version);
    return before;
  }
}
