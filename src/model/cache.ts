/**
 * One region's cache: at most one entry per key, holding a version and an expiry instant
 * on the region's own clock. Expired entries are dropped lazily, when next looked at (their
 * end is reported at the instant they expired). Beyond `capacity` entries the least recently
 * used is evicted (an intrusive doubly linked list over key indices; only kept when bounded).
 *
 * With stale-while-revalidate, an entry is served for its TTL and then for that much more,
 * stale: it expires at TTL + S, and between the two the cache says it is stale, so its reader
 * can refresh it in the background; the cache remembers which keys are being refreshed.
 */
import { EntryEnd, type Observer } from './observer.js';
import type { Clock } from './clock.js';

const NONE = -1;

/** What the model and strategies ask of a cache (a regional one, or an L1). */
export interface Cache {
  /** This cache's number among the run's caches (observations name it). */
  readonly id: number;
  readonly region: number;
  readonly size: number;
  /** The version a read would be served, or -1 on a miss. */
  lookup(key: number, now: number): number;
  /**
   * The version held at `now`, or -1: an entry past its time is dropped as expired (what an
   * invalidation, an update or a guard compares against is what the cache still holds). Not
   * a use: the LRU order stays as it is.
   */
  held(key: number, now: number): number;
  /** Store `version` for `ttlMs` on the region's clock, replacing any entry. */
  store(key: number, version: number, now: number, ttlMs: number): void;
  /** Drop the entry for `key`, if any (an invalidation). */
  invalidate(key: number, now: number): void;
  /** Lose every entry (a cache restart). */
  clear(now: number): void;
  /** Drop every entry already expired at `now`. */
  sweepExpired(now: number): void;
}

export class RegionCache implements Cache {
  /** Cached version per key, or -1 when absent. Version 0 is the value before any write. */
  private readonly versions: Int32Array;
  private readonly expiresLocal: Float64Array;
  private entries = 0;
  private readonly lru: LruList | null;
  /** Stale-while-revalidate only: when each entry's TTL ends (it is served stale until `expiresLocal`). */
  private readonly freshUntilLocal: Float64Array | null;
  /** Stale-while-revalidate only: 1 while a background refresh of the key is on its way. */
  private readonly refreshing: Uint8Array | null;

  constructor(
    /** This cache's number among the run's caches (observations name it). */
    readonly id: number,
    readonly region: number,
    keys: number,
    private readonly capacity: number,
    private readonly clock: Clock,
    private readonly observer: Observer,
    private readonly staleWhileRevalidateMs = 0,
  ) {
    this.versions = new Int32Array(keys).fill(NONE);
    this.expiresLocal = new Float64Array(keys);
    this.lru = capacity < keys ? new LruList(keys) : null;
    this.freshUntilLocal = staleWhileRevalidateMs > 0 ? new Float64Array(keys) : null;
    this.refreshing = staleWhileRevalidateMs > 0 ? new Uint8Array(keys) : null;
  }

  get size(): number {
    return this.entries;
  }

  /** The version a read would be served, or -1 on a miss. */
  lookup(key: number, now: number): number {
    const version = this.versions[key];
    if (version === NONE) return NONE;
    if (this.expiresLocal[key] <= this.clock.read(now)) {
      this.remove(key, now, EntryEnd.Expired);
      return NONE;
    }
    this.lru?.touch(key);
    return version;
  }

  held(key: number, now: number): number {
    if (this.versions[key] !== NONE && this.expiresLocal[key] <= this.clock.read(now)) this.remove(key, now, EntryEnd.Expired);
    return this.versions[key];
  }

  /** Store `version` for `ttlMs` on this region's clock, replacing any entry (one past its time ends as expired). */
  store(key: number, version: number, now: number, ttlMs: number): void {
    const previous = this.held(key, now);
    if (previous !== NONE) {
      this.observer.entryEnd(this.id, this.region, key, previous, this.endTime(key, now), EntryEnd.Replaced);
    } else {
      this.entries++;
      if (this.lru) {
        if (this.entries > this.capacity) this.remove(this.lru.oldest(), now, EntryEnd.Evicted);
        this.lru.add(key);
      }
    }
    this.versions[key] = version;
    const local = this.clock.read(now);
    this.expiresLocal[key] = local + ttlMs + this.staleWhileRevalidateMs;
    if (this.freshUntilLocal) this.freshUntilLocal[key] = local + ttlMs;
    if (previous !== NONE) this.lru?.touch(key);
    this.observer.stored(this.id, this.region, key, version, now);
  }

  /** Whether the entry for `key`, served at `now`, is past its TTL (being served stale-while-revalidate). */
  isStale(key: number, now: number): boolean {
    return this.freshUntilLocal !== null && this.freshUntilLocal[key] <= this.clock.read(now);
  }

  /** Claims the background refresh of `key`: false when one is already on its way. */
  startRefresh(key: number): boolean {
    if (!this.refreshing || this.refreshing[key] === 1) return false;
    this.refreshing[key] = 1;
    return true;
  }

  /** The background refresh of `key` is over (stored, refused or failed). */
  endRefresh(key: number): void {
    if (this.refreshing) this.refreshing[key] = 0;
  }

  /** Drop the entry for `key`, if any (an invalidation). */
  invalidate(key: number, now: number): void {
    if (this.versions[key] !== NONE) this.remove(key, now, EntryEnd.Invalidated);
  }

  /** Lose every entry (a cache restart). */
  clear(now: number): void {
    for (let key = 0; key < this.versions.length; key++) {
      if (this.versions[key] !== NONE) this.remove(key, now, EntryEnd.Restarted);
    }
  }

  /** Drop every entry already expired at `now` (so the end of a run sees only live entries). */
  sweepExpired(now: number): void {
    const localNow = this.clock.read(now);
    for (let key = 0; key < this.versions.length; key++) {
      if (this.versions[key] !== NONE && this.expiresLocal[key] <= localNow) this.remove(key, now, EntryEnd.Expired);
    }
  }

  private remove(key: number, now: number, why: EntryEnd): void {
    this.observer.entryEnd(this.id, this.region, key, this.versions[key], this.endTime(key, now), why);
    this.versions[key] = NONE;
    this.entries--;
    this.lru?.remove(key);
  }

  /** When the entry stopped being servable: now, or earlier if it had already expired. */
  private endTime(key: number, now: number): number {
    return Math.min(now, this.clock.trueTimeOf(this.expiresLocal[key]));
  }
}

/** Recency order over small integers (key indices, or slots): `next` points towards older entries. */
export class LruList {
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private newest = NONE;
  private oldestKey = NONE;

  constructor(size: number) {
    this.next = new Int32Array(size).fill(NONE);
    this.prev = new Int32Array(size).fill(NONE);
  }

  oldest(): number {
    return this.oldestKey;
  }

  add(key: number): void {
    this.prev[key] = NONE;
    this.next[key] = this.newest;
    if (this.newest !== NONE) this.prev[this.newest] = key;
    this.newest = key;
    if (this.oldestKey === NONE) this.oldestKey = key;
  }

  remove(key: number): void {
    const before = this.prev[key];
    const after = this.next[key];
    if (before !== NONE) this.next[before] = after;
    else this.newest = after;
    if (after !== NONE) this.prev[after] = before;
    else this.oldestKey = before;
    this.prev[key] = NONE;
    this.next[key] = NONE;
  }

  touch(key: number): void {
    if (this.newest === key) return;
    this.remove(key);
    this.add(key);
  }
}
