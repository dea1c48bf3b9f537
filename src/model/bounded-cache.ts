/**
 * A cache of at most `capacity` entries whose memory follows its capacity, not the key
 * space: for L1s, which are small and many (one per app server). Entries live in slots
 * (typed arrays of `capacity` values), found by key through a Map; least recently used
 * beyond capacity is evicted. It behaves exactly as a RegionCache of the same capacity.
 */
import type { Clock } from './clock.js';
import type { Observer } from './observer.js';
import { LruList, NONE, SlotCache } from './slot-cache.js';

export class BoundedCache extends SlotCache {
  private readonly slotByKey = new Map<number, number>();
  private readonly keyBySlot: Int32Array;
  /** Slots never used yet start here; freed ones wait in `free`. */
  private fresh = 0;
  private readonly free: number[] = [];

  constructor(id: number, region: number, capacity: number, clock: Clock, observer: Observer) {
    super(id, region, capacity, capacity, new LruList(capacity), clock, observer, 0);
    this.keyBySlot = new Int32Array(capacity);
  }

  protected slotOf(key: number): number {
    return this.slotByKey.get(key) ?? NONE;
  }

  protected claim(key: number): number {
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.fresh++;
    this.slotByKey.set(key, slot);
    this.keyBySlot[slot] = key;
    return slot;
  }

  protected release(slot: number, key: number): void {
    this.slotByKey.delete(key);
    this.free.push(slot);
  }

  protected keyIn(slot: number): number {
    return this.keyBySlot[slot];
  }

  protected slotsInKeyOrder(): number[] {
    return [...this.slotByKey.keys()].sort((a, b) => a - b).map((key) => this.slotByKey.get(key) as number);
  }
}
