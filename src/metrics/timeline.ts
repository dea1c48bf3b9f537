/**
 * Reads over simulated time: the measured span (warmup to end) cut into at most
 * MAX_BUCKETS equal buckets of a round width, each counting reads, stale reads, cache hits
 * and database reads (those made after the end, answering reads issued before it, apart:
 * in no bucket, lest the drain look like a spike of load). This is what shows a fault's window — the stale reads of a partition,
 * the wall of database reads after a cache restart — that whole-run ratios average away.
 * Fixed memory whatever the number of reads.
 */
import type { TimelineResult } from './results.js';

/** Enough to see a fault's window, few enough for a terminal line and a compact JSON. */
export const MAX_BUCKETS = 100;

/** Bucket widths people read at a glance (ms): 1-2-5 steps, then clock units. */
const ROUND_WIDTHS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];
const DAY_MS = 86_400_000;

/** Where the buckets start, how wide they are and how many there are; where the measured span ends. */
export interface TimelineShape {
  startMs: number;
  bucketMs: number;
  buckets: number;
  endMs: number;
}

/** The narrowest round width (ms) that cuts `spanMs` into at most `count` pieces (bucket widths, chart ticks). */
export function roundWidthMs(spanMs: number, count: number): number {
  const fits = (width: number) => Math.ceil(spanMs / width) <= count;
  return ROUND_WIDTHS_MS.find(fits) ?? Math.ceil(spanMs / count / DAY_MS) * DAY_MS;
}

/** The shape covering [startMs, endMs): the narrowest round width that needs at most MAX_BUCKETS buckets. */
export function timelineShape(startMs: number, endMs: number): TimelineShape {
  const span = Math.max(endMs - startMs, 0);
  const bucketMs = roundWidthMs(span, MAX_BUCKETS);
  return { startMs, bucketMs, buckets: Math.max(Math.ceil(span / bucketMs), 1), endMs: Math.max(endMs, startMs) };
}

export class Timeline {
  private readonly reads: Float64Array;
  private readonly staleReads: Float64Array;
  private readonly hits: Float64Array;
  private readonly dbReads: Float64Array;
  private dbReadsAfterEnd = 0;

  constructor(readonly shape: TimelineShape) {
    this.reads = new Float64Array(shape.buckets);
    this.staleReads = new Float64Array(shape.buckets);
    this.hits = new Float64Array(shape.buckets);
    this.dbReads = new Float64Array(shape.buckets);
  }

  /** A measured read issued at `issued`. */
  read(issued: number, stale: boolean, hit: boolean): void {
    const i = this.bucketOf(issued);
    this.reads[i]++;
    if (stale) this.staleReads[i]++;
    if (hit) this.hits[i]++;
  }

  /** A measured database read made at `time`. */
  databaseRead(time: number): void {
    if (time >= this.shape.endMs) this.dbReadsAfterEnd++;
    else this.dbReads[this.bucketOf(time)]++;
  }

  merge(other: Timeline): void {
    for (let i = 0; i < this.shape.buckets; i++) {
      this.reads[i] += other.reads[i];
      this.staleReads[i] += other.staleReads[i];
      this.hits[i] += other.hits[i];
      this.dbReads[i] += other.dbReads[i];
    }
    this.dbReadsAfterEnd += other.dbReadsAfterEnd;
  }

  toResult(): TimelineResult {
    return {
      start_ms: this.shape.startMs,
      bucket_ms: this.shape.bucketMs,
      reads: Array.from(this.reads),
      stale_reads: Array.from(this.staleReads),
      hits: Array.from(this.hits),
      db_reads: Array.from(this.dbReads),
      db_reads_after_end: this.dbReadsAfterEnd,
    };
  }

  private bucketOf(time: number): number {
    // The last bucket may reach past the end (a round width); what is counted is before the end.
    return Math.min(Math.floor((time - this.shape.startMs) / this.shape.bucketMs), this.shape.buckets - 1);
  }
}
