/**
 * Which keys the stale reads fell on: per key, measured reads and stale reads (two numbers a
 * key, whatever the number of reads), and at the end the few keys with the most stale reads —
 * the ones worth a `cache-sim trace --key`.
 */
import type { StaleKey } from './results.js';

/** How many keys a result names. */
const STALE_KEYS_SHOWN = 5;

export class StaleKeys {
  private readonly reads: Float64Array;
  private readonly stale: Float64Array;

  constructor(keys: number) {
    this.reads = new Float64Array(keys);
    this.stale = new Float64Array(keys);
  }

  read(key: number, stale: boolean): void {
    this.reads[key]++;
    if (stale) this.stale[key]++;
  }

  /** The keys with the most stale reads, most first (ties: the lower key first); none without stale reads. */
  top(count = STALE_KEYS_SHOWN): StaleKey[] {
    const chosen: number[] = [];
    for (let key = 0; key < this.stale.length; key++) {
      if (this.stale[key] === 0) continue;
      // Insertion into a short sorted list: one pass over the keys, no sort of them all.
      let at = chosen.length;
      while (at > 0 && this.stale[chosen[at - 1]] < this.stale[key]) at--;
      if (at < count) {
        chosen.splice(at, 0, key);
        if (chosen.length > count) chosen.pop();
      }
    }
    return chosen.map((key) => ({ key, reads: this.reads[key], stale_reads: this.stale[key] }));
  }
}
