/**
 * Remote markers (memcache at Facebook, §5 of "Scaling Memcache"): a write issued outside the
 * primary region first marks the key in its own region. While the mark is there, the
 * region's copies are suspect — its replica has not caught up with the write yet — so its
 * reads of the key go to the primary and fill nothing. The mark goes when the region's change
 * stream shows the write applied by the local replica (with the delete of the cached key).
 * One count and one version per (region, key): bounded by the key space.
 */
export class RemoteMarkers {
  /** Writes from the region not yet committed, per (region, key). */
  private readonly uncommitted: Int32Array;
  /** Newest committed version written from the region that its replica has not shown yet (0: none). */
  private readonly awaited: Int32Array;

  constructor(
    private readonly keys: number,
    regions: number,
    private readonly primary: number,
  ) {
    this.uncommitted = new Int32Array(regions * keys);
    this.awaited = new Int32Array(regions * keys);
  }

  /** A write of `key` leaves `region`; true when it marked the key (outside the primary region). */
  writeIssued(region: number, key: number): boolean {
    if (region === this.primary) return false;
    this.uncommitted[region * this.keys + key]++;
    return true;
  }

  /** A write from `region` committed as `version`. */
  committed(region: number, key: number, version: number): void {
    if (region === this.primary) return;
    const cell = region * this.keys + key;
    this.uncommitted[cell]--;
    if (version > this.awaited[cell]) this.awaited[cell] = version;
  }

  /** The region's change stream shows `version` applied by its replica. */
  applied(region: number, key: number, version: number): void {
    const cell = region * this.keys + key;
    if (version >= this.awaited[cell]) this.awaited[cell] = 0;
  }

  marked(region: number, key: number): boolean {
    const cell = region * this.keys + key;
    return this.uncommitted[cell] > 0 || this.awaited[cell] > 0;
  }
}
