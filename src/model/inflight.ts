/**
 * Reads that are not answered at once (cache misses, lease waits), as a pool of slots in
 * typed arrays, so a miss costs no allocation. A slot's index travels in events; `release`
 * recycles it.
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

  acquire(region: number, session: number, key: number, index: number, issued: number, firstHop: number): number {
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
    this.background[slot] = 0;
    return slot;
  }

  release(slot: number): void {
    // A free slot is issued at +∞: it never counts as the oldest read in flight.
    this.issued[slot] = Infinity;
    this.free.push(slot);
  }

  /** When the oldest read still in flight was issued (+∞ when none is). */
  oldestIssued(): number {
    let oldest = Infinity;
    for (let slot = 0; slot < this.used; slot++) if (this.issued[slot] < oldest) oldest = this.issued[slot];
    return oldest;
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
