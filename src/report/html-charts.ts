/**
 * The run report's own charts, as inline SVG: the staleness CDF, the stale read ratio per
 * region, the coarse staleness histogram, and why reads were stale (the timelines are in
 * html-timeline.ts, the shared frame in chart-frame.ts).
 */
import type { StaleCauseName } from '../metrics/stale-causes.js';
import { STALE_CAUSE_WORDS } from './stale-cause-words.js';
import type { ScenarioResults, StrategyResult } from '../metrics/results.js';
import { PLOT, categoryAxis, emptyPlot, frame, xTick, hGrid, legendEntries, percentTick, plotAxes, sameLinesNote, type LineChart, zeroBasedY } from './chart-frame.js';
import { formatCount, formatDuration, formatRatio } from './format.js';
import { bucketLabels } from './histogram.js';
import { regionsWithReads, type staleCauseRows } from './rows.js';
import {
  type LegendEntry,
  type Scale,
  decadeBelow,
  decades,
  escapeHtml as esc,
  linePath,
  linearScale,
  logScale,
  roundTimeAbove,
  roundTimeBelow,
  roundTimes,
  niceStep,
  num,
  seriesBar,
  seriesColour,
  seriesDash,
  tag,
  ticks,
  zeroLogScale,
} from './svg.js';

/** A bar per strategy as tall as its stale read ratio, stacked by cause. */
export function causesChart(r: ScenarioResults, causes: ReturnType<typeof staleCauseRows>): string {
  const strategies = Object.entries(r.strategies);
  const present = causes.map((row) => row.cause);
  const colour = (cause: StaleCauseName) => CAUSE_COLOURS[cause];
  const { y, step, top } = zeroBasedY(Math.max(0, ...strategies.map(([, s]) => s.stale_read_ratio)), 0.01);
  const slot = (PLOT.x1 - PLOT.x0) / strategies.length;
  const width = Math.min(slot * 0.6, 60);
  const bars = strategies.map(([name, s], i) => {
    const left = PLOT.x0 + slot * (i + 0.5) - width / 2;
    let below = 0;
    const pieces = present.map((cause) => {
      const share = s.stale_reads === 0 ? 0 : s.stale_causes[cause] / s.stale_reads;
      const from = below;
      below += share * s.stale_read_ratio;
      const title = `${name}: ${STALE_CAUSE_WORDS[cause]}, ${formatRatio(share)} of its stale reads (${formatCount(s.stale_causes[cause])})`;
      return share === 0 ? '' : tag('rect', { x: left, y: y(below), width, height: y(from) - y(below), fill: colour(cause) }, tag('title', {}, esc(title)));
    });
    return pieces.join('');
  });
  const axis = categoryAxis(strategies.map(([name]) => name), (i) => PLOT.x0 + slot * (i + 0.5), slot);
  const plot = [hGrid(ticks(0, top, step), y, percentTick(step)), plotAxes(), ...bars, axis.svg].join('\n');
  const entries: LegendEntry[] = present.map((cause) => ({ label: STALE_CAUSE_WORDS[cause], colour: colour(cause), box: true }));
  return frame(`Why reads were stale in ${r.scenario}`, plot, 'strategy', 'stale read ratio', entries, axis.depth);
}

/** Each cause's own colour, none of them a strategy's (the other charts colour strategies), the same in every report. */
const CAUSE_COLOURS: Record<StaleCauseName, string> = {
  stored_stale: '#8c2d04',
  not_invalidated: '#969696',
  invalidation_late: '#fdbe85',
  invalidation_held: '#6baed6',
  invalidation_lost: '#252525',
  invalidation_ignored: '#9e9ac8',
  replica_behind: '#fd8d3c',
  l1_copy: '#74c476',
};

