/**
 * `sweep --html FILE` (and `merge --html FILE`): the sweep as a self-contained page — per
 * metric a chart of its mean over the first parameter's values, one line per strategy (and
 * per combination of the other parameters' values), with the 95 % confidence interval as an
 * error bar on each point; then the sweep's table (with its expectations). Same results, same bytes.
 */
import type { MetricSummary, SweepResults } from '../sweep.js';
import { metricRange } from '../metrics/metric-names.js';
import { PLOT, categoryAxis, emptyPlot, frame, hGrid, percentTick, plotAxes, zeroBasedY } from './chart-frame.js';
import { figure, htmlPage, passCell, unbrokenWords, wrapTable } from './html-page.js';
import { failedSeedsText, rangeText, skippedText } from './expectation-text.js';
import { expectationsOutcome, formatterFor, summaryText, sweepFacts, whereHeld } from './sweep-text.js';
import { type LegendEntry, escapeHtml as esc, linePath, seriesColour, seriesDash, tag, ticks } from './svg.js';

/** One line of a chart: a strategy at one combination of the other parameters' values. */
interface Series {
  label: string;
  /** Per value of the first parameter, the summary there (undefined where the strategy did not run). */
  summaries: (MetricSummary | undefined)[];
}

export function renderSweepHtml(r: SweepResults): string {
  return htmlPage(`cache-sim sweep: ${r.scenario}`, 'cache-sim sweep', sweepHtmlBody(r));
}

/** One sweep's part of a page: its name and facts, a chart per metric, then every value. */
export function sweepHtmlBody(r: SweepResults): string {
  const [first, ...others] = r.params;
  const charts = r.metrics.map((metric) => chart(r, metric));
  const expectations = r.points.some((point) => point.expectations.length > 0) ? expectationsOutcome(r) : undefined;
  return [
    `<h2>${esc(r.scenario)}</h2>`,
    `<p>${esc(sweepFacts(r).join(' · '))}</p>`,
    // Whether every expectation held, before any chart: what a reader checks first.
    ...(expectations ? [`<p>${esc(expectations.title)}: <span class="${expectations.allHeld ? 'pass' : 'fail'}">${esc(expectations.outcome)}</span></p>`] : []),
    ...(skippedText(r) !== '' ? [`<p>${esc(skippedText(r))}</p>`] : []),
    ...charts.map(
      (svg, i) =>
        `<h3>${esc(r.metrics[i])}</h3>\n${figure(svg, caption(r.metrics[i], first?.path ?? '', others.map((p) => p.path)))}`,
    ),
    `<h3>${expectations ? 'Every mean and interval, and the expectations over the seeds' : 'Every mean and interval'}</h3>`,
    meansTable(r),
    ...(expectations ? [`<h4 class="${expectations.allHeld ? 'pass' : 'fail'}">${esc(`${expectations.title}: ${expectations.outcome}`)}</h4>`, expectationsTable(r), whereHeldTable(r)] : []),
    '',
  ].join('\n');
}

/** Per point (a group, its values heading it) and strategy, each metric's mean ± 95 % CI: the terminal's and markdown's rows. */
function meansTable(r: SweepResults): string {
  const paths = r.params.map((param) => param.path);
  const head = `<thead><tr>${paths.map((path) => `<th><code>${unbrokenWords(path)}</code></th>`).join('')}<th>strategy</th>${r.metrics.map((m) => `<th class="num"><code>${unbrokenWords(m)}</code></th>`).join('')}</tr></thead>`;
  const groups = r.points.map((point) => {
    const strategies = Object.entries(point.strategies);
    const rows = strategies.map(([name, summaries], i) => {
      // The point's values head its group, once for all its strategies.
      const values = i === 0 ? paths.map((path) => `<th class="name" rowspan="${strategies.length}">${esc(point.params[path])}</th>`).join('') : '';
      return `<tr>${values}<th class="name">${esc(name)}</th>${r.metrics.map((metric) => `<td class="num">${esc(summaryText(metric, summaries[metric]))}</td>`).join('')}</tr>`;
    });
    return `<tbody>${rows.join('\n')}</tbody>`;
  });
  return wrapTable(`${head}\n${groups.join('\n')}`);
}

/** Each expectation over the seeds: where, whose, on how many seeds it held, the range measured, the seeds it failed on. */
function expectationsTable(r: SweepResults): string {
  const paths = r.params.map((param) => param.path);
  const head = `<thead><tr><th></th>${paths.map((path) => `<th><code>${unbrokenWords(path)}</code></th>`).join('')}<th>strategy</th><th>metric</th><th>condition</th><th class="num">held</th><th class="num">actual</th><th>failed</th></tr></thead>`;
  const rows = r.points.flatMap((point) =>
    point.expectations.map((e) =>
      [
        `<tr${e.pass ? '' : ' class="failed"'}>`,
        `<td>${passCell(e.pass)}</td>`,
        ...paths.map((path) => `<td>${esc(point.params[path])}</td>`),
        `<td class="name">${esc(e.strategy)}</td>`,
        `<td><code>${unbrokenWords(e.metric)}</code></td>`,
        `<td><code>${esc(e.condition)}</code></td>`,
        `<td class="num">${e.held}/${e.runs}</td>`,
        `<td class="num">${esc(rangeText(e))}</td>`,
        `<td>${e.pass ? '' : `${esc(failedSeedsText(e))}, at <code>${esc(e.at)}</code>`}</td>`,
        '</tr>',
      ].join(''),
    ),
  );
  return wrapTable(`${head}\n<tbody>${rows.join('\n')}</tbody>`);
}

