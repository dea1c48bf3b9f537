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
import { Histogram } from './histogram.js';

interface Pending {
  version: number;
  committed: number;
  /** End of the latest entry older than this write seen to end after its commit. */
  olderServedUntil: number;
}

const NONE = -1;

export class ConvergenceTracker {
  readonly histogram = new Histogram();
  unconverged = 0;
  /** Unsettled writes per key, oldest first (absent when none). */
  private readonly pending: (Pending[] | undefined)[];
  /** Version each region's cache holds per key, or -1. */
  private readonly cached: Int32Array;
  /** Version each region's replica shows per key (primary region: unused). */
  private readonly replicas: Int32Array;
  private readonly inflightCount: Int32Array;
  private readonly inflightMin: Int32Array;

  constructor(
    private readonly regions: number,
    private readonly keys: number,
    private readonly primary: number,
  ) {
    this.cached = new Int32Array(regions * keys).fill(NONE);
    this.replicas = new Int32Array(regions * keys);
    this.inflightCount = new Int32Array(keys);
    this.inflightMin = new Int32Array(keys);
    this.pending = new Array(keys);
  }

  commit(key: number, version: number, time: number): void {
    let list = this.pending[key];
    if (!list) {
      list = [];
      this.pending[key] = list;
    }
    list.push({ version, committed: time, olderServedUntil: time });
    this.settle(key);
  }

  replicaApply(region: number, key: number, version: number): void {
    const cell = region * this.keys + key;
    if (version > this.replicas[cell]) this.replicas[cell] = version;
    this.settle(key);
  }

  stored(region: number, key: number, version: number): void {
    this.cached[region * this.keys + key] = version;
  }

  entryEnd(region: number, key: number, version: number, time: number): void {
    this.cached[region * this.keys + key] = NONE;
    const list = this.pending[key];
    if (!list) return;
    for (const write of list) {
      if (write.version > version && time > write.olderServedUntil) write.olderServedUntil = time;
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
    const cached = this.cached[region * this.keys + key];
    if (cached !== NONE && cached < floor) floor = cached;
    if (this.inflightCount[key] > 0 && this.inflightMin[key] < floor) floor = this.inflightMin[key];
    return floor;
  }

  /** At the end of the run (after expired entries were swept): settle what can be, count the rest. */
  finish(): void {
    this.pending.forEach((list, key) => {
      if (!list) return;
      const oldestCached = this.oldestCached(key);
      for (const write of list) {
        if (write.version <= oldestCached) this.record(write);
        else this.unconverged++;
      }
      this.pending[key] = undefined;
    });
  }

  private settle(key: number): void {
    const list = this.pending[key];
    if (!list) return;
    const floor = this.oldestCopy(key);
    let settled = 0;
    while (settled < list.length && list[settled].version <= floor) this.record(list[settled++]);
    if (settled === list.length) this.pending[key] = undefined;
    else if (settled > 0) list.splice(0, settled);
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
      const v = this.cached[r * this.keys + key];
      if (v !== NONE && v < oldest) oldest = v;
    }
    return oldest;
  }

  private record(write: Pending): void {
    this.histogram.record(write.olderServedUntil - write.committed);
  }
}
