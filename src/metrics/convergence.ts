/**
 * Convergence of each write (SPEC §4): the time from its commit until no region's cache can
 * serve an older version of the key.
 *
 * The measured value is the end of the last servable cache entry older than the write, after
 * its commit (0 if there was none). A write is settled — its value can no longer grow — once
 * no cache holds an older entry, no older database read is on its way to a cache, and every
 * replica has applied it. Writes still unsettled when the run ends are
 * settled then if no older entry is left (expired ones were swept first), else counted as
 * unconverged.
 */
import { grownFloat64, grownInt32 } from '../util/typed-arrays.js';
import type { CacheLayout } from '../model/cache-layout.js';
import { Histogram } from './histogram.js';

const NONE = -1;

/**
 * The unsettled writes: one list per key, oldest first, threaded through typed arrays (a
 * write costs no object), with freed entries reused.
 */
class PendingWrites {
  version = new Int32Array(64) as Int32Array<ArrayBuffer>;
  committed = new Float64Array(64) as Float64Array<ArrayBuffer>;
  /** End of the latest entry older than the write seen to end after its commit. */
  olderServedUntil = new Float64Array(64) as Float64Array<ArrayBuffer>;
  /** The key's next (newer) pending write, or the next free entry. */
  next = new Int32Array(64) as Int32Array<ArrayBuffer>;
  readonly head: Int32Array;
  private readonly tail: Int32Array;
  private free = NONE;
  private used = 0;

  constructor(keys: number) {
    this.head = new Int32Array(keys).fill(NONE);
    this.tail = new Int32Array(keys).fill(NONE);
  }

  push(key: number, version: number, time: number): void {
    const entry = this.free !== NONE ? this.free : this.used++;
    if (entry === this.free) this.free = this.next[entry];
    else if (entry >= this.version.length) this.grow();
    this.version[entry] = version;
    this.committed[entry] = time;
    this.olderServedUntil[entry] = time;
    this.next[entry] = NONE;
    if (this.tail[key] === NONE) this.head[key] = entry;
    else this.next[this.tail[key]] = entry;
    this.tail[key] = entry;
  }

  /** Drop the key's oldest pending write. */
  shift(key: number): void {
    const entry = this.head[key];
    this.head[key] = this.next[entry];
    if (this.head[key] === NONE) this.tail[key] = NONE;
    this.next[entry] = this.free;
    this.free = entry;
  }

  private grow(): void {
    const size = this.version.length * 2;
    this.version = grownInt32(this.version, size);
    this.committed = grownFloat64(this.committed, size);
    this.olderServedUntil = grownFloat64(this.olderServedUntil, size);
    this.next = grownInt32(this.next, size);
  }
}

/**
 * Per region and key, the oldest version any of the region's L1s holds (and how many hold
 * it), kept up to date as copies come and go: reads and settling ask it instead of scanning
 * every app server's L1. Only when the last copy at the minimum goes are the L1s scanned.
 */
class OldestL1Copy {
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

export class ConvergenceTracker {
  readonly histogram = new Histogram();
  unconverged = 0;
  private readonly pending: PendingWrites;
  /** Version each region's cache holds per key, or -1. */
  private readonly cached: Int32Array;
  /** Version each L1 holds, by `cache · keys + key` (a map: L1s are many and mostly small). */
  private readonly l1Held = new Map<number, number>();
  private readonly regions: number;
  /** Version each region's replica shows per key (primary region: unused). */
  private readonly replicas: Int32Array;
  private readonly inflightCount: Int32Array;
  private readonly inflightMin: Int32Array;
  private readonly oldestL1: OldestL1Copy;

  constructor(
    private readonly layout: CacheLayout,
    private readonly keys: number,
    private readonly primary: number,
  ) {
    this.regions = layout.regions;
    this.cached = new Int32Array(layout.regions * keys).fill(NONE);
    this.replicas = new Int32Array(layout.regions * keys);
    this.inflightCount = new Int32Array(keys);
    this.inflightMin = new Int32Array(keys);
    this.pending = new PendingWrites(keys);
    this.oldestL1 = new OldestL1Copy(layout, keys, this.l1Held);
  }

