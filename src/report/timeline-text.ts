/**
 * Stale reads over simulated time, as text: per strategy a sparkline of the share of its
 * reads that were stale, column by column, all on one scale so heights compare across
 * strategies; under them a line marking the fault windows, an axis, and what each fault was.
 * Timeline buckets are merged, a few to a column, to fit the width.
 */
import type { FaultWindow, ScenarioResults, TimelineResult } from '../metrics/results.js';
import type { Palette } from './colour.js';
import { formatDuration, formatRatio, wrapText } from './format.js';

/** Heights, lowest first: any stale read shows at least the lowest. */
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** A column whose reads were all fresh. */
const NONE_STALE = '·';
const WINDOW = '━';
const INSTANT = '▲';
/** Fewer columns than this show no shape; the section is left out. */
const MIN_COLUMNS = 10;

/** A timeline's buckets merged `per` to a column: reads and stale reads per column. */
interface Columns {
  startMs: number;
  columnMs: number;
  reads: number[];
  stale: number[];
}

function columns(t: TimelineResult, per: number): Columns {
  const count = Math.ceil(t.reads.length / per);
  const add = (values: number[], column: number) => values.slice(column * per, (column + 1) * per).reduce((a, b) => a + b, 0);
  return {
    startMs: t.start_ms,
    columnMs: t.bucket_ms * per,
    reads: Array.from({ length: count }, (_, c) => add(t.reads, c)),
    stale: Array.from({ length: count }, (_, c) => add(t.stale_reads, c)),
  };
}

const shareOf = (c: Columns, i: number) => (c.reads[i] === 0 ? 0 : c.stale[i] / c.reads[i]);

function sparkline(c: Columns, top: number): string {
  return c.reads
    .map((reads, i) => {
      if (reads === 0) return ' ';
      const share = shareOf(c, i);
      if (share === 0) return NONE_STALE;
      return LEVELS[Math.min(LEVELS.length - 1, Math.ceil((share / top) * LEVELS.length) - 1)];
    })
    .join('');
}

function peak(c: Columns): string {
  let best = 0;
  for (let i = 1; i < c.reads.length; i++) if (shareOf(c, i) > shareOf(c, best)) best = i;
  const share = shareOf(c, best);
  return share === 0 ? 'never stale' : `peak ${formatRatio(share)} at ${formatDuration(c.startMs + best * c.columnMs)}`;
}

/** The columns each fault covers: a bar under its window, a mark at an instant. */
function faultLine(c: Columns, faults: readonly FaultWindow[]): string {
  const marks = c.reads.map(() => ' ');
  for (const f of faults) {
    const first = Math.floor((f.at_ms - c.startMs) / c.columnMs);
    const last = f.until_ms === null ? first : Math.ceil((f.until_ms - c.startMs) / c.columnMs) - 1;
    for (let i = Math.max(first, 0); i <= Math.min(last, marks.length - 1); i++) {
      if (f.until_ms === null) marks[i] = INSTANT;
      else if (marks[i] !== INSTANT) marks[i] = WINDOW;
    }
  }
  return marks.join('').trimEnd();
}

/** When a fault happened: `10m–15m`, or `at 20m` for an instant. */
export function faultSpan(f: FaultWindow): string {
  return f.until_ms === null ? `at ${formatDuration(f.at_ms)}` : `${formatDuration(f.at_ms)}–${formatDuration(f.until_ms)}`;
}

function faultText(f: FaultWindow): string {
  return `${f.until_ms === null ? INSTANT : WINDOW} ${faultSpan(f)} ${f.label}`;
}

/** The faults and clock jumps that touch the measured span (warmup to end), in time order. */
export function measuredFaults(r: ScenarioResults): FaultWindow[] {
  return r.faults.filter((f) => (f.until_ms ?? f.at_ms) >= r.warmup_ms && f.at_ms < r.duration_ms);
}

/** Lines (no trailing newline), or none when no strategy read anything stale. */
export function renderStaleTimeline(r: ScenarioResults, p: Palette, width: number): string[] {
  const entries = Object.entries(r.strategies);
  if (entries.every(([, s]) => s.stale_reads === 0)) return [];
  const buckets = entries[0][1].timeline.reads.length;
  const faults = measuredFaults(r);
  const nameWidth = Math.max(...entries.map(([name]) => [...name].length), faults.length > 0 ? 'faults'.length : 0);
  // As many columns as fit beside the names and the peak texts (which depend on the columns).
  let room = width - nameWidth - 2;
  let rows: { name: string; columns: Columns; peak: string }[] = [];
  for (;;) {
    const per = Math.ceil(buckets / room);
    rows = entries.map(([name, s]) => {
      const c = columns(s.timeline, per);
      return { name, columns: c, peak: peak(c) };
    });
    const overflow = nameWidth + 2 + rows[0].columns.reads.length + 2 + Math.max(...rows.map((row) => row.peak.length)) - width;
    if (overflow <= 0) break;
    room -= overflow;
    if (room < MIN_COLUMNS) return [];
  }
  const top = Math.max(...rows.flatMap(({ columns: c }) => c.reads.map((_, i) => shareOf(c, i))));
  const shape = rows[0].columns;
  const lineWidth = shape.reads.length;
  const indent = ' '.repeat(nameWidth + 2);
  const from = formatDuration(shape.startMs);
  const to = formatDuration(r.duration_ms);
  const title = `Stale reads over time: share of reads per ${formatDuration(shape.columnMs)}, one scale (█ = ${formatRatio(top)})`;
  const lines = [
    ...wrapText(title, width).map(p.heading),
    ...rows.map((row) => `${row.name.padEnd(nameWidth)}  ${sparkline(row.columns, top)}  ${p.dim(row.peak)}`),
  ];
  if (faults.length > 0) lines.push(`${'faults'.padEnd(nameWidth)}  ${faultLine(shape, faults)}`);
  lines.push(p.dim(`${indent}${from}${to.padStart(Math.max(lineWidth - from.length, to.length + 1))}`));
  for (const f of faults) lines.push(...wrapText(faultText(f), width - 2).map((line) => `  ${line}`));
  return lines;
}
