/**
 * How the caches of a run are numbered (observations name caches by number): each region's
 * regional cache has its region's number; the L1s of region r's app servers come after all
 * of them, server by server (regions + r·hosts + h).
 */
/** An L1 that holds at most this fraction of the key space keeps its entries in a map (BoundedCache), not arrays over every key. */
const SPARSE_BELOW = 8;

/** Whether an L1 of `capacity` entries over `keys` keys is kept sparse (memory per entry it can hold, not per key). */
export function l1IsSparse(capacity: number, keys: number): boolean {
  return capacity * SPARSE_BELOW <= keys;
}

export class CacheLayout {
  constructor(
    readonly regions: number,
    /** L1s per region (app servers), 0 without L1s. */
    readonly l1Hosts: number,
  ) {}

  l1(region: number, host: number): number {
    return this.regions + region * this.l1Hosts + host;
  }

  isL1(cache: number): boolean {
    return cache >= this.regions;
  }

  /** The region a cache is in. */
  regionOf(cache: number): number {
    return this.isL1(cache) ? Math.floor((cache - this.regions) / this.l1Hosts) : cache;
  }

  /** The app server an L1 belongs to, within its region. */
  hostOf(l1: number): number {
    return (l1 - this.regions) % this.l1Hosts;
  }
}