  commit(key: number, version: number, time: number): void {
    this.pending.push(key, version, time);
    this.settle(key);
  }

  replicaApply(region: number, key: number, version: number): void {
    const cell = region * this.keys + key;
    if (version > this.replicas[cell]) this.replicas[cell] = version;
    this.settle(key);
  }

  stored(cache: number, key: number, version: number): void {
    if (cache < this.regions) {
      this.cached[cache * this.keys + key] = version;
      return;
    }
    this.l1Held.set(cache * this.keys + key, version);
    this.oldestL1.added(this.layout.regionOf(cache), key, version);
  }

  entryEnd(cache: number, key: number, version: number, time: number): void {
    if (cache < this.regions) {
      this.cached[cache * this.keys + key] = NONE;
    } else {
      this.l1Held.delete(cache * this.keys + key);
      this.oldestL1.removed(this.layout.regionOf(cache), key, version);
    }
    const pending = this.pending;
    if (pending.head[key] === NONE) return;
    for (let write = pending.head[key]; write !== NONE; write = pending.next[write]) {
      if (pending.version[write] > version && time > pending.olderServedUntil[write]) pending.olderServedUntil[write] = time;
    }
    this.settle(key);
  }

  inFlight(key: number, version: number): void {
    if (this.inflightCount[key]++ === 0 || version < this.inflightMin[key]) this.inflightMin[key] = version;
  }

  landed(key: number): void {
    this.inflightCount[key]--;
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
    const near = this.oldestL1.min[cell];
    if (near !== NONE && near < floor) floor = near;
    if (this.inflightCount[key] > 0 && this.inflightMin[key] < floor) floor = this.inflightMin[key];
    return floor;
  }

  /** At the end of the run (after expired entries were swept): settle what can be, count the rest. */
  finish(): void {
    const pending = this.pending;
    for (let key = 0; key < this.keys; key++) {
      if (pending.head[key] === NONE) continue;
      const oldestCached = this.oldestCached(key);
      while (pending.head[key] !== NONE) {
        const write = pending.head[key];
        if (pending.version[write] <= oldestCached) this.record(write);
        else this.unconverged++;
        pending.shift(key);
      }
    }
  }

  private settle(key: number): void {
    const pending = this.pending;
    if (pending.head[key] === NONE) return;
    const floor = this.oldestCopy(key);
    while (pending.head[key] !== NONE && pending.version[pending.head[key]] <= floor) {
      this.record(pending.head[key]);
      pending.shift(key);
    }
  }

  /**
   * The oldest version of `key` any copy still holds — cache entries, replicas, values on
   * their way to a cache (MAX_SAFE_INTEGER when there is none): no read can return an older
   * one, so no write up to it can still be contradicted by a cache.
   */
  oldestCopy(key: number): number {
    let floor = this.oldestCached(key);
    if (this.inflightCount[key] > 0 && this.inflightMin[key] < floor) floor = this.inflightMin[key];
    // Any replica may feed a cache (refills, serve-stale reads under partitions): settling
    // waits for all of them. Waiting longer never changes a write's value, only when it is final.
    for (let r = 0; r < this.regions; r++) {
      if (r !== this.primary && this.replicas[r * this.keys + key] < floor) floor = this.replicas[r * this.keys + key];
    }
    return floor;
  }

  private oldestCached(key: number): number {
    let oldest = Number.MAX_SAFE_INTEGER;
    for (let r = 0; r < this.regions; r++) {
      const cell = r * this.keys + key;
      const regional = this.cached[cell];
      if (regional !== NONE && regional < oldest) oldest = regional;
      const near = this.oldestL1.min[cell];
      if (near !== NONE && near < oldest) oldest = near;
    }
    return oldest;
  }

  private record(write: number): void {
    this.histogram.record(this.pending.olderServedUntil[write] - this.pending.committed[write]);
  }
}
