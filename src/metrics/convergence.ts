/**
 * Convergence of each write (SPEC §4): the time from its commit until no region's cache can
 * serve an older version of the key; and, per region, until that region's caches (regional
 * and L1s) cannot.
 *
 * The measured value is the end of the last servable cache entry older than the write, after
 * its commit (0 if there was none): in a region, the last such entry there; over all regions,
 * the latest of those. A write is settled — its values can no longer grow — once no cache
 * holds an older entry, no older database read is on its way to a cache, and every replica
 * has applied it. Writes still unsettled when everything in flight has landed are settled then
 * where no older entry is left (expired ones were swept first), else counted as unconverged
 * (there, and over all regions) and measured until the end: the least they took.
 *
 * Caches drop an expired entry only when they next look at it, which may be never: the
 * checker ends it itself once it can no longer be served (each store says when), at that
 * instant, as the cache will report it, so that an entry nobody reads again does not keep
 * writes unsettled and copies pinned (and with them what the checkers forget) for ever.
 *
 * The measurement stops at the scenario's end, as every other metric does: a write that an
 * older entry still contradicted then is unconverged, even if the drain after the end (the
 * reads, fills and messages still in flight) removed that entry; every strategy is judged at
 * the same instant.
 */
import type { CacheLayout } from '../model/cache-layout.js';
import { Histogram } from './histogram.js';
import { DeadlineQueue } from '../util/deadline-queue.js';
import { VersionsOnTheirWay } from '../util/versions-on-their-way.js';
import { NONE, PendingWrites } from './pending-writes.js';

/**
 * How long after an entry's last servable instant the checker ends it (ms of simulated time):
 * with drift, the clock at that instant can read a few units in the last place below the
 * expiry, so the cache could still serve it then. A nanosecond is thousands of those, and
 * acting a nanosecond later changes nothing (the entry ends at its own instant either way).
 */
const PAST_SERVABLE_MS = 1e-6;

export class ConvergenceTracker {
  readonly histogram = new Histogram();
  unconverged = 0;
  /** Per region: how long its caches could still serve an older version, and the writes they still could at the end. */
  readonly regionHistograms: Histogram[];
  readonly regionUnconverged: Int32Array;
  private readonly pending: PendingWrites;
  /** Version each region's cache holds per key, or -1. */
  private readonly cached: Int32Array;
  /** Until when (true time) each region's cache entry can be served: from then on it is over, looked at or not. */
  private readonly cachedUntil: Float64Array;
  /** Version each L1 holds, by `cache · keys + key` (a map: L1s are many and mostly small). */
  private readonly l1Held = new Map<number, number>();
  /** Until when each L1 entry can be served, by `cache · keys + key`. */
  private readonly l1Until = new Map<number, number>();
  /** The L1 entries by when they can no longer be served (too many to look each over; the regional ones are looked at by key). */
  private readonly l1Deadlines = new DeadlineQueue();
  /** The latest instant the run is known to have reached. */
  private now = Number.NEGATIVE_INFINITY;
  /** Version each region's replica shows per key (primary region: unused). */
  private readonly replicas: Int32Array;
  /** Values on their way to a cache (database reads to fill, L1 copies, update messages). */
  private readonly inflight: VersionsOnTheirWay;
  /**
   * The versions the L1s of each region hold, by `region · keys + key`: the oldest (at most
   * that old) without a look at every app server's L1, however many there are. Null without L1s.
   */
  private readonly l1Copies: VersionsOnTheirWay | null;

  constructor(
    private readonly layout: CacheLayout,
    private readonly keys: number,
    private readonly primary: number,
    /** Writes committed before it are tracked (they hold copies back) but not measured, as `writes` does not count them. */
    private readonly warmupMs: number,
    /** The scenario's end: an older entry servable after it leaves the write unconverged. */
    private readonly endMs: number,
  ) {
    this.cached = new Int32Array(layout.regions * keys).fill(NONE);
    this.cachedUntil = new Float64Array(layout.regions * keys);
    this.replicas = new Int32Array(layout.regions * keys);
    this.inflight = new VersionsOnTheirWay(keys);
    this.pending = new PendingWrites(keys, layout.regions);
    this.regionHistograms = Array.from({ length: layout.regions }, () => new Histogram());
    this.regionUnconverged = new Int32Array(layout.regions);
    this.l1Copies = layout.l1Hosts > 0 ? new VersionsOnTheirWay(layout.regions * keys) : null;
  }

  commit(key: number, version: number, time: number): void {
    this.advance(time);
    this.pending.push(key, version, time);
    this.settle(key);
  }

  replicaApply(region: number, key: number, version: number): void {
    const cell = region * this.keys + key;
    if (version > this.replicas[cell]) this.replicas[cell] = version;
    this.settle(key);
  }

