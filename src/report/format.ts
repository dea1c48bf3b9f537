/**
 * Number formatting shared by every human-readable report. Deterministic and
 * locale-independent (toFixed/toPrecision, never toLocaleString or Intl), so golden files
 * are the same on every machine.
 */

import { groupThousands } from '../util/thousands.js';

/** Placeholder for a value that does not exist (no write converged → no convergence). */
export const NONE = '—';

/**
 * A duration in milliseconds, to three significant figures in the largest unit that keeps
 * the number at or above 1: `0`, `850µs`, `12.3ms`, `1.52s`, `2m05s`, `1h30m`.
 * With `exact`, up to six significant figures (sub-millisecond above a minute is noise), for
 * places where rounding could hide why a bound failed (`2.004s` against `<= 2s`).
 */
export function formatDuration(ms: number, opts: { exact?: boolean } = {}): string {
  if (Number.isNaN(ms)) return NONE;
  if (ms < 0) return `-${formatDuration(-ms, opts)}`;
  if (ms === Infinity) return '∞';
  if (ms === 0) return '0';
  const digits = opts.exact ? 6 : 3;
  // Try each unit in turn; rounding can carry into the next one (999.96ms → 1s), so compare
  // the rounded value, not the raw one.
  const us = roundSignificant(ms * 1000, digits);
  if (Number(us) < 1000) return `${us}µs`;
  const msText = roundSignificant(ms, digits);
  if (Number(msText) < 1000) return `${msText}ms`;
  const s = roundSignificant(ms / 1000, digits);
  if (Number(s) < 60) return `${s}s`;
  return clock(opts.exact ? Math.round(ms) : Math.round(ms / 1000) * 1000);
}

/** `2m05s`, `30m`, `1h02m`, `1h00m05s`; seconds keep milliseconds when given any. */
function clock(totalMs: number): string {
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  const secMs = totalMs % 60_000;
  let text = h > 0 ? `${h}h` : '';
  if (m > 0 || (h > 0 && secMs > 0)) text += h > 0 ? `${pad2(m)}m` : `${m}m`;
  if (secMs > 0) {
    const whole = Math.floor(secMs / 1000);
    const frac = secMs % 1000;
    text += `${pad2(whole)}${frac > 0 ? `.${String(frac).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  }
  return text;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `v` (> 0) to `digits` significant figures, trailing zeros dropped, never in exponent form. */
function roundSignificant(v: number, digits: number): string {
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(v)));
  return stripZeros(v.toFixed(Math.min(decimals, 100)));
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * A ratio as a percentage with enough decimals to keep two significant figures of small
 * values (`0.035%`) and to keep "almost all" apart from "all" (`99.990%`, never `100.0%`
 * unless it is exactly 1). Exact 0 and 1 print as `0%` and `100%`.
 */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return NONE;
  if (r === 0) return '0%';
  if (r === 1) return '100%';
  const pct = r * 100;
  let decimals = percentDecimals(Math.abs(pct));
  if (pct > 99 && pct < 100) decimals = Math.max(decimals, percentDecimals(100 - pct));
  return `${pct.toFixed(decimals)}%`;
}

function percentDecimals(pct: number): number {
  if (pct >= 10) return 1;
  if (pct >= 1) return 2;
  return Math.min(8, 1 - Math.floor(Math.log10(pct)));
}

/** A count with thousands separators: `3,420,113`, and a mean of counts `4,838.5`. */
export function formatCount(n: number): string {
  const text = Number.isInteger(n) ? String(n) : formatNumber(n);
  // Group the whole part only; exponent forms (`1e+21`), `—` and `∞` stay as they are.
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  return groupThousands(text);
}

/** A plain number to six significant figures without trailing zeros (`0.00035`, `1.9`). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? NONE : n > 0 ? '∞' : '-∞';
  return String(Number(n.toPrecision(6)));
}

/** Width of `text` on a terminal: escape codes take none, every code point one column. */
export function visibleWidth(text: string): number {
  return [...stripAnsi(text)].length;
}

export function stripAnsi(text: string): string {
  // SGR sequences only: that is all chalk emits.
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Greedy word wrap to `width` columns; a word longer than the width gets a line of its own. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && visibleWidth(line) + 1 + visibleWidth(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A heading (or any line in one style) wrapped to `width`, each line painted. */
export function wrapPainted(text: string, width: number, paint: (line: string) => string): string {
  return wrapText(text, width).map(paint).join('\n');
}

/** `text` wrapped to `width` columns in all, its first line indented by `first`, the rest by `rest` (a hanging indent). */
export function wrapIndented(text: string, width: number, first = '  ', rest = '    '): string[] {
  return wrapText(text, width - rest.length).map((line, i) => `${i === 0 ? first : rest}${line}`);
}

/**
 * Join `pieces` with `separator`, starting a new line where the next piece would pass `width`;
 * a piece wider than the width on its own (a long list of seeds) is word-wrapped.
 */
export function joinWrapped(pieces: readonly string[], separator: string, width: number): string[] {
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines.at(-1);
    if (last !== undefined && visibleWidth(last) + visibleWidth(separator) + visibleWidth(piece) <= width) {
      lines[lines.length - 1] = last + separator + piece;
    } else {
      lines.push(...(visibleWidth(piece) > width ? wrapText(piece, width) : [piece]));
    }
  }
  return lines;
}

/** A cell of `alignedOrWrapped`: its text, and how to paint it once padded. */
export interface PaintedCell {
  text: string;
  paint?: (text: string) => string;
}

/**
 * Rows after a mark (✓, ✗), their cells in aligned columns when the widest row fits `width`;
 * otherwise each row as one sentence, its last cell after a colon, wrapped with a hanging indent.
 */
export function alignedOrWrapped(rows: readonly { mark: string; cells: readonly PaintedCell[] }[], width: number): string[][] {
  if (rows.length === 0) return [];
  const columns = rows[0].cells.length;
  const widths = Array.from({ length: columns - 1 }, (_, i) => Math.max(...rows.map((row) => visibleWidth(row.cells[i].text))));
  const widest = 4 + widths.reduce((sum, w) => sum + w + 2, 0) + Math.max(...rows.map((row) => visibleWidth(row.cells[columns - 1].text)));
  const paint = (cell: PaintedCell, text = cell.text) => (cell.paint ? cell.paint(text) : text);
  return rows.map(({ mark, cells }) => {
    if (widest <= width) return [`  ${mark} ${cells.map((cell, i) => paint(cell, i < columns - 1 ? cell.text.padEnd(widths[i]) : cell.text)).join('  ')}`];
    // Each cell stays whole on a line where it fits (`actual 3` is not split after `actual`).
    const pieces = [`${mark} ${paint(cells[0])}`, ...cells.slice(1, -1).map((cell) => paint(cell)), paint(cells[columns - 1])];
    pieces[pieces.length - 2] += ':';
    return joinWrapped(pieces, ' ', width - 4).map((line, i) => `${i === 0 ? '  ' : '    '}${line}`);
  });
}

/** `mean ± half-width` of a confidence interval; the mean alone when there is none (one seed). */
export function withInterval(format: (v: number) => string, mean: number, ci95: number): string {
  return Number.isFinite(ci95) ? `${format(mean)} ± ${format(ci95)}` : format(mean);
}

/** `1 seed`, `3 seeds`. */
export function countText(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
