/**
 * Per region and key, the newest version stamp the cache has heard of (from invalidations).
 * A value older than the floor is known to be stale: the cache refuses to store it, and the
 * read that fetched it from a replica goes on to the primary. One number per (region, key):
 * bounded by the key space, whatever the run length. The floor is kept by the invalidation
 * consumer beside the cache, so it survives a cache restart.
 */
export class VersionFloor {
  private readonly floors: Float64Array;

  constructor(private readonly keys: number, regions: number) {
    this.floors = new Float64Array(regions * keys).fill(-Infinity);
  }

  heard(region: number, key: number, stamp: number): void {
    const cell = region * this.keys + key;
    if (stamp > this.floors[cell]) this.floors[cell] = stamp;
  }

  /** True when `stamp` is at least the newest the region has heard of for `key`. */
  admits(region: number, key: number, stamp: number): boolean {
    return stamp >= this.floors[region * this.keys + key];
  }
}