  /** `cache` now holds `version` of `key`, servable until `servableUntil` at the latest. */
  stored(cache: number, key: number, version: number, servableUntil: number): void {
    if (!this.layout.isL1(cache)) {
      this.cached[cache * this.keys + key] = version;
      this.cachedUntil[cache * this.keys + key] = servableUntil;
      return;
    }
    const id = cache * this.keys + key;
    this.l1Held.set(id, version);
    this.l1Until.set(id, servableUntil);
    if (servableUntil !== Infinity) this.l1Deadlines.push(servableUntil, id, version);
    this.l1Copies?.add(this.layout.regionOf(cache) * this.keys + key, version);
  }

  /**
   * The run has reached `now`: every L1 entry that can no longer be served ends (a regional one
   * when the checkers next ask about its key). `now` must be an instant the run has reached.
   */
  advance(now: number): void {
    if (now <= this.now) return;
    this.now = now;
    const queue = this.l1Deadlines;
    while (queue.next() < now - PAST_SERVABLE_MS) {
      const until = queue.pop();
      const id = queue.poppedId;
      // Not replaced or ended since it was queued: the same version, with the same deadline.
      if (this.l1Held.get(id) !== queue.poppedVersion || this.l1Until.get(id) !== until) continue;
      const cache = Math.floor(id / this.keys);
      const key = id - cache * this.keys;
      this.ended(cache, key, queue.poppedVersion, until);
      this.settle(key);
    }
  }

  /** The version `region`'s cache holds of `key`, or -1. */
  cachedVersion(region: number, key: number): number {
    return this.cached[region * this.keys + key];
  }

  /** The cache reports an entry ended (one the checker ended already, as no longer servable, is not ended twice). */
  entryEnd(cache: number, key: number, version: number, time: number): void {
    const held = this.layout.isL1(cache) ? this.l1Held.has(cache * this.keys + key) : this.cached[cache * this.keys + key] !== NONE;
    if (!held) return;
    this.ended(cache, key, version, time);
    this.settle(key);
  }

  /** The entry of `version` in `cache` ended at `time`: the oldest pending write newer than it is marked. */
  private ended(cache: number, key: number, version: number, time: number): void {
    const region = this.layout.regionOf(cache);
    if (!this.layout.isL1(cache)) {
      this.cached[cache * this.keys + key] = NONE;
    } else {
      this.l1Held.delete(cache * this.keys + key);
      this.l1Until.delete(cache * this.keys + key);
      this.l1Copies?.remove(region * this.keys + key, version);
    }
    const pending = this.pending;
    const head = pending.head[key];
    if (head === NONE) return;
    // Mark the oldest write newer than the entry: it stands for the newer ones (see
    // PendingWrites). Entries that end are mostly older than every pending write (the head,
    // at once) or among the newest (a short walk from the tail).
    let first = head;
    if (version >= pending.version[head]) {
      first = NONE;
      for (let write = pending.tail[key]; write !== NONE && pending.version[write] > version; write = pending.previous[write]) first = write;
    }
    if (first !== NONE) pending.markEnded(first, region, time);
  }

  /**
   * Ends `region`'s entry of `key` if it can no longer be served (the cache drops it only when
   * next looked at): asked before a floor is relied on to forget (not on every read, where it
   * would only make the floor higher sooner).
   */
  endIfOver(region: number, key: number): void {
    this.endCellIfOver(region * this.keys + key);
  }

  private endCellIfOver(cell: number): void {
    if (this.cached[cell] === NONE || this.cachedUntil[cell] >= this.now - PAST_SERVABLE_MS) return;
    const region = Math.floor(cell / this.keys);
    this.ended(region, cell - region * this.keys, this.cached[cell], this.cachedUntil[cell]);
  }

  inFlight(key: number, version: number): void {
    this.inflight.add(key, version);
  }

  landed(key: number, version: number): void {
    this.inflight.remove(key, version);
    this.settle(key);
  }

  /**
   * The oldest version a read of `key` in `region` could still be served from now on: its
   * cache entry, its replica (the primary's latest in the primary region), or a value on its
   * way to a cache. Copies only move forward, except by such in-flight values, which count.
   */
  servableFloor(region: number, key: number, primaryVersion: number): number {
    let floor = region === this.primary ? primaryVersion : this.replicas[region * this.keys + key];
    const cell = region * this.keys + key;
    const cached = this.cached[cell];
    if (cached !== NONE && cached < floor) floor = cached;
    if (this.l1Copies) floor = Math.min(floor, this.l1Copies.oldest(cell));
    return Math.min(floor, this.inflight.oldest(key));
  }

