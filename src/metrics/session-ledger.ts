/**
 * What each session has seen of each key, for the read-your-writes and monotonic-read
 * checkers. Entries exist only for (session, key) pairs a session touched, so memory is
 * bounded by sessions × keys, never by the number of reads.
 */
export class SessionLedger {
  private readonly highestRead = new Map<number, number>();
  /** Per pair: [version acknowledged before the last ack, last acknowledged version, time of the last ack]. */
  private readonly acks = new Map<number, [number, number, number]>();

  constructor(private readonly keys: number) {}

  private pair(session: number, key: number): number {
    return session * this.keys + key;
  }

  recordAck(session: number, key: number, version: number, time: number): void {
    const id = this.pair(session, key);
    const ack = this.acks.get(id);
    if (!ack) this.acks.set(id, [0, version, time]);
    else if (version > ack[1]) {
      ack[0] = ack[1];
      ack[1] = version;
      ack[2] = time;
    }
  }

  /** Highest version of `key` the session had written and had acknowledged by `time`. */
  ackedBy(session: number, key: number, time: number): number {
    const ack = this.acks.get(this.pair(session, key));
    if (!ack) return 0;
    return ack[2] <= time ? ack[1] : ack[0];
  }

  /** Records a read's version; returns the highest version the session had read of `key` before it. */
  recordRead(session: number, key: number, version: number): number {
    const id = this.pair(session, key);
    const before = this.highestRead.get(id) ?? 0;
    if (version > before) this.highestRead.set(id, version);
    return before;
  }
}
