/**
 * Windowed metric names in `expect:`: `METRIC from DURATION`, `METRIC until DURATION` or
 * `METRIC from DURATION until DURATION` — the metric over the reads issued in that stretch
 * of simulated time only, e.g. `regions.eu-west.stale_read_ratio from 3m20s: "< 0.02"`
 * (after a partition heals, its region recovers). Metric names have no spaces, so the
 * name ends at the first one.
 */
import type { TimeWindow } from './types.js';
import { DURATION_PATTERN, DURATION_WORDING, durationMs, formatMs } from './units.js';

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

/** A metric name as reports show it: spaces around and between its words made single. */
export function metricNameText(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** The metric and its window bounds as written, or `undefined` when the key is not of that form. */
export function splitMetricWindow(key: string): WrittenWindow | undefined {
  const match = WINDOW.exec(metricNameText(key));
  if (!match) return undefined;
  const [, metric, from, until] = match;
  return { metric, ...(from === undefined ? {} : { from }), ...(until === undefined ? {} : { until }) };
}

/**
 * One text per expectation however its window's bounds are written (`from 2s` and `from
 * 2000ms` name the same reads); a bound that is not a duration stays as written.
 */
export function sameExpectationKey(name: string): string {
  const written = splitMetricWindow(name);
  if (!written) return metricNameText(name);
  const bound = (b: string | undefined) => (b === undefined ? '' : new RegExp(DURATION_PATTERN).test(b) ? String(durationMs(b)) : b);
  return `${written.metric} ${bound(written.from)} ${bound(written.until)}`;
}

/** Whether the name has a window at all (then the metric must be one that can have one). */
export function hasWindow(w: WrittenWindow): boolean {
  return w.from !== undefined || w.until !== undefined;
}

/** The window in milliseconds; a bound left out is the end of the warmup (`measuredFromMs`) or of the run (`endMs`). */
function windowMs(w: WrittenWindow, measuredFromMs: number, endMs: number): TimeWindow {
  return {
    fromMs: w.from === undefined ? measuredFromMs : durationMs(w.from),
    untilMs: w.until === undefined ? endMs : durationMs(w.until),
  };
}

/** The window of a metric name (`stale_read_ratio from 3m`) in a run measured from `measuredFromMs` to `endMs`; `undefined` without one. */
export function metricWindow(name: string, measuredFromMs: number, endMs: number): TimeWindow | undefined {
  const written = splitMetricWindow(name);
  return written && hasWindow(written) ? windowMs(written, measuredFromMs, endMs) : undefined;
}

/**
 * What is wrong with a written window in a run measured from `measuredFromMs` to `endMs`, or
 * `undefined`: its bounds must be durations, and it must lie inside the measured run (reads
 * before the warmup never count) and not be empty.
 */
export function windowProblem(w: WrittenWindow, measuredFromMs: number, endMs: number): string | undefined {
  const bad = [w.from, w.until].find((b) => b !== undefined && !new RegExp(DURATION_PATTERN).test(b));
  if (bad !== undefined) return `window bound \`${bad}\` is not a duration; allowed: ${DURATION_WORDING}`;
  const { fromMs, untilMs } = windowMs(w, measuredFromMs, endMs);
  if (fromMs < measuredFromMs) {
    return `the window starts at ${formatMs(fromMs)}, before the warmup ends (${formatMs(measuredFromMs)}); reads before it never count; allowed: from ≥ warmup`;
  }
  if (fromMs >= endMs) return `the window starts at ${formatMs(fromMs)}, when the run is over (duration: ${formatMs(endMs)}); allowed: from < duration`;
  if (untilMs > endMs) return `the window ends at ${formatMs(untilMs)}, after the run does (duration: ${formatMs(endMs)}); allowed: until ≤ duration`;
  if (fromMs >= untilMs) return `the window from ${formatMs(fromMs)} until ${formatMs(untilMs)} is empty; allowed: from < until`;
  return undefined;
}
