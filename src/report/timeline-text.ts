/**
 * The run over simulated time, as text: per strategy a sparkline of the share of its reads
 * that were stale, then one of its database reads per second, column by column, each block
 * on one scale so heights compare across strategies; under them a line marking the fault
 * windows, an axis, and what each fault was. Timeline buckets are merged, a few to a column,
 * to fit the width; the measures are the HTML report's (timeline-measures.ts).
 */
import type { FaultWindow, ScenarioResults, TimelineResult } from '../metrics/results.js';
import type { Palette } from './colour.js';
import { formatDuration, wrapText } from './format.js';
import { DATABASE_LOAD, type Measure, STALE_SHARE, bucketValues, mergeBuckets } from './timeline-measures.js';

/** Heights, lowest first: any value above 0 shows at least the lowest. */
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** A column whose value is 0 (a column with nothing to measure stays blank). */
const ZERO = '·';
const WINDOW = '━';
const INSTANT = '▲';
/** Fewer columns than this show no shape; the section is left out. */
const MIN_COLUMNS = 8;

/** The columns of one strategy's line: its timeline's buckets merged to fit, valued by a measure. */
interface Columns {
  startMs: number;
  columnMs: number;
  values: (number | undefined)[];
}

function columns(t: TimelineResult, per: number, endMs: number, m: Measure): Columns {
  const merged = mergeBuckets(t, per);
  return { startMs: merged.start_ms, columnMs: merged.bucket_ms, values: bucketValues(merged, endMs, m).map((b) => b.value) };
}

function sparkline(c: Columns, top: number): string {
  return c.values
    .map((v) => {
      if (v === undefined) return ' ';
      if (v === 0) return ZERO;
      return LEVELS[Math.min(LEVELS.length - 1, Math.ceil((v / top) * LEVELS.length) - 1)];
    })
    .join('');
}

function peak(c: Columns, m: Measure): string {
  let best = 0;
  for (let i = 1; i < c.values.length; i++) if ((c.values[i] ?? 0) > (c.values[best] ?? 0)) best = i;
  const value = c.values[best] ?? 0;
  // "from" the column's start (the heading gives its width): "at 58s" in a 4 s column read as if before a fault at 1m.
  return value === 0 ? m.never : `peak ${m.text(value)} from ${formatDuration(c.startMs + best * c.columnMs, { exact: true })}`;
}

/**
 * Lines marking the columns each fault covers, numbered as listed below them (and as the HTML
 * charts number them): a bar under a window, starting with its number; an instant, its number
 * alone. Faults that would overlap go on lines of their own, so none hides another.
 */
function faultLines(c: Columns, faults: readonly FaultWindow[]): string[] {
  const rows: { marks: string[]; lastUsed: number }[] = [];
  faults.forEach((f, index) => {
    const label = String(index + 1);
    const first = Math.max(0, Math.floor((f.at_ms - c.startMs) / c.columnMs));
    const last = f.until_ms === null ? first : Math.max(first, Math.ceil((f.until_ms - c.startMs) / c.columnMs) - 1);
    const end = Math.min(c.values.length - 1, Math.max(last, first + label.length - 1));
    let row = rows.find((r) => r.lastUsed < first);
    if (!row) rows.push((row = { marks: c.values.map(() => ' '), lastUsed: -1 }));
    for (let i = first; i <= end; i++) row.marks[i] = i - first < label.length ? label[i - first] : WINDOW;
    row.lastUsed = end;
  });
  return rows.map((row) => row.marks.join('').trimEnd());
}

/** When a fault happened: `10m–15m`, or `at 20m` for an instant. */
export function faultSpan(f: FaultWindow): string {
  return f.until_ms === null ? `at ${formatDuration(f.at_ms, { exact: true })}` : `${formatDuration(f.at_ms, { exact: true })}–${formatDuration(f.until_ms, { exact: true })}`;
}

function faultText(f: FaultWindow, index: number): string {
  return `${index + 1} ${f.until_ms === null ? INSTANT : WINDOW} ${faultSpan(f)} ${f.label}`;
}

/** The faults and clock jumps that touch the measured span (warmup to end), in time order. */
export function measuredFaults(r: ScenarioResults): FaultWindow[] {
  return r.faults.filter((f) => (f.until_ms ?? f.at_ms) >= r.warmup_ms && f.at_ms < r.duration_ms);
}

/** The measures a run shows over time: those with a value above 0 for some strategy. */
const MEASURES = [STALE_SHARE, DATABASE_LOAD];

/**
 * Lines (no trailing newline): a block per measure that any strategy has something of (stale
 * reads, database reads), or none at all.
 */
export function renderTimelines(r: ScenarioResults, p: Palette, width: number): string[] {
  const entries = Object.entries(r.strategies);
  const shown = MEASURES.filter((m) =>
    entries.some(([, s]) => bucketValues(s.timeline, r.duration_ms, m).some((b) => (b.value ?? 0) > 0)),
  );
  if (shown.length === 0) return [];
  const buckets = entries[0][1].timeline.reads.length;
  const faults = measuredFaults(r);
  const nameWidth = Math.max(...entries.map(([name]) => [...name].length), faults.length > 0 ? 'faults'.length : 0);
  // As many columns as fit beside the names and the peak texts (which depend on the columns).
  let room = width - nameWidth - 2;
  let blocks: { measure: Measure; rows: { name: string; columns: Columns; peak: string }[] }[] = [];
  for (;;) {
    const per = Math.ceil(buckets / room);
    blocks = shown.map((measure) => ({
      measure,
      rows: entries.map(([name, s]) => {
        const c = columns(s.timeline, per, r.duration_ms, measure);
        return { name, columns: c, peak: peak(c, measure) };
      }),
    }));
    const rows = blocks.flatMap((b) => b.rows);
    const overflow = nameWidth + 2 + rows[0].columns.values.length + 2 + Math.max(...rows.map((row) => row.peak.length)) - width;
    if (overflow <= 0) break;
    room -= overflow;
    if (room < MIN_COLUMNS) return [];
  }
  const shape = blocks[0].rows[0].columns;
  const lineWidth = shape.values.length;
  const indent = ' '.repeat(nameWidth + 2);
  const from = formatDuration(shape.startMs);
  const to = formatDuration(r.duration_ms);
  const lines = wrapText(`Over time: a column per ${formatDuration(shape.columnMs)}, each block on one scale`, width).map(p.heading);
  for (const { measure, rows } of blocks) {
    const top = Math.max(...rows.flatMap((row) => row.columns.values.map((v) => v ?? 0)));
    // A rate over a column is its mean: the table's peak is the busiest single second, and higher.
    const averaged = measure === DATABASE_LOAD && shape.columnMs > 1000 ? ` averaged over each column, so at most db reads peak/s` : '';
    lines.push(...wrapText(`${measure.name}, ${measure.unit}${averaged} (█ = ${measure.text(top)})`, width));
    lines.push(...rows.map((row) => `${row.name.padEnd(nameWidth)}  ${sparkline(row.columns, top)}  ${p.dim(row.peak)}`));
  }
  faultLines(shape, faults).forEach((line, i) => lines.push(`${(i === 0 ? 'faults' : '').padEnd(nameWidth)}  ${line}`));
  lines.push(p.dim(`${indent}${from}${to.padStart(Math.max(lineWidth - from.length, to.length + 1))}`));
  faults.forEach((f, i) => lines.push(...wrapText(faultText(f, i), width - 2).map((line) => `  ${line}`)));
  return lines;
}