  /** At the end of the run (after expired entries were swept): settle what can be, count the rest. */
  finish(): void {
    const pending = this.pending;
    const regions = this.layout.regions;
    const oldestHere = new Float64Array(regions);
    // Exactly, as the L1s' oldest (a lower bound while running) would count too many unconverged.
    const l1Oldest = this.exactL1Oldest();
    for (let key = 0; key < this.keys; key++) {
      if (pending.head[key] === NONE) continue;
      for (let r = 0; r < regions; r++) {
        const cell = r * this.keys + key;
        oldestHere[r] = Math.min(this.regionalHeld(cell), l1Oldest.get(cell) ?? Number.MAX_SAFE_INTEGER);
      }
      while (pending.head[key] !== NONE) {
        this.measure(pending.head[key], oldestHere);
        pending.shift(key);
      }
    }
  }

  private settle(key: number): void {
    const pending = this.pending;
    if (pending.head[key] === NONE) return;
    const floor = this.oldestCopy(key);
    while (pending.head[key] !== NONE && pending.version[pending.head[key]] <= floor) {
      this.measure(pending.head[key], null);
      pending.shift(key);
    }
  }

  /**
   * The oldest version of `key` any copy still holds — cache entries, replicas, values on
   * their way to a cache (MAX_SAFE_INTEGER when there is none): no read can return an older
   * one, so no write up to it can still be contradicted by a cache.
   */
  oldestCopy(key: number): number {
    for (let r = 0; r < this.layout.regions; r++) this.endCellIfOver(r * this.keys + key);
    let floor = Math.min(this.oldestCached(key), this.inflight.oldest(key));
    // Any replica may feed a cache (refills, serve-stale reads under partitions): settling
    // waits for all of them. Waiting longer never changes a write's value, only when it is final.
    for (let r = 0; r < this.layout.regions; r++) {
      if (r !== this.primary && this.replicas[r * this.keys + key] < floor) floor = this.replicas[r * this.keys + key];
    }
    return floor;
  }

  private oldestCached(key: number): number {
    let oldest = Number.MAX_SAFE_INTEGER;
    for (let r = 0; r < this.layout.regions; r++) oldest = Math.min(oldest, this.oldestCachedIn(r, key));
    return oldest;
  }

  /** The oldest version of `key` the caches of `region` hold (at most that old; MAX_SAFE_INTEGER when none). */
  private oldestCachedIn(region: number, key: number): number {
    const cell = region * this.keys + key;
    const regional = this.regionalHeld(cell);
    return this.l1Copies ? Math.min(regional, this.l1Copies.oldest(cell)) : regional;
  }

  /** The version the regional cache holds in `cell` (MAX_SAFE_INTEGER when none). */
  private regionalHeld(cell: number): number {
    return this.cached[cell] === NONE ? Number.MAX_SAFE_INTEGER : this.cached[cell];
  }

  /** The oldest version the L1s of each region hold, by `region · keys + key`, exactly (one pass over every L1 entry). */
  private exactL1Oldest(): Map<number, number> {
    const oldest = new Map<number, number>();
    for (const [id, version] of this.l1Held) {
      const cache = Math.floor(id / this.keys);
      const cell = this.layout.regionOf(cache) * this.keys + (id - cache * this.keys);
      const known = oldest.get(cell);
      if (known === undefined || version < known) oldest.set(cell, version);
    }
    return oldest;
  }

  /**
   * The write's convergence, if it was committed after the warmup (as `writes` counts): in each
   * region whose caches hold nothing older (`oldestHeld[r]`, the oldest version region r's
   * caches hold; null for a settled write, which no cache contradicts), else unconverged there,
   * measured until the end (a lower bound); over all regions, likewise.
   */
  private measure(write: number, oldestHeld: Float64Array | null): void {
    const pending = this.pending;
    const committed = pending.committed[write];
    if (committed < this.warmupMs) return;
    // A write committed during the drain can still converge at once (nothing older held).
    const deadline = Math.max(this.endMs, committed);
    const regions = this.layout.regions;
    let everywhere = true;
    for (let r = 0; r < regions; r++) {
      const servedUntil = pending.olderServedUntil[write * regions + r];
      if ((oldestHeld === null || pending.version[write] <= oldestHeld[r]) && servedUntil <= deadline) {
        this.regionHistograms[r].record(servedUntil - committed);
      } else {
        // Unconverged: it took at least until the end. Left out, a percentile would describe only the writes that did converge.
        this.regionHistograms[r].record(deadline - committed);
        this.regionUnconverged[r]++;
        everywhere = false;
      }
    }
    if (everywhere) this.histogram.record(this.latestEnd(write) - committed);
    else {
      this.histogram.record(deadline - committed);
      this.unconverged++;
    }
  }

  /** When the last older entry anywhere ended (the commit time if none did after it). */
  private latestEnd(write: number): number {
    const regions = this.layout.regions;
    let latest = this.pending.committed[write];
    for (let r = 0; r < regions; r++) latest = Math.max(latest, this.pending.olderServedUntil[write * regions + r]);
    return latest;
  }
}
