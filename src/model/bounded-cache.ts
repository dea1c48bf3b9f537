/**
 * A cache of at most `capacity` entries whose memory follows its capacity, not the key
 * space: for L1s, which are small and many (one per app server). Entries live in slots
 * (typed arrays of `capacity` values), found by key through a Map; least recently used
 * beyond capacity is evicted. It behaves exactly as a RegionCache of the same capacity.
 */
import type { Cache } from './cache.js';
import { LruList } from './cache.js';
import type { Clock } from './clock.js';
import { EntryEnd, type Observer } from './observer.js';

export class BoundedCache implements Cache {
  private readonly slotOf = new Map<number, number>();
  private readonly keyIn: Int32Array;
  private readonly versions: Int32Array;
  private readonly expiresLocal: Float64Array;
  private readonly lru: LruList;
  /** Slots never used yet start here; freed ones wait in `free`. */
  private fresh = 0;
  private readonly free: number[] = [];

  constructor(
    readonly id: number,
    readonly region: number,
    private readonly capacity: number,
    private readonly clock: Clock,
    private readonly observer: Observer,
  ) {
    this.keyIn = new Int32Array(capacity);
    this.versions = new Int32Array(capacity);
    this.expiresLocal = new Float64Array(capacity);
    this.lru = new LruList(capacity);
  }

  get size(): number {
    return this.slotOf.size;
  }

  lookup(key: number, now: number): number {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return -1;
    if (this.expiresLocal[slot] <= this.clock.read(now)) {
      this.remove(slot, now, EntryEnd.Expired);
      return -1;
    }
    this.lru.touch(slot);
    return this.versions[slot];
  }

  held(key: number, now: number): number {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return -1;
    if (this.expiresLocal[slot] <= this.clock.read(now)) {
      this.remove(slot, now, EntryEnd.Expired);
      return -1;
    }
    return this.versions[slot];
  }

  store(key: number, version: number, now: number, ttlMs: number): void {
    let slot = this.held(key, now) < 0 ? undefined : this.slotOf.get(key);
    if (slot !== undefined) {
      this.observer.entryEnd(this.id, this.region, key, this.versions[slot], this.endTime(slot, now), EntryEnd.Replaced);
      this.lru.touch(slot);
    } else {
      if (this.slotOf.size === this.capacity) this.remove(this.lru.oldest(), now, EntryEnd.Evicted);
      slot = this.free.length > 0 ? (this.free.pop() as number) : this.fresh++;
      this.slotOf.set(key, slot);
      this.keyIn[slot] = key;
      this.lru.add(slot);
    }
    this.versions[slot] = version;
    this.expiresLocal[slot] = this.clock.read(now) + ttlMs;
    this.observer.stored(this.id, this.region, key, version, now);
  }

  invalidate(key: number, now: number): void {
    const slot = this.slotOf.get(key);
    if (slot !== undefined) this.remove(slot, now, EntryEnd.Invalidated);
  }

  clear(now: number): void {
    for (const slot of this.slotsInKeyOrder()) this.remove(slot, now, EntryEnd.Restarted);
  }

  sweepExpired(now: number): void {
    const localNow = this.clock.read(now);
    for (const slot of this.slotsInKeyOrder()) if (this.expiresLocal[slot] <= localNow) this.remove(slot, now, EntryEnd.Expired);
  }

  /** Every slot in use, by key: the order a RegionCache walks its entries in, so observations come in the same order. */
  private slotsInKeyOrder(): number[] {
    return [...this.slotOf.keys()].sort((a, b) => a - b).map((key) => this.slotOf.get(key) as number);
  }

  private remove(slot: number, now: number, why: EntryEnd): void {
    const key = this.keyIn[slot];
    this.observer.entryEnd(this.id, this.region, key, this.versions[slot], this.endTime(slot, now), why);
    this.slotOf.delete(key);
    this.lru.remove(slot);
    this.free.push(slot);
  }

  /** When the entry stopped being servable: now, or earlier if it had already expired. */
  private endTime(slot: number, now: number): number {
    return Math.min(now, this.clock.trueTimeOf(this.expiresLocal[slot]));
  }
}