/** Where each strategy held all its expectations on every seed (only with parameters). */
function whereHeldTable(r: SweepResults): string {
  const held = whereHeld(r);
  if (held.length === 0) return '';
  const rows = held.map((h) => `<tr><th class="name">${esc(h.strategy)}</th><td${h.where === 'nowhere' ? ' class="fail"' : ''}>${esc(h.where)}</td></tr>`);
  return `<p>Where each strategy held all its expectations on every seed:</p>\n${wrapTable(`<thead><tr><th>strategy</th><th>where</th></tr></thead>\n<tbody>${rows.join('\n')}</tbody>`)}`;
}

function caption(metric: string, first: string, others: string[]): string {
  if (first === '') return `The mean of ${metric} over the seeds, one point per strategy; the bars span the 95 % confidence interval.`;
  const lines = others.length > 0 ? `one line per strategy and value of ${others.join(', ')}` : 'one line per strategy';
  return `The mean of ${metric} over the seeds at each value of ${first}, ${lines}; the bars span the 95 % confidence interval.`;
}

/** The lines of a metric's chart: each strategy, at each combination of the other parameters' values, in grid order. */
function seriesOf(r: SweepResults, metric: string): Series[] {
  const [first, ...others] = r.params;
  const byLabel = new Map<string, Series>();
  for (const point of r.points) {
    const rest = others.map((p) => `${p.path}=${point.params[p.path]}`).join(', ');
    const column = first ? first.values.indexOf(point.params[first.path]) : 0;
    for (const [name, metrics] of Object.entries(point.strategies)) {
      const label = rest ? `${name} · ${rest}` : name;
      let series = byLabel.get(label);
      if (!series) {
        series = { label, summaries: (first?.values ?? ['']).map(() => undefined) };
        byLabel.set(label, series);
      }
      series.summaries[column] = metrics[metric];
    }
  }
  return [...byLabel.values()];
}

function chart(r: SweepResults, metric: string): string {
  const byPoint = seriesOf(r, metric);
  // Without parameters (`run --seeds`) the strategies themselves go along the x axis.
  const perStrategy = r.params.length === 0;
  const values = perStrategy ? byPoint.map((s) => s.label) : r.params[0].values;
  const series = perStrategy ? byPoint.map((s, index) => ({ ...s, summaries: values.map((_, i) => (i === index ? s.summaries[0] : undefined)) })) : byPoint;
  const format = formatterFor(metric);
  const present = series.flatMap((s) => s.summaries.filter((m): m is MetricSummary => m !== undefined && Number.isFinite(m.mean)));
  const { y, step, top } = zeroBasedY(Math.max(0, ...present.map((m) => m.mean + (Number.isFinite(m.ci95) ? m.ci95 : 0))), 1);
  const slot = (PLOT.x1 - PLOT.x0) / values.length;
  const centre = (i: number) => PLOT.x0 + slot * (i + 0.5);
  // Each series a little to the side of the others at every value, so error bars do not hide each other.
  const dodge = perStrategy ? 0 : Math.min(slot / (series.length + 1), DODGE_MAX);
  const xOf = (index: number) => (i: number) => centre(i) + (index - (series.length - 1) / 2) * dodge;
  const xTicks = categoryAxis(values, centre, slot);
  // Each point's tooltip names where it is: `ttl at cache.ttl=5s`, not just `ttl`.
  const at = (i: number) => (perStrategy ? '' : ` at ${r.params[0].path}=${values[i]}`);
  const lines = series.map((s, i) => line(s, i, xOf(i), y, (m) => summaryText(metric, m), at));
  // A metric with no value on any seed (no write made, so none converged): a note, not an empty axis.
  const empty = present.length === 0;
  // Ticks as the run report's charts give them: a ratio's with the decimals its step needs (10%, not 10.0%).
  const tick = metricRange(metric) === 'ratio' ? percentTick(step) : format;
  const plot = empty ? emptyPlot('No value on any seed, for any strategy') : [hGrid(ticks(0, top, step), y, tick), plotAxes(), xTicks.svg, ...lines].join('\n');
  const entries: LegendEntry[] = series.map((s, i) => ({ label: s.label, colour: seriesColour(i), dash: seriesDash(i) }));
  const over = r.params[0]?.path;
  return frame(over ? `${metric} over ${over}` : `${metric} per strategy`, plot, over ?? '', 'mean over the seeds', entries, empty ? 0 : xTicks.depth);
}

/** The most a series is set aside from the next at one value (px). */
const DODGE_MAX = 8;

/** A series' means joined by a line, each with its confidence interval as an error bar (not below 0). */
function line(s: Series, index: number, x: (i: number) => number, y: (v: number) => number, describe: (m: MetricSummary) => string, at: (i: number) => string): string {
  const colour = seriesColour(index);
  const points = s.summaries.flatMap((m, i) => (m && Number.isFinite(m.mean) ? [{ i, m }] : []));
  // A series with no value anywhere (a metric null on every seed) draws no line: an empty path is no valid SVG.
  const path =
    points.length === 0 ? '' : tag('path', { d: linePath(points.map(({ i, m }) => [x(i), y(m.mean)] as const)), fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': seriesDash(index) });
  const marks = points.map(({ i, m }) => {
    // One seed gives no interval: a dot without a bar.
    const bar = Number.isFinite(m.ci95) ? tag('line', { x1: x(i), y1: y(Math.max(0, m.mean - m.ci95)), x2: x(i), y2: y(m.mean + m.ci95), stroke: colour, 'stroke-width': 1.5 }) : '';
    const dot = tag('circle', { cx: x(i), cy: y(m.mean), r: 3.5, fill: colour }, tag('title', {}, esc(`${s.label}${at(i)}: ${describe(m)}`)));
    return bar + dot;
  });
  return tag('g', { class: 'series' }, path + marks.join(''));
}
