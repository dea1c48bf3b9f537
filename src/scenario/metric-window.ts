/**
 * Windowed metric names in `expect:`: `METRIC from DURATION`, `METRIC until DURATION` or
 * `METRIC from DURATION until DURATION` — the metric over the reads issued in that stretch
 * of simulated time only, e.g. `regions.eu-west.stale_read_ratio from 3m20s: "< 0.02"`
 * (after a partition heals, its region recovers). Metric names have no spaces, so the
 * name ends at the first one.
 */
import type { TimeWindow } from './types.js';
import { durationMs } from './units.js';

export interface WrittenWindow {
  /** The metric's own name, e.g. `regions.eu-west.stale_read_ratio`. */
  metric: string;
  /** Window bounds as written (absent: from the end of the warmup, until the end of the run). */
  from?: string;
  until?: string;
}

/** What follows the metric name, when it is not a window. */
export const WINDOW_WORDING = '"METRIC from DURATION", "METRIC until DURATION" or "METRIC from DURATION until DURATION" (e.g. "stale_read_ratio from 3m20s")';

const WINDOW = /^(\S+)(?: from (\S+))?(?: until (\S+))?$/;

/** The metric and its window bounds as written, or `undefined` when the key is not of that form. */
export function splitMetricWindow(key: string): WrittenWindow | undefined {
  const match = WINDOW.exec(key.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const [, metric, from, until] = match;
  return { metric, ...(from === undefined ? {} : { from }), ...(until === undefined ? {} : { until }) };
}

/** Whether `key` names a window at all (then the metric must be one that can have one). */
export function hasWindow(w: WrittenWindow): boolean {
  return w.from !== undefined || w.until !== undefined;
}

/** The window in milliseconds; a bound left out is the end of the warmup (`measuredFromMs`) or of the run (`endMs`). */
export function windowMs(w: WrittenWindow, measuredFromMs: number, endMs: number): TimeWindow {
  return {
    fromMs: w.from === undefined ? measuredFromMs : durationMs(w.from),
    untilMs: w.until === undefined ? endMs : durationMs(w.until),
  };
}
