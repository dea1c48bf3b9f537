/**
 * One region's cache (and an L1 of as many entries as keys): dense, an entry's slot is its
 * key's own index, so a lookup touches two typed arrays and nothing else.
 *
 * With stale-while-revalidate, an entry is served for its TTL and then for that much more,
 * stale: it expires at TTL + S, and between the two the cache says it is stale, so its reader
 * can refresh it in the background; the cache remembers which keys are being refreshed.
 */
import type { Clock } from './clock.js';
import type { Observer } from './observer.js';
import { LruList, NONE, SlotCache } from './slot-cache.js';

export class RegionCache extends SlotCache {
  /** Stale-while-revalidate only: when each entry's TTL ends (it is served stale until it expires). */
  private readonly freshUntilLocal: Float64Array | null;
  /** Stale-while-revalidate only: 1 while a background refresh of the key is on its way. */
  private readonly refreshing: Uint8Array | null;

  constructor(id: number, region: number, keys: number, capacity: number, clock: Clock, observer: Observer, staleWhileRevalidateMs = 0) {
    super(id, region, keys, capacity, capacity < keys ? new LruList(keys) : null, clock, observer, staleWhileRevalidateMs);
    this.freshUntilLocal = staleWhileRevalidateMs > 0 ? new Float64Array(keys) : null;
    this.refreshing = staleWhileRevalidateMs > 0 ? new Uint8Array(keys) : null;
  }

  protected slotOf(key: number): number {
    return this.versions[key] === NONE ? NONE : key;
  }

  protected claim(key: number): number {
    return key;
  }

  protected release(): void {}

  protected keyIn(slot: number): number {
    return slot;
  }

  protected slotsInKeyOrder(): number[] {
    const slots: number[] = [];
    for (let key = 0; key < this.versions.length; key++) if (this.versions[key] !== NONE) slots.push(key);
    return slots;
  }

  protected override storedFor(slot: number, freshUntilLocal: number): void {
    if (this.freshUntilLocal) this.freshUntilLocal[slot] = freshUntilLocal;
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
}
