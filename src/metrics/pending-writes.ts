import { grownFloat64, grownInt32 } from '../util/typed-arrays.js';

/** No entry (an empty list, the end of one). */
export const NONE = -1;

/**
 * The unsettled writes: one list per key, oldest (lowest version) first, linked both ways
 * through typed arrays (a write costs no object), with freed entries reused. A key's pending
 * writes are consecutive versions (commits push, settling shifts).
 */
export class PendingWrites {
  version = new Int32Array(64) as Int32Array<ArrayBuffer>;
  committed = new Float64Array(64) as Float64Array<ArrayBuffer>;
  /**
   * Per region, the end of the latest entry older than the write seen to end there after its
   * commit: write w's region r at `w · regions + r`. Complete for the key's oldest write only:
   * an end is marked on the oldest write it concerns and stands for every newer one, which
   * takes it over when that write is shifted (marking them all, over a long replication pause
   * with thousands pending, made each entry's end cost them all).
   */
  olderServedUntil: Float64Array<ArrayBuffer>;
  /** The key's next (newer) pending write, or the next free entry. */
  next = new Int32Array(64) as Int32Array<ArrayBuffer>;
  /** The key's previous (older) pending write. */
  previous = new Int32Array(64) as Int32Array<ArrayBuffer>;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  private free = NONE;
  private used = 0;

  constructor(
    keys: number,
    private readonly regions: number,
  ) {
    this.olderServedUntil = new Float64Array(64 * regions);
    this.head = new Int32Array(keys).fill(NONE);
    this.tail = new Int32Array(keys).fill(NONE);
  }

  push(key: number, version: number, time: number): void {
    const entry = this.free !== NONE ? this.free : this.used++;
    if (entry === this.free) this.free = this.next[entry];
    else if (entry >= this.version.length) this.grow();
    this.version[entry] = version;
    this.committed[entry] = time;
    this.olderServedUntil.fill(time, entry * this.regions, (entry + 1) * this.regions);
    this.next[entry] = NONE;
    this.previous[entry] = this.tail[key];
    if (this.tail[key] === NONE) this.head[key] = entry;
    else this.next[this.tail[key]] = entry;
    this.tail[key] = entry;
  }

  /** An entry in `region` older than `write` (and so than every newer pending write of its key) ended at `time`. */
  markEnded(write: number, region: number, time: number): void {
    const cell = write * this.regions + region;
    if (time > this.olderServedUntil[cell]) this.olderServedUntil[cell] = time;
  }

  /** Drop the key's oldest pending write; the next takes over its marks. */
  shift(key: number): void {
    const entry = this.head[key];
    this.head[key] = this.next[entry];
    if (this.head[key] === NONE) this.tail[key] = NONE;
    else {
      const next = this.head[key];
      this.previous[next] = NONE;
      for (let r = 0; r < this.regions; r++) this.markEnded(next, r, this.olderServedUntil[entry * this.regions + r]);
    }
    this.next[entry] = this.free;
    this.free = entry;
  }

  private grow(): void {
    const size = this.version.length * 2;
    this.version = grownInt32(this.version, size);
    this.committed = grownFloat64(this.committed, size);
    this.olderServedUntil = grownFloat64(this.olderServedUntil, size * this.regions);
    this.next = grownInt32(this.next, size);
    this.previous = grownInt32(this.previous, size);
  }
}
