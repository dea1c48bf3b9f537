/**
 * Remote markers (memcache at Facebook, §5 of "Scaling Memcache"): a write issued outside the
 * primary region first marks the key in its own region. While the mark is there, the
 * region's copies are suspect — its replica has not caught up with the write yet — so its
 * reads of the key go to the primary and fill nothing. The mark goes when the region's change
 * stream shows the write applied by the local replica (with the delete of the cached key).
 * A refill whose read began before the key was last marked raced that write, as a fill after a
 * delete does under leases: it is refused, or it would store the value the write replaced.
 * One count, one version and one time per (region, key): bounded by the key space.
 */
export class RemoteMarkers {
  /** Writes from the region not yet committed, per (region, key). */
  private readonly uncommitted: Int32Array;
  /** Newest committed version written from the region that its replica has not shown yet (0: none). */
  private readonly awaited: Int32Array;
  /** When the region last marked the key (-∞: never). */
  private readonly markedAt: Float64Array;

  constructor(
    private readonly keys: number,
    regions: number,
    private readonly primary: number,
  ) {
    this.uncommitted = new Int32Array(regions * keys);
    this.awaited = new Int32Array(regions * keys);
    this.markedAt = new Float64Array(regions * keys).fill(-Infinity);
  }

  /** A write of `key` leaves `region`; true when it marked the key (outside the primary region). */
  writeIssued(region: number, key: number, now: number): boolean {
    if (region === this.primary) return false;
    const cell = region * this.keys + key;
    this.uncommitted[cell]++;
    this.markedAt[cell] = now;
    return true;
  }

  /** Whether a refill of `key` in `region` for a read issued at `issued` raced a write from the region (the key was marked since). */
  racedAMark(region: number, key: number, issued: number): boolean {
    return this.markedAt[region * this.keys + key] >= issued;
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
