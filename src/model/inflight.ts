/**
 * Reads that are not answered at once (cache misses, lease waits), as a pool of slots in
 * typed arrays, so a miss costs no allocation. A slot's index travels in events; `release`
 * recycles it.
 *
 * The clients' reads also queue in the order they were issued (the engine's clock only moves
 * forward), so the oldest still unanswered is found at the front once the answered ones before
 * it are dropped: the session checkers ask on every busy session's read, and a scan of the
 * pool each time cost reads × reads in flight.
 */
import { grownFloat64, grownInt32 } from '../util/typed-arrays.js';

const INITIAL = 64;

export class InflightReads {
  region = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  session = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  key = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** Read number (addresses its random draws). */
  index = new Float64Array(INITIAL) as Float64Array<ArrayBuffer>;
  issued = new Float64Array(INITIAL) as Float64Array<ArrayBuffer>;
  /** Region whose database copy the read is asking. */
  source = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** Region relaying the request when the source cannot be reached directly, or -1. */
  relay = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** Version read from the database (set when the read reaches it). */
  version = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** When the database was read. */
  readAt = new Float64Array(INITIAL) as Float64Array<ArrayBuffer>;
  /** Next hop number (addresses the read's latency draws). */
  hop = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** Lease token carried to the fill (leases only). */
  lease = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** Lease refusals or replica polls so far. */
  attempts = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** When the read started waiting for a replica to catch up. */
  waitingSince = new Float64Array(INITIAL) as Float64Array<ArrayBuffer>;
  /** 1 when the value may be returned however old (an unreachable primary, serve-stale). */
  anyVersion = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** 1 when the value read must not be stored in the cache (no cache at all, or a remote marker). */
  skipFill = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  /** 1 for a background refresh (stale-while-revalidate): no client waits for it. */
  background = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  private free: number[] = [];
  private used = 0;
  /** Clients' reads in the order issued, as (slot, issued): a ring from `front` of `queued` entries, some answered since. */
  private queueSlot = new Int32Array(INITIAL) as Int32Array<ArrayBuffer>;
  private queueIssued = new Float64Array(INITIAL) as Float64Array<ArrayBuffer>;
  private front = 0;
  private queued = 0;
  /** Clients' reads in flight (the queue's live entries). */
  private waiting = 0;

  /** A slot for a read issued at `issued` (now, unless `background`: a refresh no client waits for, which may start later). */
  acquire(region: number, session: number, key: number, index: number, issued: number, firstHop: number, background = false): number {
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.used++;
    if (slot >= this.region.length) this.grow();
    this.region[slot] = region;
    this.session[slot] = session;
    this.key[slot] = key;
    this.index[slot] = index;
    this.issued[slot] = issued;
    this.source[slot] = region;
    this.relay[slot] = -1;
    this.version[slot] = -1;
    this.hop[slot] = firstHop;
    this.lease[slot] = 0;
    this.attempts[slot] = 0;
    this.waitingSince[slot] = -1;
    this.anyVersion[slot] = 0;
    this.skipFill[slot] = 0;
    this.background[slot] = background ? 1 : 0;
    if (!background) this.enqueue(slot, issued);
    return slot;
  }

  release(slot: number): void {
    if (this.background[slot] === 0) this.waiting--;
    // A free slot is issued at +∞: its queue entries are answered ones.
    this.issued[slot] = Infinity;
    this.free.push(slot);
  }

  /** When the oldest client's read still in flight was issued (+∞ when none is). */
  oldestIssued(): number {
    this.dropAnswered();
    return this.queued === 0 ? Infinity : this.queueIssued[this.front];
  }

  private enqueue(slot: number, issued: number): void {
    this.waiting++;
    this.dropAnswered();
    // Answered reads pile up behind a long wait at the front: keep them to a fraction.
    if (this.queued >= this.queueSlot.length) this.compactQueue();
    const at = (this.front + this.queued++) & (this.queueSlot.length - 1);
    this.queueSlot[at] = slot;
    this.queueIssued[at] = issued;
  }

  /**
   * Drop the answered reads at the front. An entry whose slot was released and taken again by a
   * read issued at the same instant passes for live: its time is then a live read's all the same.
   */
  private dropAnswered(): void {
    const mask = this.queueSlot.length - 1;
    while (this.queued > 0 && this.issued[this.queueSlot[this.front]] !== this.queueIssued[this.front]) {
      this.front = (this.front + 1) & mask;
      this.queued--;
    }
  }

  /** Keep the live entries, in order, in a ring of at least twice as many (a power of two). */
  private compactQueue(): void {
    const mask = this.queueSlot.length - 1;
    const live = (i: number) => this.issued[this.queueSlot[(this.front + i) & mask]] === this.queueIssued[(this.front + i) & mask];
    let kept = 0;
    for (let i = 0; i < this.queued; i++) if (live(i)) kept++;
    let size = INITIAL;
    while (size < 2 * kept) size *= 2;
    const slots = new Int32Array(size);
    const times = new Float64Array(size);
    kept = 0;
    for (let i = 0; i < this.queued; i++) {
      if (!live(i)) continue;
      slots[kept] = this.queueSlot[(this.front + i) & mask];
      times[kept++] = this.queueIssued[(this.front + i) & mask];
    }
    this.queueSlot = slots;
    this.queueIssued = times;
    this.front = 0;
    this.queued = kept;
  }

  private grow(): void {
    const size = this.region.length * 2;
    this.region = grownInt32(this.region, size);
    this.session = grownInt32(this.session, size);
    this.key = grownInt32(this.key, size);
    this.index = grownFloat64(this.index, size);
    this.issued = grownFloat64(this.issued, size);
    this.source = grownInt32(this.source, size);
    this.relay = grownInt32(this.relay, size);
    this.version = grownInt32(this.version, size);
    this.readAt = grownFloat64(this.readAt, size);
    this.hop = grownInt32(this.hop, size);
    this.lease = grownInt32(this.lease, size);
    this.attempts = grownInt32(this.attempts, size);
    this.waitingSince = grownFloat64(this.waitingSince, size);
    this.anyVersion = grownInt32(this.anyVersion, size);
    this.skipFill = grownInt32(this.skipFill, size);
    this.background = grownInt32(this.background, size);
  }
}
