/**
 * The frame every chart of the HTML report shares: a fixed-width viewBox, the plot area
 * inside margins, horizontal grid lines with tick labels, axis titles and the strategies'
 * legend underneath.
 */
import type { ScenarioResults, StrategyResult } from '../metrics/results.js';
import { roundWidthMs } from '../metrics/timeline.js';
import { formatDuration } from './format.js';
import { type LegendEntry, type Scale, escapeHtml as esc, legend, linearScale, niceStep, num, seriesColour, seriesDash, tag } from './svg.js';

export const WIDTH = 720;
const MARGIN = { left: 70, right: 24, top: 14, bottom: 46 };
const PLOT_HEIGHT = 240;
export const PLOT = {
  x0: MARGIN.left,
  x1: WIDTH - MARGIN.right,
  y0: MARGIN.top + PLOT_HEIGHT,
  y1: MARGIN.top,
};

/** Width of a character of a tick label, in px (11 px sans-serif, on the wide side). */
const TICK_CHAR = 6.5;

/**
 * A category's label under the x axis, centred at `x`, cut short where it would run into its
 * neighbours (`room` px is its share of the axis), the whole of it then in a tooltip.
 */
export function categoryTick(x: number, text: string, room: number): string {
  const attrs = { class: 'tick', x, y: PLOT.y0 + 16, 'text-anchor': 'middle' };
  return tickText(attrs, text, Math.max(3, Math.floor((room - 4) / TICK_CHAR)));
}

/**
 * A tick label under the x axis at `x`, centred, but ending at `x` where centred it would
 * reach past the chart's right `edge` and be cut there (`2h46m40` for `2h46m40s`).
 */
export function xTick(x: number, y: number, text: string, edge = WIDTH): string {
  const anchor = x + ([...text].length * TICK_CHAR) / 2 > edge - 2 ? 'end' : 'middle';
  return tag('text', { class: 'tick', x, y, 'text-anchor': anchor }, esc(text));
}

/** Slanted labels are drawn at this angle, and cut short past this many characters. */
const SLANT = 45;
const SLANT_CHARS = 20;
const SLANT_COS = Math.cos((SLANT * Math.PI) / 180);

/**
 * The labels of a category axis, the `i`th centred at `centre(i)` with `room` px each: level
 * while every one fits its share, else all slanted, whole up to SLANT_CHARS characters, so
 * that many long names (sixteen regions, nine variants of a strategy) stay distinguishable
 * instead of all reading `regi…`. `depth`: how much further down the slanted labels reach
 * than level ones (for frame()).
 */
export function categoryAxis(labels: readonly string[], centre: (i: number) => number, room: number): { svg: string; depth: number } {
  const fits = Math.max(3, Math.floor((room - 4) / TICK_CHAR));
  if (labels.every((text) => [...text].length <= fits)) return { svg: labels.map((text, i) => categoryTick(centre(i), text, room)).join('\n'), depth: 0 };
  let longest = 0;
  const svg = labels.map((text, i) => {
    const x = centre(i) + 4;
    const y = PLOT.y0 + 12;
    // Not past the chart's left edge.
    const chars = Math.min(SLANT_CHARS, Math.floor((x - 4) / (TICK_CHAR * SLANT_COS)), [...text].length);
    longest = Math.max(longest, chars);
    return tickText({ class: 'tick', x, y, 'text-anchor': 'end', transform: `rotate(-${SLANT} ${num(x)} ${num(y)})` }, text, chars);
  });
  return { svg: svg.join('\n'), depth: Math.ceil(longest * TICK_CHAR * SLANT_COS) };
}

/** A tick label of at most `fits` characters: cut short with an ellipsis, the whole of it in a tooltip. */
function tickText(attrs: Record<string, string | number>, text: string, fits: number): string {
  const chars = [...text];
  if (chars.length <= fits) return tag('text', attrs, esc(text));
  return tag('text', attrs, tag('title', {}, esc(text)) + esc(`${chars.slice(0, fits - 1).join('')}…`));
}

export function legendEntries(r: ScenarioResults, suffix: (s: StrategyResult) => string = () => ''): LegendEntry[] {
  return Object.entries(r.strategies).map(([name, s], i) => ({
    label: name + suffix(s),
    colour: seriesColour(i),
    dash: seriesDash(i),
  }));
}

/** A chart of lines, and what its caption must add when some of them coincide (sameLinesNote). */
export interface LineChart {
  chart: string;
  note: string;
}

/**
 * The caption's word on lines drawn over each other (strategies that measured the same, or
 * so nearly that no pixel tells them apart): only the last drawn shows, so without it the
 * others look missing. `points`: where each line passes in the plot (px); lines without any
 * are left out. '' when no two coincide.
 */
