/**
 * What the reports draw over simulated time, bucket by bucket: the share of reads that were
 * stale, and the database reads per second. The terminal's sparklines and the HTML report's
 * charts read the same measures, so they always agree.
 */
import type { TimelineResult } from '../metrics/results.js';
import { percentTick } from './chart-frame.js';
import { formatCount, formatRatio } from './format.js';

/** One quantity over time: a value per bucket (`undefined`: nothing to show there). */
export interface Measure {
  /** `Stale reads`: charts say `… over time`. */
  name: string;
  /** What a value is: `share of reads`. */
  unit: string;
  /** The y axis of a chart. */
  yTitle: string;
  /** Bucket `bucket`'s value; `seconds` is how much of the run it covers (the last may be cut short). */
  value: (t: TimelineResult, bucket: number, seconds: number) => number | undefined;
  /** Axis labels for ticks `step` apart. */
  tick: (step: number) => (v: number) => string;
  text: (v: number) => string;
  /** Said of a strategy whose values are all 0. */
  never: string;
}

export const STALE_SHARE: Measure = {
  name: 'Stale reads',
  unit: 'share of reads',
  yTitle: 'share of reads stale',
  value: (t, i) => (t.reads[i] > 0 ? t.stale_reads[i] / t.reads[i] : undefined),
  tick: percentTick,
  text: formatRatio,
  never: 'never stale',
};

export const DATABASE_LOAD: Measure = {
  name: 'Database reads',
  unit: 'per second',
  yTitle: 'database reads per second',
  value: (t, i, seconds) => t.db_reads[i] / seconds,
  tick: () => (v) => formatCount(v),
  text: (v) => `${formatCount(Number(v.toPrecision(4)))}/s`,
  never: 'no database reads',
};

/** A timeline's value in each bucket, with the span each covers (the last bucket ends with the run at `endMs`). */
export function bucketValues(t: TimelineResult, endMs: number, m: Measure): { from: number; to: number; value: number | undefined }[] {
  return t.reads.map((_, i) => {
    const from = t.start_ms + i * t.bucket_ms;
    const to = Math.min(from + t.bucket_ms, endMs);
    return { from, to, value: to > from ? m.value(t, i, (to - from) / 1000) : undefined };
  });
}

/** The timeline with its buckets added up `per` to one (a wider bucket). */
export function mergeBuckets(t: TimelineResult, per: number): TimelineResult {
  const count = Math.ceil(t.reads.length / per);
  const add = (values: readonly number[]) =>
    Array.from({ length: count }, (_, b) => values.slice(b * per, (b + 1) * per).reduce((sum, v) => sum + v, 0));
  return { start_ms: t.start_ms, bucket_ms: t.bucket_ms * per, reads: add(t.reads), stale_reads: add(t.stale_reads), hits: add(t.hits), db_reads: add(t.db_reads), db_reads_after_end: t.db_reads_after_end };
}
