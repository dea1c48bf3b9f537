/**
 * Which app servers' L1s have an entry for a key, per region: an invalidation visits those,
 * not every server of the region (with a thousand servers, few hold any one key). An entry
 * counts until its slot is freed, expired or not, since an expired entry not yet looked at is
 * still there to be dropped. Kept as a doubly linked list per (region, key) through the L1s'
 * slots, so taking and freeing a slot costs the same whatever the number of servers.
 */
import type { CacheLayout } from './cache-layout.js';
import { NONE, type SlotWatch } from './slot-cache.js';

export class L1Holders implements SlotWatch {
  /** Per (region, key): a node of a server holding the key, or NONE. */
  private readonly first: Int32Array;
  /** Per node (an L1's slot: `(cache − regions) · slotsPerL1 + slot`), along its (region, key) list. */
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  /** Scratch for `holding`: the L1s found, by their number among the L1s. */
  private readonly found: Int32Array;

  constructor(
    private readonly layout: CacheLayout,
    private readonly keys: number,
    /** Slots of each L1. */
    private readonly slotsPerL1: number,
  ) {
    const l1s = layout.regions * layout.l1Hosts;
    this.first = new Int32Array(layout.regions * keys).fill(NONE);
    this.next = new Int32Array(l1s * slotsPerL1);
    this.prev = new Int32Array(l1s * slotsPerL1);
    this.found = new Int32Array(layout.l1Hosts);
  }

  taken(cache: number, slot: number, key: number): void {
    const node = (cache - this.layout.regions) * this.slotsPerL1 + slot;
    const cell = this.layout.regionOf(cache) * this.keys + key;
    const head = this.first[cell];
    this.prev[node] = NONE;
    this.next[node] = head;
    if (head !== NONE) this.prev[head] = node;
    this.first[cell] = node;
  }

  freed(cache: number, slot: number, key: number): void {
    const node = (cache - this.layout.regions) * this.slotsPerL1 + slot;
    const before = this.prev[node];
    const after = this.next[node];
    if (before !== NONE) this.next[before] = after;
    else this.first[this.layout.regionOf(cache) * this.keys + key] = after;
    if (after !== NONE) this.prev[after] = before;
  }

  /**
   * The L1s of `region` with an entry for `key`, by their number among the L1s, in server
   * order (so what they report comes in the same order as a visit of every server would):
   * a view of scratch space, valid until the next call.
   */
  holding(region: number, key: number): Int32Array {
    let count = 0;
    for (let node = this.first[region * this.keys + key]; node !== NONE; node = this.next[node]) {
      this.found[count++] = Math.floor(node / this.slotsPerL1);
    }
    return this.found.subarray(0, count).sort();
  }
}