/** (1) Staleness CDF: one line per strategy; x: staleness, 0 at the left edge then log; y: share of reads. */
export function cdfChart(r: ScenarioResults): LineChart {
  const series = Object.entries(r.strategies);
  const points = series.flatMap(([, s]) => s.staleness_cdf);
  const positive = points.map((p) => p.ms).filter((ms) => ms > 0);
  const lo = positive.length > 0 ? roundTimeBelow(Math.min(...positive)) : 1;
  const highest = positive.length > 0 ? Math.max(...positive) : 10;
  // To the next round time, but not past the run: no read can be stale for longer than it lasted.
  let hi = Math.min(roundTimeAbove(highest), Math.max(r.duration_ms, highest));
  // The round time after lo (round times are at least 2.4 times apart).
  if (hi <= lo) hi = roundTimeAbove(lo * 2);
  const zeroGap = 40;
  const x = zeroLogScale([lo, hi], [PLOT.x0, PLOT.x1], zeroGap);

  const firsts = series.flatMap(([, s]) => (s.staleness_cdf.length > 0 ? [s.staleness_cdf[0].fraction] : []));
  const minFirst = firsts.length > 0 ? Math.min(...firsts) : 0;
  const step = minFirst >= 1 ? 0.002 : niceStep(1 - minFirst, 5);
  const yMin = minFirst >= 1 ? 0.99 : Math.max(0, Number((Math.floor(minFirst / step + 1e-9) * step).toPrecision(12)));
  const y = linearScale([yMin, 1], [PLOT.y0, PLOT.y1]);

  const roundTicks = roundTimes(lo, hi);
  // The axis's end is labelled too when the run's length cuts it short of a round time.
  const xTicks = [0, ...roundTicks, ...(roundTicks.at(-1) === hi ? [] : [hi])];
  const vGrid = xTicks
    .map(
      (v) =>
        tag('line', { class: 'grid', x1: x(v), y1: PLOT.y1, x2: x(v), y2: PLOT.y0 }) +
        xTick(x(v), PLOT.y0 + 16, formatDuration(v)),
    )
    .join('\n');
  // The axis breaks between 0 and the first decade: the gap stands for every value in between.
  const breakX = PLOT.x0 + zeroGap / 2;
  const axes = [
    tag('path', { class: 'axis', d: `M${num(PLOT.x0)} ${num(PLOT.y1)} V${num(PLOT.y0)} H${num(breakX - 4)}` }),
    tag('path', { class: 'axis', d: `M${num(breakX + 4)} ${num(PLOT.y0)} H${num(PLOT.x1)}` }),
    tag('path', {
      class: 'axis',
      d: `M${num(breakX - 7)} ${num(PLOT.y0 + 5)} l6 -10 M${num(breakX + 1)} ${num(PLOT.y0 + 5)} l6 -10`,
    }),
  ].join('');

  const drawn = series.map(([, s]) => s.staleness_cdf.map((p) => [x(p.ms), y(p.fraction)] as const));
  const lines = series.map(([name, s], i) => {
    const cdf = s.staleness_cdf;
    if (cdf.length === 0) return '';
    const xy = drawn[i];
    // After the last measured point nothing changes: carry it on to the right edge.
    const last = xy[xy.length - 1];
    const path = tag('path', {
      d: linePath([...xy, [PLOT.x1, last[1]]]),
      fill: 'none',
      stroke: seriesColour(i),
      'stroke-width': 2,
      'stroke-dasharray': seriesDash(i),
      'stroke-linejoin': 'round',
    });
    const dots = cdf
      .map((p, j) =>
        tag(
          'circle',
          { cx: xy[j][0], cy: xy[j][1], r: 3, fill: seriesColour(i) },
          tag('title', {}, esc(`${name}: ${formatRatio(p.fraction)} of reads at most ${formatDuration(p.ms)} stale`)),
        ),
      )
      .join('');
    return tag('g', { class: 'series' }, path + dots);
  });

  const plot = [
    hGrid(ticks(yMin, 1, step), y, percentTick(step)),
    vGrid,
    axes,
    lines.filter((l) => l !== '').join('\n'),
  ].join('\n');
  return {
    chart: frame(
      `Staleness CDF of ${r.scenario}`,
      plot,
      'staleness (log scale; 0 at the left edge)',
      'reads at most this stale',
      legendEntries(r, (s) => (s.staleness_cdf.length === 0 ? ' (no counted reads)' : '')),
    ),
    note: sameLinesNote(series.map(([name], i) => ({ name, points: drawn[i] }))),
  };
}

interface BarGroup {
  label: string;
  /** One per strategy, in order; `undefined` draws no bar. */
  values: (number | undefined)[];
  /** Tooltip per bar. */
  titles: string[];
}

