/**
 * How the caches of a run are numbered (observations name caches by number): each region's
 * regional cache has its region's number; the L1s of region r's app servers come after all
 * of them, server by server (regions + r·hosts + h).
 */
export class CacheLayout {
  constructor(
    readonly regions: number,
    /** L1s per region (app servers), 0 without L1s. */
    readonly l1Hosts: number,
  ) {}

  l1(region: number, host: number): number {
    return this.regions + region * this.l1Hosts + host;
  }

  /** The region a cache is in. */
  regionOf(cache: number): number {
    return cache < this.regions ? cache : Math.floor((cache - this.regions) / this.l1Hosts);
  }
}
