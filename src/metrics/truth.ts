/**
 * The truth: the committed versions of every key and when they committed. Checkers judge
 * reads against it: `versionAt(k, t)` is V_k(t), the latest version committed at or before
 * t (SPEC §4), and `commitTime(k, v)` is C_k(v).
 *
 * Memory follows the versions still at risk, not the number of writes: once no copy older
 * than version f is left anywhere (no cache entry, replica or value on its way to a cache),
 * no read can return anything older than f, so the commit times of versions 1..f are
 * `forget`-ten. The answers the checkers use do not change: `commitTime` is only asked of
 * versions newer than a returned one, and `versionAt` of an instant before the oldest kept
 * commit says f — as a read returns at least f, it is not stale either way.
 */
export class Truth {
  /** Commit times of the versions not forgotten, oldest first, per key. */
  private readonly commits: (number[] | undefined)[];
  /** Versions forgotten per key: the first kept is `forgotten + 1`. */
  private readonly forgotten: Int32Array;

  constructor(keys: number) {
    this.commits = new Array(keys);
    this.forgotten = new Int32Array(keys);
  }

  record(key: number, version: number, time: number): void {
    let times = this.commits[key];
    if (!times) {
      times = [];
      this.commits[key] = times;
    }
    if (version !== this.forgotten[key] + times.length + 1) throw new Error(`version ${version} of key ${key} committed out of order`);
    times.push(time);
  }

  /** Latest version of `key` committed so far (0 if none). */
  latest(key: number): number {
    return this.forgotten[key] + (this.commits[key]?.length ?? 0);
  }

  /**
   * Latest version of `key` committed at or before `time` (0 if none); for an instant before
   * every kept commit, the newest forgotten version (no read can return an older one).
   */
  versionAt(key: number, time: number): number {
    const base = this.forgotten[key];
    const times = this.commits[key];
    if (!times) return base;
    let high = times.length;
    // Reads usually ask about the present: check the newest commit first.
    if (high === 0 || times[high - 1] <= time) return base + high;
    let low = 0;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (times[mid] <= time) low = mid + 1;
      else high = mid;
    }
    return base + low;
  }

  /** C_k(v): when version `version` of `key` committed (a version not forgotten). */
  commitTime(key: number, version: number): number {
    const times = this.commits[key];
    const index = version - this.forgotten[key] - 1;
    if (!times || index < 0 || index >= times.length) throw new RangeError(`version ${version} of key ${key} was never committed, or was forgotten`);
    return times[index];
  }

  /** The oldest version of `key` whose staleness can still be judged (older ones were forgotten). */
  oldestJudged(key: number): number {
    return this.forgotten[key];
  }

  /** No read of `key` can return a version below `floor` any more: drop the commit times of versions up to it. */
  forget(key: number, floor: number): void {
    const times = this.commits[key];
    if (!times) return;
    const drop = Math.min(floor - this.forgotten[key], times.length);
    if (drop <= 0) return;
    times.splice(0, drop);
    this.forgotten[key] += drop;
  }
}