/** Grouped bars: one group per `groups` entry, one bar per strategy inside it, and the groups' labels (`depth` as categoryAxis's). */
function groupedBars(
  groups: readonly BarGroup[],
  y: Scale,
  valueLabel?: (v: number) => string,
): { svg: string; depth: number } {
  const plotW = PLOT.x1 - PLOT.x0;
  const groupW = plotW / Math.max(1, groups.length);
  const n = Math.max(1, groups[0]?.values.length ?? 1);
  const inner = groupW * 0.8;
  const barW = inner / n;
  // Value labels only where they fit above their bar.
  const showValues = valueLabel !== undefined && barW >= 38;
  const bars = groups
    .map((g, gi) => {
      const gx = PLOT.x0 + gi * groupW + (groupW - inner) / 2;
      const bars = g.values.map((v, i) => {
        if (v === undefined || v <= 0) return '';
        const top = Math.min(y(v), PLOT.y0 - 1.5);
        const bx = gx + i * barW + 1;
        const rect = tag(
          'rect',
          { x: bx, y: top, width: Math.max(1, barW - 2), height: PLOT.y0 - top, ...seriesBar(i) },
          tag('title', {}, esc(g.titles[i])),
        );
        const text = showValues
          ? tag('text', { class: 'value', x: bx + (barW - 2) / 2, y: top - 4, 'text-anchor': 'middle' }, esc(valueLabel(v)))
          : '';
        return rect + text;
      });
      return bars.join('') === '' ? '' : tag('g', {}, bars.join(''));
    })
    .filter((g) => g !== '')
    .join('\n');
  const axis = categoryAxis(groups.map((g) => g.label), (gi) => PLOT.x0 + (gi + 0.5) * groupW, groupW);
  return { svg: `${bars}\n${axis.svg}`, depth: axis.depth };
}

/** (2) Stale read ratio per region (groups) per strategy (bars), on a linear scale from 0. */
export function regionBarChart(r: ScenarioResults): string {
  const strategies = Object.entries(r.strategies);
  const groups: BarGroup[] = regionsWithReads(r).map((region) => ({
    label: region,
    values: strategies.map(([, s]) => {
      const set = s.regions[region];
      return set && set.reads > 0 ? set.stale_read_ratio : undefined;
    }),
    titles: strategies.map(([name, s]) => {
      const set = s.regions[region];
      return set && set.reads > 0
        ? `${name} in ${region}: ${formatRatio(set.stale_read_ratio)} stale (${formatCount(set.stale_reads)} of ${formatCount(set.reads)} reads)`
        : `${name} in ${region}: no reads`;
    }),
  }));
  const max = Math.max(0, ...groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined)));
  const label = `Stale read ratio per region of ${r.scenario}`;
  if (max === 0) return frame(label, emptyPlot('No stale reads: every read in every region was fresh'), 'region', 'stale read ratio', legendEntries(r));
  const { y, step, top } = zeroBasedY(max, 0.01);
  const bars = groupedBars(groups, y, formatRatio);
  const plot = [hGrid(ticks(0, top, step), y, percentTick(step)), plotAxes(), bars.svg].join('\n');
  return frame(label, plot, 'region', 'stale read ratio', legendEntries(r), bars.depth);
}

/** (3) The coarse staleness histogram: buckets (groups) per strategy (bars), share of reads on a log scale. */
export function histogramChart(r: ScenarioResults): string {
  const strategies = Object.entries(r.strategies);
  const bounds = strategies.reduce<(number | null)[]>(
    (widest, [, s]) => (s.staleness_histogram.upper_ms.length > widest.length ? s.staleness_histogram.upper_ms : widest),
    [],
  );
  const labels = bucketLabels(bounds);
  const shareOf = (s: StrategyResult, i: number): number | undefined => {
    const total = s.staleness_histogram.counts.reduce((a, b) => a + b, 0);
    const count = s.staleness_histogram.counts[i];
    return total === 0 || count === undefined ? undefined : count / total;
  };
  const groups: BarGroup[] = labels.map((label, i) => ({
    label,
    values: strategies.map(([, s]) => shareOf(s, i)),
    titles: strategies.map(([name, s]) => {
      const share = shareOf(s, i);
      const count = s.staleness_histogram.counts[i] ?? 0;
      return `${name}, ${label}: ${formatCount(count)} reads${share === undefined ? '' : ` (${formatRatio(share)})`}`;
    }),
  }));
  const positive = groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined && v > 0));
  // Below one in ten million the bars say nothing a reader can use; they are drawn at the floor.
  // A decade at least, 10 % to 100 %, when every read is fresh (every share is then 1).
  const lo = Math.max(1e-7, Math.min(0.1, positive.length > 0 ? decadeBelow(Math.min(...positive)) : 1e-3));
  const y = logScale([lo, 1], [PLOT.y0, PLOT.y1]);
  const bars = groupedBars(groups, y);
  const plot = [hGrid(decades(lo, 1), y, decadePercent), plotAxes(), bars.svg].join('\n');
  return frame(
    `Staleness histogram of ${r.scenario}`,
    plot,
    'staleness bucket',
    'share of reads (log scale)',
    legendEntries(r),
    bars.depth,
  );
}

/** A power of ten as a percentage: `100%`, `1%`, `0.001%`. */
function decadePercent(d: number): string {
  return `${Number((d * 100).toPrecision(1))}%`;
}
