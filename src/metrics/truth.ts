/**
 * The truth: every committed version of every key and when it committed. Checkers judge
 * reads against it: `versionAt(k, t)` is V_k(t), the latest version committed at or before
 * t (SPEC §4), and `commitTime(k, v)` is C_k(v).
 */
export class Truth {
  private readonly commits: (number[] | undefined)[];

  constructor(keys: number) {
    this.commits = new Array(keys);
  }

  record(key: number, version: number, time: number): void {
    let times = this.commits[key];
    if (!times) {
      times = [];
      this.commits[key] = times;
    }
    if (version !== times.length + 1) throw new Error(`version ${version} of key ${key} committed out of order`);
    times.push(time);
  }

  /** Latest version of `key` committed so far (0 if none). */
  latest(key: number): number {
    return this.commits[key]?.length ?? 0;
  }

  /** Latest version of `key` committed at or before `time` (0 if none). */
  versionAt(key: number, time: number): number {
    const times = this.commits[key];
    if (!times) return 0;
    let high = times.length;
    // Reads usually ask about the present: check the newest commit first.
    if (high === 0 || times[high - 1] <= time) return high;
    let low = 0;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (times[mid] <= time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** C_k(v): when version `version` (≥ 1) of `key` committed. */
  commitTime(key: number, version: number): number {
    const times = this.commits[key];
    if (!times || version < 1 || version > times.length) throw new RangeError(`version ${version} of key ${key} was never committed`);
    return times[version - 1];
  }
}
