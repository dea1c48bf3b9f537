/**
 * Reads waiting on the database (cache misses), as a pool of slots in typed arrays, so a
 * miss costs no allocation. A slot's index travels in events; `release` recycles it.
 */
import { grownFloat64, grownInt32 } from '../util/typed-arrays.js';

export class InflightReads {
  region = new Int32Array(64) as Int32Array<ArrayBuffer>;
  session = new Int32Array(64) as Int32Array<ArrayBuffer>;
  key = new Int32Array(64) as Int32Array<ArrayBuffer>;
  /** Read number (addresses its random draws). */
  index = new Float64Array(64) as Float64Array<ArrayBuffer>;
  issued = new Float64Array(64) as Float64Array<ArrayBuffer>;
  /** Region whose database copy the miss reads. */
  source = new Int32Array(64) as Int32Array<ArrayBuffer>;
  /** Version read from the database (set when the read reaches it). */
  version = new Int32Array(64) as Int32Array<ArrayBuffer>;
  private free: number[] = [];
  private used = 0;

  acquire(region: number, session: number, key: number, index: number, issued: number, source: number): number {
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.used++;
    if (slot >= this.region.length) this.grow();
    this.region[slot] = region;
    this.session[slot] = session;
    this.key[slot] = key;
    this.index[slot] = index;
    this.issued[slot] = issued;
    this.source[slot] = source;
    this.version[slot] = -1;
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  private grow(): void {
    const size = this.region.length * 2;
    this.region = grownInt32(this.region, size);
    this.session = grownInt32(this.session, size);
    this.key = grownInt32(this.key, size);
    this.index = grownFloat64(this.index, size);
    this.issued = grownFloat64(this.issued, size);
    this.source = grownInt32(this.source, size);
    this.version = grownInt32(this.version, size);
  }
}
