/**
 * Which keys the stale reads fell on: per key, measured reads, stale reads and when the first
 * stale one was issued (three numbers a key, whatever the number of reads), and at the end
 * the few keys with the most stale reads — the ones worth a `cache-sim trace --key`, around
 * their first stale read.
 */
import type { StaleKey } from './results.js';

/** How many keys a result names. */
const STALE_KEYS_SHOWN = 5;

export class StaleKeys {
  private readonly reads: Float64Array;
  private readonly stale: Float64Array;
  private readonly firstStale: Float64Array;

  constructor(keys: number) {
    this.reads = new Float64Array(keys);
    this.stale = new Float64Array(keys);
    this.firstStale = new Float64Array(keys);
  }

  /** A measured read of `key` issued at `issued`. */
  read(key: number, stale: boolean, issued: number): void {
    this.reads[key]++;
    if (!stale) return;
    if (this.stale[key] === 0) this.firstStale[key] = issued;
    this.stale[key]++;
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
    return chosen.map((key) => ({ key, reads: this.reads[key], stale_reads: this.stale[key], first_stale_ms: this.firstStale[key] }));
  }
}
