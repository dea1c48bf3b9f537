/**
 * The HTML report's charts over simulated time: the share of reads that were stale and the
 * database reads per second, a step line per strategy (one step per timeline bucket), with
 * the scenario's fault windows shaded and its instants marked, numbered as the caption
 * lists them — so a reader sees what each fault did to each strategy.
 */
import type { ScenarioResults, StrategyResult, TimelineResult } from '../metrics/results.js';
import { type LineChart, PLOT, frame, hGrid, legendEntries, plotAxes, sameLinesNote, timeGrid, zeroBasedY } from './chart-frame.js';
import { formatDuration } from './format.js';
import { regionsWithReads } from './rows.js';
import { faultSpan, measuredFaults } from './timeline-text.js';
import { DATABASE_LOAD, type Measure, STALE_SHARE, bucketValues } from './timeline-measures.js';
import { type Scale, escapeHtml as esc, linearScale, num, seriesColour, seriesDash, tag, ticks } from './svg.js';


export function staleTimelineChart(r: ScenarioResults): LineChart {
  return timelineChart(r, STALE_SHARE, wholeRun(r));
}

export function databaseTimelineChart(r: ScenarioResults): LineChart {
  return timelineChart(r, DATABASE_LOAD, wholeRun(r));
}

/**
 * Stale reads over time in each region, all on the scale of the worst: a fault that hits one
 * region shows there in full, where the whole run's chart averages it with the others.
 */
export function regionStaleTimelineCharts(r: ScenarioResults): (LineChart & { region: string })[] {
  const views = regionsWithReads(r).map((region): View & { region: string } => ({
    region,
    label: `in ${region}`,
    timelineOf: (s) => s.regions[region]?.timeline,
  }));
  const max = Math.max(0, ...views.map((view) => highest(r, STALE_SHARE, view)));
  return views.map((view) => ({ region: view.region, ...timelineChart(r, STALE_SHARE, view, max) }));
}

/** The caption's list of what the numbers on the charts mark (the measured faults, numbered from 1). */
export function faultCaption(r: ScenarioResults): string {
  return measuredFaults(r)
    .map((f, i) => `${i + 1}: ${f.label}, ${faultSpan(f)}`)
    .join('; ');
}

/** Which timeline of each strategy a chart draws: the whole run's, or one region's. */
interface View {
  label: string;
  timelineOf: (s: StrategyResult) => TimelineResult | undefined;
}

function wholeRun(r: ScenarioResults): View {
  return { label: `of ${r.scenario}`, timelineOf: (s) => s.timeline };
}

function seriesOf(r: ScenarioResults, m: Measure, view: View): { name: string; steps: Step[] }[] {
  return Object.entries(r.strategies).map(([name, s]) => {
    const timeline = view.timelineOf(s);
    return { name, steps: timeline ? steps(timeline, r.duration_ms, m) : [] };
  });
}

function highest(r: ScenarioResults, m: Measure, view: View): number {
  return Math.max(0, ...seriesOf(r, m, view).flatMap((s) => s.steps.map((step) => step.value)));
}

/** `scaleMax`: the value the y axis must reach (charts drawn side by side share it). */
function timelineChart(r: ScenarioResults, m: Measure, view: View, scaleMax = highest(r, m, view)): LineChart {
  const start = r.warmup_ms;
  const end = r.duration_ms;
  const x = linearScale([start, end], [PLOT.x0, PLOT.x1]);
  const { y, step, top } = zeroBasedY(scaleMax, 1);
  const series = seriesOf(r, m, view);
  const plot = [
    faultMarks(r, x),
    hGrid(ticks(0, top, step), y, m.tick(step)),
    timeGrid(start, end, x, PLOT.y1, PLOT.y0),
    plotAxes(),
    series.map((s, i) => stepLine(s.name, s.steps, i, x, y, m)).join('\n'),
  ].join('\n');
  return {
    chart: frame(`${m.name} over time ${view.label}`, plot, 'simulated time', m.yTitle, legendEntries(r)),
    note: sameLinesNote(series.map((s) => ({ name: s.name, points: s.steps.map((step) => [x(step.from), x(step.to), y(step.value)]) }))),
  };
}

interface Step {
  from: number;
  to: number;
  value: number;
}

/** One step per bucket with a value; the last bucket ends with the run. */
function steps(t: TimelineResult, endMs: number, m: Measure): Step[] {
  return bucketValues(t, endMs, m).flatMap(({ from, to, value }) => (value === undefined ? [] : [{ from, to, value }]));
}

function stepLine(name: string, line: Step[], index: number, x: Scale, y: Scale, m: Measure): string {
  if (line.length === 0) return '';
  // A gap (a bucket without reads) starts a new piece of the line.
  const d = line
    .map((s, i) => `${i > 0 && line[i - 1].to === s.from ? 'L' : 'M'}${num(x(s.from))} ${num(y(s.value))} H${num(x(s.to))}`)
    .join(' ');
  const peak = line.reduce((a, b) => (b.value > a.value ? b : a));
  const title = `${name}: peak ${m.text(peak.value)} in ${formatDuration(peak.from, { exact: true })}–${formatDuration(peak.to, { exact: true })}`;
  const path = tag('path', {
    d,
    fill: 'none',
    stroke: seriesColour(index),
    'stroke-width': 2,
    'stroke-dasharray': seriesDash(index),
    'stroke-linejoin': 'round',
  });
  return tag('g', { class: 'series' }, tag('title', {}, esc(title)) + path);
}

/** A shaded band per fault window, a dashed line per instant, each numbered at the top. */
function faultMarks(r: ScenarioResults, x: Scale): string {
  return measuredFaults(r)
    .map((f, i) => {
      const from = x(Math.max(f.at_ms, r.warmup_ms));
      const to = f.until_ms === null ? from : x(Math.min(f.until_ms, r.duration_ms));
      const title = tag('title', {}, esc(`${i + 1}: ${f.label}`));
      const mark =
        f.until_ms === null
          ? tag('line', { class: 'fault-instant', x1: from, y1: PLOT.y1, x2: from, y2: PLOT.y0 }, title)
          : tag('rect', { class: 'fault', x: from, y: PLOT.y1, width: Math.max(to - from, 1), height: PLOT.y0 - PLOT.y1 }, title);
      const number = tag('text', { class: 'fault-number', x: from + 3, y: PLOT.y1 + 11 }, String(i + 1));
      return mark + number;
    })
    .join('\n');
}