export function sameLinesNote(lines: readonly { name: string; points: readonly (readonly number[])[] }[]): string {
  const groups = new Map<string, string[]>();
  for (const { name, points } of lines) {
    if (points.length === 0) continue;
    const key = points.map((point) => point.map(Math.round).join(' ')).join(',');
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  const sentences = [...groups.values()]
    .filter((names) => names.length > 1)
    .map((names) => `${names.slice(0, -1).join(', ')} and ${names.at(-1)} draw the same line (${names.at(-1)}’s, on top, is the one seen).`);
  return sentences.length === 0 ? '' : ` ${sentences.join(' ')}`;
}

/**
 * The frame around a plot: axis titles, the legend below, and the `<svg>` element itself;
 * `depth` px more below the plot for slanted category labels (categoryAxis).
 */
export function frame(label: string, plot: string, xTitle: string, yTitle: string, entries: LegendEntry[], depth = 0): string {
  const bottom = PLOT.y0 + MARGIN.bottom + depth;
  const key = legend(entries, PLOT.x0, bottom, PLOT.x1 - PLOT.x0);
  const height = bottom + key.height + 6;
  const xLabel = tag('text', { x: (PLOT.x0 + PLOT.x1) / 2, y: bottom - 10, 'text-anchor': 'middle' }, esc(xTitle));
  const yx = 16;
  const yy = (PLOT.y0 + PLOT.y1) / 2;
  const yLabel = tag('text', { x: yx, y: yy, 'text-anchor': 'middle', transform: `rotate(-90 ${num(yx)} ${num(yy)})` }, esc(yTitle));
  return tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart',
      viewBox: `0 0 ${WIDTH} ${num(height)}`,
      width: WIDTH,
      height,
      role: 'img',
      'aria-label': label,
    },
    `\n${tag('title', {}, esc(label))}\n${plot}\n${xLabel}${yLabel}\n${key.svg}\n`,
  );
}

export function hGrid(values: readonly number[], y: Scale, text: (v: number) => string): string {
  return values
    .map(
      (v) =>
        tag('line', { class: 'grid', x1: PLOT.x0, y1: y(v), x2: PLOT.x1, y2: y(v) }) +
        tag('text', { class: 'tick', x: PLOT.x0 - 6, y: y(v) + 4, 'text-anchor': 'end' }, esc(text(v))),
    )
    .join('\n');
}

/** Tick labels of a linear percentage axis, all with the decimals its step needs: `95%`, `99.8%`. */
export function percentTick(step: number): (v: number) => string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step * 100) + 1e-9));
  return (v) => `${(v * 100).toFixed(decimals)}%`;
}

/** The left and bottom axes of the plot area. */
export function plotAxes(): string {
  return tag('path', { class: 'axis', d: `M${num(PLOT.x0)} ${num(PLOT.y1)} V${num(PLOT.y0)} H${num(PLOT.x1)}` });
}

/** The plot of a chart with nothing to draw: its axes, and in the middle a line saying why, rather than an empty grid. */
export function emptyPlot(note: string): string {
  const text = tag('text', { class: 'note', x: (PLOT.x0 + PLOT.x1) / 2, y: (PLOT.y0 + PLOT.y1) / 2, 'text-anchor': 'middle' }, esc(note));
  return `${plotAxes()}\n${text}`;
}

/**
 * A linear y axis from 0 to the first round step at or above `max` (`whenZero` stands for the
 * max when everything is 0): the scale, its step, and its top.
 */
export function zeroBasedY(max: number, whenZero: number): { y: Scale; step: number; top: number } {
  const step = niceStep(max > 0 ? max : whenZero, 5);
  const top = Math.max(step, Number((Math.ceil(max / step - 1e-9) * step).toPrecision(12)));
  return { y: linearScale([0, top], [PLOT.y0, PLOT.y1]), step, top };
}

/**
 * Vertical grid lines at round times in [start, end], from `top` to `bottom`, each labelled
 * below it; at most `count` of them: labels like `12m30s` need room. `edge`: the chart's width.
 */
export function timeGrid(start: number, end: number, x: Scale, top: number, bottom: number, edge = WIDTH, count = 8): string {
  const every = roundWidthMs(end - start, count);
  const marks: string[] = [];
  // Ticks as multiples (no sum drifting off them), each told exactly: 1m00.5s, not 1m01s twice.
  for (let k = Math.ceil(start / every); k * every <= end; k++) {
    const t = k * every;
    marks.push(
      tag('line', { class: 'grid', x1: x(t), y1: top, x2: x(t), y2: bottom }) +
        xTick(x(t), bottom + 16, formatDuration(t, { exact: true }), edge),
    );
  }
  return marks.join('\n');
}
