/**
 * Small pure helpers for hand-written SVG: escaping, scales, ticks, paths and a legend.
 * Every coordinate goes through `num`, rounded to one decimal, so a report is byte-identical
 * between runs and machines.
 */

/** HTML/XML entities for text and attribute values alike (user input: names, descriptions). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A coordinate rounded to one decimal: `12`, `12.5`, never `-0` or exponent form. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r === 0 ? '0' : r.toFixed(1).replace(/\.0$/, '');
}

/** A tag with attributes in the order given; `undefined` attributes are left out, values escaped. */
export function tag(name: string, attrs: Record<string, string | number | undefined>, body?: string): string {
  const attrText = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeHtml(v)}"`)
    .join('');
  return body === undefined ? `<${name}${attrText}/>` : `<${name}${attrText}>${body}</${name}>`;
}

/** Tableau 10: distinguishable, and still tellable apart in greyscale print by position. */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

/** Colour of the strategy at `index` (its position in the results); cycles past ten. */
export function seriesColour(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/** Past the palette's length colours repeat, so lines get a dash pattern to stay apart. */
export function seriesDash(index: number): string | undefined {
  const round = Math.floor(index / PALETTE.length);
  return round === 0 ? undefined : ['6 3', '2 3', '8 3 2 3'][(round - 1) % 3];
}

/**
 * How a bar (or a swatch) of the strategy at `index` is painted: solid in its colour, and past
 * the palette's length, pale with an outline dashed as its line is, so that bars whose colours
 * repeat stay apart (and match the legend's dashed line).
 */
export function seriesBar(index: number): Record<string, string | number | undefined> {
  const dash = seriesDash(index);
  const colour = seriesColour(index);
  return dash === undefined ? { fill: colour } : { fill: colour, 'fill-opacity': 0.3, stroke: colour, 'stroke-width': 1.5, 'stroke-dasharray': dash };
}

export type Scale = (v: number) => number;

export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

/**
 * A log scale over `[lo, hi]` drawn on `[r0 + zeroGap, r1]`, with 0 at `r0`: staleness is
 * mostly exactly 0, which a log axis cannot place, so 0 gets the left edge and a gap (drawn
 * as a break in the axis). Values between 0 and `lo` are clamped to `lo`.
 */
export function zeroLogScale(
  [lo, hi]: readonly [number, number],
  [r0, r1]: readonly [number, number],
  zeroGap: number,
): Scale {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return (v) => {
    if (v <= 0) return r0;
    const t = b === a ? 0 : (Math.log10(Math.max(v, lo)) - a) / (b - a);
    return r0 + zeroGap + t * (r1 - r0 - zeroGap);
  };
}

/** A log scale over `[lo, hi]` (both > 0) on `[r0, r1]`; values below `lo` are clamped to it. */
export function logScale([lo, hi]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return (v) => r0 + (b === a ? 0 : (Math.log10(Math.max(v, lo)) - a) / (b - a)) * (r1 - r0);
}

/** The powers of ten from `lo` to `hi`, both included when they are powers of ten. */
export function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  // Within [lo, hi] (a bound that is not itself a decade, such as a run's length, cuts the range).
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(decade(e));
  return out;
}

/** 10^e without binary noise (`1e-3`, not `0.0010000000000000002`). */
export function decade(e: number): number {
  return Number(`1e${e}`);
}

/** The power of ten at or below `v` (> 0). */
export function decadeBelow(v: number): number {
  return decade(Math.floor(Math.log10(v) + 1e-9));
}

/**
 * The `i`th round time of a log time axis, in ms: the powers of ten up to 10 s (i = 4), then
 * 1m, 10m, then 1h and its powers of ten (durations print in hours: `100h`) — what a reader
 * counts in, where powers of ten milliseconds read `1m40s`, `16m40s`, `2h46m40s`.
 */
function roundTime(i: number): number {
  if (i <= 4) return decade(i);
  if (i <= 6) return 60_000 * decade(i - 5);
  return 3_600_000 * decade(i - 7);
}

/** The index of the greatest round time at or below `v` (> 0). */
function roundTimeIndex(v: number): number {
  let i = Math.min(4, Math.floor(Math.log10(v) + 1e-9));
  while (roundTime(i + 1) <= v * (1 + 1e-9)) i++;
  return i;
}

/** The round time at or below `v` (> 0). */
export function roundTimeBelow(v: number): number {
  return roundTime(roundTimeIndex(v));
}

/** The round time at or above `v` (> 0). */
export function roundTimeAbove(v: number): number {
  const i = roundTimeIndex(v);
  return roundTime(i) >= v * (1 - 1e-9) ? roundTime(i) : roundTime(i + 1);
}

/** The round times from `lo` to `hi` (ms, both > 0), both included when they are round. */
export function roundTimes(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let t = roundTimeAbove(lo); t <= hi * (1 + 1e-9); t = roundTime(roundTimeIndex(t) + 1)) out.push(t);
  return out;
}

/** A tick step of 1, 2 or 5 × 10^k that cuts `span` into about `count` pieces. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const e = Math.floor(Math.log10(raw));
  const base = decade(e);
  const m = raw / base;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return nice * base;
}

/** Ticks `k × step` from `min` to `max` inclusive, rounded to the step's precision. */
export function ticks(min: number, max: number, step: number): number[] {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const out: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
    out.push(Number((k * step).toFixed(digits)));
  }
  return out;
}

/** `M x y L x y …` through the points, in order. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join(' ');
}

export interface LegendEntry {
  label: string;
  colour: string;
  dash?: string;
  /** A filled square, for bars and areas (a line otherwise). */
  box?: boolean;
}

const LEGEND_ROW = 18;
/** Rough width of a character of the 12 px legend font; only used to lay entries out. */
const LEGEND_CHAR = 7;

/**
 * Legend entries (swatch and label) flowed left to right from `(x, y)`, wrapping at
 * `width`. Returns the markup and the height it takes.
 */
export function legend(entries: readonly LegendEntry[], x: number, y: number, width: number): { svg: string; height: number } {
  let cx = 0;
  let row = 0;
  const items = entries.map((e) => {
    const w = 22 + [...e.label].length * LEGEND_CHAR + 18;
    if (cx > 0 && cx + w > width) {
      cx = 0;
      row++;
    }
    const ix = x + cx;
    const iy = y + row * LEGEND_ROW;
    cx += w;
    const swatch = e.box
      ? tag('rect', { x: ix + 3, y: iy + 1, width: 10, height: 10, fill: e.colour })
      : tag('line', { x1: ix, y1: iy + 6, x2: ix + 16, y2: iy + 6, stroke: e.colour, 'stroke-width': 3, 'stroke-dasharray': e.dash });
    return `${swatch}${tag('text', { x: ix + 22, y: iy + 10 }, escapeHtml(e.label))}`;
  });
  return { svg: tag('g', { class: 'legend' }, items.join('')), height: (row + 1) * LEGEND_ROW };
}
