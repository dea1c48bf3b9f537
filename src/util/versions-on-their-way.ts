/**
 * Versions of each key that are on their way somewhere (values to a cache, messages to a
 * region): how many of each, and per key the oldest — what a caller may not forget yet.
 *
 * The oldest is kept cheaply: when the oldest lands while others are still on their way, the
 * next oldest may be far newer (an old value refilled from a paused replica among fresh
 * ones), so it is looked for a few versions at each landing; meanwhile the floor is a lower
 * bound, which only makes a caller keep things longer, never wrongly forget them.
 */
import { PairTable } from './pair-table.js';

/** Versions a landing looks through for the oldest value still on its way. */
const FLOOR_STEPS = 32;

/** What is told of versions leaving (`add`) and arriving (`remove`). */
export interface VersionWatch {
  add(key: number, version: number): void;
  remove(key: number, version: number): void;
}

export class VersionsOnTheirWay implements VersionWatch {
  private readonly count: Int32Array;
  /** Per key, the oldest version on its way — or, when `below` says so, a version at most that old. */
  private readonly min: Int32Array;
  /** Per key, 1 while `min` is only a lower bound, raised a few versions at each landing. */
  private readonly below: Uint8Array;
  /**
   * How many of each version, by `version · keys + key` (a typed table: a Map's churn on every
   * fill, promoted garbage, grew the heap with the length of a run).
   */
  private readonly byVersion = new PairTable(1, (_id, row, at) => row[at] > 0);

  constructor(private readonly keys: number) {
    this.count = new Int32Array(keys);
    this.min = new Int32Array(keys);
    this.below = new Uint8Array(keys);
  }

  /** One more `version` of `key` on its way. */
  add(key: number, version: number): void {
    if (this.count[key]++ === 0 || version < this.min[key]) {
      this.min[key] = version;
      this.below[key] = 0;
    }
    const slot = this.byVersion.slot(version * this.keys + key);
    this.byVersion.set(slot, 0, this.byVersion.get(slot, 0) + 1);
  }

  /** One `version` of `key` (added before) has arrived. */
  remove(key: number, version: number): void {
    const slot = this.byVersion.find(version * this.keys + key);
    const left = this.byVersion.get(slot, 0) - 1;
    this.byVersion.set(slot, 0, left);
    if (--this.count[key] === 0) this.below[key] = 0;
    else if (left === 0 && version === this.min[key]) {
      this.min[key] = version + 1;
      this.below[key] = 1;
    }
    if (this.below[key] === 1) this.raiseMin(key);
  }

  /** The oldest version of `key` on its way (at most that old), or MAX_SAFE_INTEGER when none is. */
  oldest(key: number): number {
    return this.count[key] > 0 ? this.min[key] : Number.MAX_SAFE_INTEGER;
  }

  /** Raise the lower bound by at most FLOOR_STEPS versions, exact once one on its way is found. */
  private raiseMin(key: number): void {
    let floor = this.min[key];
    for (let step = 0; step < FLOOR_STEPS; step++, floor++) {
      if (this.onTheirWay(floor, key) > 0) {
        this.below[key] = 0;
        break;
      }
    }
    this.min[key] = floor;
  }

  private onTheirWay(version: number, key: number): number {
    const slot = this.byVersion.find(version * this.keys + key);
    return slot < 0 ? 0 : this.byVersion.get(slot, 0);
  }
}
