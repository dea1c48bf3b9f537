import type { CacheLayout } from '../model/cache-layout.js';

const NONE = -1;

/**
 * Per region and key, the oldest version any of the region's L1s holds (and how many hold
 * it), kept up to date as copies come and go: reads and settling ask it instead of scanning
 * every app server's L1. Only when the last copy at the minimum goes are the L1s scanned.
 */
export class OldestL1Copy {
  /** Per (region, key): the oldest version held by an L1 of the region, or -1. */
  readonly min: Int32Array;
  private readonly holders: Int32Array;

  constructor(
    private readonly layout: CacheLayout,
    private readonly keys: number,
    /** What each L1 holds, by `cache · keys + key` (already updated when these are called). */
    private readonly held: ReadonlyMap<number, number>,
  ) {
    this.min = new Int32Array(layout.regions * keys).fill(NONE);
    this.holders = new Int32Array(layout.regions * keys);
  }

  added(region: number, key: number, version: number): void {
    const cell = region * this.keys + key;
    if (this.min[cell] === NONE || version < this.min[cell]) {
      this.min[cell] = version;
      this.holders[cell] = 1;
    } else if (version === this.min[cell]) {
      this.holders[cell]++;
    }
  }

  removed(region: number, key: number, version: number): void {
    const cell = region * this.keys + key;
    if (version !== this.min[cell] || --this.holders[cell] > 0) return;
    this.min[cell] = NONE;
    const first = this.layout.l1(region, 0);
    for (let h = 0; h < this.layout.l1Hosts; h++) {
      const held = this.held.get((first + h) * this.keys + key);
      if (held !== undefined) this.added(region, key, held);
    }
  }
}
