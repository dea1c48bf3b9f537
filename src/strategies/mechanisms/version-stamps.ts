/**
 * The version stamp a cache compares for version v of key k. With `counter` it is v itself;
 * with `timestamp` the writer region's clock when the write was issued (so a region whose
 * clock runs behind stamps its newer write as older); with `hlc` a hybrid logical clock:
 * the writer stamps max(its clock, last stamp + tick), and the primary merges that with its
 * own clock and its last stamp, so stamps follow commit order while staying near wall time.
 *
 * Stamps are kept per version; told which versions can still be asked about (the oldest a
 * copy or a message may carry), older ones are forgotten, so memory follows what is at risk,
 * not the number of writes.
 */
import type { Clock } from '../../model/clock.js';
import type { VersionSource } from '../parts.js';

/** The logical increment of the HLC, in ms (1 µs): stands in for its counter part. */
const HLC_TICK_MS = 0.001;

export class VersionStamps {
  private readonly issued = new Map<number, number>();
  /** Stamps of the versions not forgotten, oldest first, per key. */
  private readonly stamps: (number[] | undefined)[];
  /** Versions forgotten per key: the first kept is `forgotten + 1`. */
  private readonly forgotten: Int32Array;
  private readonly hlc: Float64Array;

  constructor(
    private readonly source: VersionSource,
    private readonly clocks: readonly Clock[],
    private readonly primary: number,
    keys: number,
    /** The oldest version of a key whose stamp may still be asked for; absent, every stamp is kept. */
    private readonly oldestAsked?: (key: number) => number,
  ) {
    this.stamps = source === 'counter' ? [] : new Array(keys);
    this.forgotten = new Int32Array(source === 'counter' ? 0 : keys);
    this.hlc = new Float64Array(clocks.length).fill(-Infinity);
  }

  /** A write was issued in `region` (the writer stamps it now, on its own clock). */
  writeIssued(writeIndex: number, region: number, now: number): void {
    if (this.source === 'counter') return;
    const wall = this.clocks[region].read(now);
    const stamp = this.source === 'timestamp' ? wall : Math.max(wall, this.hlc[region] + HLC_TICK_MS);
    if (this.source === 'hlc') this.hlc[region] = stamp;
    this.issued.set(writeIndex, stamp);
  }

  /** The primary committed the write as `version` of `key`. */
  committed(key: number, version: number, writeIndex: number, now: number): void {
    if (this.source === 'counter') return;
    let stamp = this.issued.get(writeIndex) as number;
    this.issued.delete(writeIndex);
    if (this.source === 'hlc') {
      stamp = Math.max(stamp, this.hlc[this.primary] + HLC_TICK_MS, this.clocks[this.primary].read(now));
      this.hlc[this.primary] = stamp;
    }
    let list = this.stamps[key];
    if (!list) {
      list = [];
      this.stamps[key] = list;
    }
    if (version !== this.forgotten[key] + list.length + 1) throw new Error(`version ${version} of key ${key} committed out of order`);
    list.push(stamp);
    if (this.oldestAsked) this.forget(key, list, this.oldestAsked(key));
  }

  /** Drop the stamps of versions below `oldest`. */
  private forget(key: number, list: number[], oldest: number): void {
    const drop = Math.min(oldest - 1 - this.forgotten[key], list.length - 1);
    if (drop <= 0) return;
    list.splice(0, drop);
    this.forgotten[key] += drop;
  }

  /** The stamp of `version` of `key`; version 0 (never written) is older than every stamp. */
  of(key: number, version: number): number {
    if (this.source === 'counter') return version;
    if (version === 0) return -Infinity;
    const index = version - 1 - this.forgotten[key];
    if (index < 0) throw new RangeError(`the stamp of version ${version} of key ${key} was forgotten`);
    return (this.stamps[key] as number[])[index];
  }
}
