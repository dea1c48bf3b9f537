/**
 * What every cache shares, over entries kept in slots: a version and an expiry instant on the
 * region's own clock per slot. Expired entries are dropped lazily, when next looked at (their
 * end is reported at the instant they expired, which each store tells ahead), or all at once
 * before their clock steps back (`sweepExpired`), so that an entry once expired stays so. Beyond `capacity` entries the least recently
 * used is evicted (an intrusive doubly linked list over slots, kept only when bounded). How a
 * key finds its slot is the subclass's: its own index in a dense cache, a map in a sparse one.
 */
import type { Clock } from './clock.js';
import { EntryEnd, type Observer } from './observer.js';

export const NONE = -1;

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
  /** Store `version` for `ttlMs` on the region's clock, replacing any entry (one past its time ends as expired). */
  store(key: number, version: number, now: number, ttlMs: number): void;
  /** Drop the entry for `key`, if any (an invalidation). */
  invalidate(key: number, now: number): void;
  /** Lose every entry (a cache restart). */
  clear(now: number): void;
  /** Drop every entry already expired at `now`. */
  sweepExpired(now: number): void;
}

/** Told when a slot of a cache starts and stops holding a key (an index of which caches hold what). */
export interface SlotWatch {
  taken(cache: number, slot: number, key: number): void;
  freed(cache: number, slot: number, key: number): void;
}

export abstract class SlotCache implements Cache {
  /** Told of slots taken and freed, if anyone needs to know. */
  slotWatch: SlotWatch | null = null;
  /** Version per slot. Version 0 is the value before any write. */
  protected readonly versions: Int32Array;
  protected readonly expiresLocal: Float64Array;
  private entries = 0;

  constructor(
    /** This cache's number among the run's caches (observations name it). */
    readonly id: number,
    readonly region: number,
    slots: number,
    private readonly capacity: number,
    /** Least recently used first out, over slots; null when the capacity can never be reached. */
    private readonly lru: LruList | null,
    protected readonly clock: Clock,
    private readonly observer: Observer,
    /** Served past its TTL for this much more (stale-while-revalidate); 0 for none. */
    protected readonly staleWhileRevalidateMs: number,
  ) {
    this.versions = new Int32Array(slots).fill(NONE);
    this.expiresLocal = new Float64Array(slots);
  }

  get size(): number {
    return this.entries;
  }

  /** The slot holding `key`, or NONE. */
  protected abstract slotOf(key: number): number;
  /** A slot for `key`, not in use, now given to it. */
  protected abstract claim(key: number): number;
  /** The slot no longer holds `key`. */
  protected abstract release(slot: number, key: number): void;
  /** The key a slot in use holds. */
  protected abstract keyIn(slot: number): number;
  /** Every slot in use, by key (so observations come in the same order whatever the cache). */
  protected abstract slotsInKeyOrder(): number[];

  lookup(key: number, now: number): number {
    const slot = this.liveSlot(key, now);
    if (slot === NONE) return NONE;
    this.lru?.touch(slot);
    return this.versions[slot];
  }

  held(key: number, now: number): number {
    const slot = this.liveSlot(key, now);
    return slot === NONE ? NONE : this.versions[slot];
  }

  /** The slot of `key`'s entry if it is still servable at `now`; one past its time is dropped as expired. */
  private liveSlot(key: number, now: number): number {
    const slot = this.slotOf(key);
    if (slot === NONE || this.expiresLocal[slot] > this.clock.read(now)) return slot;
    this.remove(slot, now, EntryEnd.Expired);
    return NONE;
  }

  store(key: number, version: number, now: number, ttlMs: number): void {
    let slot = this.liveSlot(key, now);
    if (slot !== NONE) {
      this.observer.entryEnd(this.id, this.region, key, this.versions[slot], this.endTime(slot, now), EntryEnd.Replaced);
      this.lru?.touch(slot);
    } else {
      if (this.lru && this.entries === this.capacity) this.remove(this.lru.oldest(), now, EntryEnd.Evicted);
      slot = this.claim(key);
      this.slotWatch?.taken(this.id, slot, key);
      this.entries++;
      this.lru?.add(slot);
    }
    this.versions[slot] = version;
    const local = this.clock.read(now);
    const expires = local + ttlMs + this.staleWhileRevalidateMs;
    this.expiresLocal[slot] = expires;
    this.storedFor(slot, local + ttlMs);
    this.observer.stored(this.id, this.region, key, version, now, this.clock.firstReaching(expires, now));
  }

  /** A subclass's note of an entry just stored in `slot`, fresh until `freshUntilLocal`. */
  protected storedFor(_slot: number, _freshUntilLocal: number): void {}

  invalidate(key: number, now: number): void {
    const slot = this.slotOf(key);
    if (slot !== NONE) this.remove(slot, now, EntryEnd.Invalidated);
  }

  clear(now: number): void {
    for (const slot of this.slotsInKeyOrder()) this.remove(slot, now, EntryEnd.Restarted);
  }

  sweepExpired(now: number): void {
    const localNow = this.clock.read(now);
    for (const slot of this.slotsInKeyOrder()) if (this.expiresLocal[slot] <= localNow) this.remove(slot, now, EntryEnd.Expired);
  }

  private remove(slot: number, now: number, why: EntryEnd): void {
    const key = this.keyIn(slot);
    this.observer.entryEnd(this.id, this.region, key, this.versions[slot], this.endTime(slot, now), why);
    this.versions[slot] = NONE;
    this.entries--;
    this.lru?.remove(slot);
    this.release(slot, key);
    this.slotWatch?.freed(this.id, slot, key);
  }

  /** When the entry stopped being servable: now, or earlier if it had already expired. */
  private endTime(slot: number, now: number): number {
    return Math.min(now, this.clock.trueTimeOf(this.expiresLocal[slot]));
  }
}

/** Recency order over small integers (slots): `next` points towards older entries. */
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
