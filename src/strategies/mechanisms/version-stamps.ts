/**
 * The version stamp a cache compares for version v of key k. With `counter` it is v itself;
 * with `timestamp` the writer region's clock when the write was issued (so a region whose
 * clock runs behind stamps its newer write as older); with `hlc` a hybrid logical clock:
 * the writer stamps max(its clock, last stamp + tick), and the primary merges that with its
 * own clock and its last stamp, so stamps follow commit order while staying near wall time.
 */
import type { Clock } from '../../model/clock.js';
import type { VersionSource } from '../parts.js';

/** The logical increment of the HLC, in ms (1 µs): stands in for its counter part. */
const HLC_TICK_MS = 0.001;

export class VersionStamps {
  private readonly issued = new Map<number, number>();
  private readonly stamps: (number[] | undefined)[];
  private readonly hlc: Float64Array;

  constructor(
    private readonly source: VersionSource,
    private readonly clocks: readonly Clock[],
    private readonly primary: number,
    keys: number,
  ) {
    this.stamps = source === 'counter' ? [] : new Array(keys);
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
    list[version - 1] = stamp;
  }

  /** The stamp of `version` of `key`; version 0 (never written) is older than every stamp. */
  of(key: number, version: number): number {
    if (this.source === 'counter') return version;
    return version === 0 ? -Infinity : (this.stamps[key] as number[])[version - 1];
  }
}
