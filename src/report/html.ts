/**
 * `--html FILE`: one self-contained HTML document per run: per scenario its facts, the
 * strategy comparison (COMPARISON_GROUPS, best values highlighted), the per-region
 * breakdown, hand-written SVG charts (three of staleness; stale and database reads over
 * time; stale reads over time per region), the most stale keys and the expectations, ending with the replay
 * command when one failed. Inline CSS only: no scripts, no external resources, no dates or
 * random ids, so the same results give the same bytes.
 */
import { allPassed } from '../metrics/expect.js';
import { STALE_CAUSE_WORDS, type StaleCauseName } from '../metrics/stale-causes.js';
import type { ExpectationResult, ScenarioResults, StrategyResult } from '../metrics/results.js';
import { PLOT, frame, hGrid, legendEntries, percentTick, plotAxes, zeroBasedY } from './chart-frame.js';
import { actualText, outcomeText, skippedText } from './expectation-text.js';
import { htmlPage } from './html-page.js';
import { formatCount, formatDuration, formatRatio } from './format.js';
import { bucketLabels } from './histogram.js';
import { databaseTimelineChart, faultCaption, regionStaleTimelineCharts, staleTimelineChart } from './html-timeline.js';
import { STALE_CAUSES_CAPTION, STALE_KEYS_CAPTION, compareStrategies, mainStaleCauses, regionNames, regionsWithReads, staleCauseRows, staleKeyTexts, staleKeyTrace } from './rows.js';
import {
  type LegendEntry,
  type Scale,
  decadeAbove,
  decadeBelow,
  decades,
  escapeHtml as esc,
  linePath,
  linearScale,
  logScale,
  niceStep,
  num,
  seriesColour,
  seriesDash,
  tag,
  ticks,
  zeroLogScale,
} from './svg.js';

export function renderHtml(results: ScenarioResults[]): string {
  const title =
    results.length === 1 ? `cache-sim: ${results[0].scenario}` : `cache-sim: ${results.length} scenarios`;
  const nav =
    results.length > 1
      ? `<nav><ol>${results.map((r, i) => `<li><a href="#scenario-${i + 1}">${esc(r.scenario)}</a> <span class="${outcomeClass(r.expectations)}">${esc(outcome(r.expectations))}</span></li>`).join('')}</ol></nav>\n`
      : '';
  const body = results.length === 0 ? '<p>No scenarios ran.</p>\n' : results.map(scenario).join('');
  return htmlPage(title, 'cache-sim report', `${nav}${body}`);
}

function outcome(expectations: readonly ExpectationResult[]): string {
  return expectations.length === 0 ? 'no expectations' : `expectations ${outcomeText(expectations)}`;
}

function outcomeClass(expectations: readonly ExpectationResult[]): string {
  return allPassed(expectations) ? 'pass' : 'fail';
}

function scenario(r: ScenarioResults, index: number): string {
  const names = Object.keys(r.strategies);
  const parts = [
    `<section class="scenario" id="scenario-${index + 1}">`,
    `<h2>${esc(r.scenario)}</h2>`,
    r.description ? `<p class="description">${esc(r.description)}</p>` : '',
    facts(r),
    '<h3>Comparison</h3>',
    comparison(r),
    '<h3>Per region</h3>',
    regionTable(r),
  ];
  if (names.length > 0) {
    parts.push(
      '<h3>Staleness distribution</h3>',
      figure(
        cdfChart(r),
        'Share of reads (after warmup) whose staleness is at most x: fresh reads sit at 0 on the left edge, the rest on a log scale. Dots are measured points; lines join them.',
      ),
      '<h3>Stale read ratio per region</h3>',
      figure(regionBarChart(r), `Stale reads ÷ reads in each region, per strategy.${noReadsNote(r)}`),
      '<h3>Staleness histogram</h3>',
      figure(
        histogramChart(r),
        'Share of reads in each staleness bucket, on a log scale so rare stale reads stay visible next to the fresh majority.',
      ),
      '<h3>Over time</h3>',
      figure(staleTimelineChart(r), `Stale reads ÷ reads in each ${stretch(r)} of simulated time, by when the read was issued.${faultsNote(r)}`),
      figure(
        databaseTimelineChart(r),
        `Reads of the primary and the replicas per second, averaged over each ${stretch(r)} (so below the busiest single second, db reads peak/s).${faultsNote(r)}`,
      ),
    );
    const regionCharts = regionStaleTimelineCharts(r);
    const noReads = noReadsNote(r);
    if (regionCharts.length > 1) {
      parts.push(
        '<h3>Over time, per region</h3>',
        noReads ? `<p>${esc(noReads.trim())}</p>` : '',
        ...regionCharts.map(({ region, chart }) =>
          figure(chart, `${region}: stale reads ÷ reads of the region in each ${stretch(r)} of simulated time (every region on the same scale).`),
        ),
      );
    }
  }
  const causes = staleCauseRows(r);
  if (causes.length > 0) {
    parts.push(
      `<h3>${esc(STALE_CAUSES_CAPTION)}</h3>`,
      figure(causesChart(r, causes), 'Each bar is a strategy’s stale read ratio, cut by why its stale reads were stale (the table below gives each cause’s share).'),
      causesTable(r, causes),
      mainCausesList(r),
    );
  }
  const trace = staleKeyTrace(r);
  if (trace !== undefined) parts.push(`<h3>${esc(STALE_KEYS_CAPTION)}</h3>`, staleKeysTable(r), `<p>One key's story (add <code>--html FILE</code> for its lanes over time): <code>${esc(trace)}</code></p>`);
  if (r.expectations.length > 0) {
    parts.push(`<h3>Expectations: <span class="${outcomeClass(r.expectations)}">${esc(outcomeText(r.expectations))}</span></h3>`);
    parts.push(expectationTable(r.expectations));
  }
  if (skippedText(r) !== '') parts.push(`<p>${esc(skippedText(r))}</p>`);
  if (!allPassed(r.expectations)) {
    parts.push('<h3>Replay</h3>', `<pre><code>${esc(r.replay)}</code></pre>`);
  }
  parts.push('</section>');
  return parts.filter((p) => p !== '').join('\n') + '\n';
}

/** What the numbered marks on the timeline charts are, if any. */
function faultsNote(r: ScenarioResults): string {
  const caption = faultCaption(r);
  return caption === '' ? '' : ` Shaded or dashed, numbered: ${caption}.`;
}

function facts(r: ScenarioResults): string {
  const items: [string, string][] = [
    ['file', `<code>${esc(r.file)}</code>`],
    ['seed', esc(String(r.seed))],
    ['simulated', esc(formatDuration(r.duration_ms))],
    ['warmup', esc(formatDuration(r.warmup_ms))],
    ['outcome', `<span class="${outcomeClass(r.expectations)}">${esc(outcome(r.expectations))}</span>`],
  ];
  return `<dl class="facts">${items.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

/** Column heads: swatch in the strategy's chart colour, name, and the preset under a variant's name. */
function strategyHeads(r: ScenarioResults, colspan?: number): string {
  return Object.entries(r.strategies)
    .map(([name, s], i) => {
      const preset = s.preset !== name ? `<small>${esc(s.preset)}</small>` : '';
      const span = colspan ? ` colspan="${colspan}"` : '';
      return `<th class="num"${span}>${swatch(i)}${esc(name)}${preset}</th>`;
    })
    .join('');
}

function swatch(i: number): string {
  return `<span class="swatch" style="background:${seriesColour(i)}"></span>`;
}

function comparison(r: ScenarioResults): string {
  const groups = compareStrategies(r).map(
    (rows) =>
      `<tbody>${rows
        .map(
          (row) =>
            `<tr><th>${esc(row.label)}</th>${row.cells.map((c) => `<td class="num${c.best ? ' best' : ''}">${esc(c.text)}</td>`).join('')}</tr>`,
        )
        .join('\n')}</tbody>`,
  );
  return wrapTable(`<thead><tr><th>metric</th>${strategyHeads(r)}</tr></thead>\n${groups.join('\n')}`);
}

function regionTable(r: ScenarioResults): string {
  const strategies = Object.values(r.strategies);
  const sub = strategies.map(() => '<th class="num">stale read ratio</th><th class="num">staleness p99</th>').join('');
  const head = `<thead><tr><th rowspan="2">region</th>${strategyHeads(r, 2)}</tr><tr>${sub}</tr></thead>`;
  const rows = regionNames(r).map((region) => {
    const cells = strategies.map((s) => {
      const set = s.regions[region];
      if (!set) return '<td class="num">—</td><td class="num">—</td>';
      return `<td class="num">${esc(formatRatio(set.stale_read_ratio))}</td><td class="num">${esc(formatDuration(set.staleness_ms.p99))}</td>`;
    });
    return `<tr><th>${esc(region)}</th>${cells.join('')}</tr>`;
  });
  return wrapTable(`${head}\n<tbody>${rows.join('\n')}</tbody>`);
}

/** A bar per strategy as tall as its stale read ratio, stacked by cause. */
function causesChart(r: ScenarioResults, causes: ReturnType<typeof staleCauseRows>): string {
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
    const label = tag('text', { class: 'tick', x: left + width / 2, y: PLOT.y0 + 16, 'text-anchor': 'middle' }, esc(name));
    return pieces.join('') + label;
  });
  const plot = [hGrid(ticks(0, top, step), y, percentTick(step)), plotAxes(), ...bars].join('\n');
  const entries: LegendEntry[] = present.map((cause) => ({ label: STALE_CAUSE_WORDS[cause], colour: colour(cause), box: true }));
  return frame(`Why reads were stale in ${r.scenario}`, plot, 'strategy', 'stale read ratio', entries);
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

function mainCausesList(r: ScenarioResults): string {
  const main = mainStaleCauses(r);
  if (main.length === 0) return '';
  return `<p>Main causes, and what helps:</p>\n<ul>${main.map((m) => `<li><strong>${esc(m.cause)}</strong> (${esc(m.strategies)}): ${esc(m.help)}</li>`).join('')}</ul>`;
}

function causesTable(r: ScenarioResults, causes: ReturnType<typeof staleCauseRows>): string {
  const rows = causes.map((row) => `<tr><th>${esc(row.label)}</th>${row.cells.map((c) => `<td class="num">${esc(c)}</td>`).join('')}</tr>`);
  return wrapTable(`<thead><tr><th>cause</th>${strategyHeads(r)}</tr></thead>\n<tbody>${rows.join('\n')}</tbody>`);
}

function staleKeysTable(r: ScenarioResults): string {
  const rows = Object.entries(r.strategies)
    .filter(([, s]) => s.stale_keys.length > 0)
    .map(([name, s]) => `<tr><th>${esc(name)}</th><td>${esc(staleKeyTexts(s).join(' · '))}</td></tr>`);
  return wrapTable(`<thead><tr><th>strategy</th><th>keys</th></tr></thead>\n<tbody>${rows.join('\n')}</tbody>`);
}

function expectationTable(expectations: readonly ExpectationResult[]): string {
  const head = '<thead><tr><th></th><th>strategy</th><th>metric</th><th>condition</th><th class="num">actual</th><th>at</th></tr></thead>';
  const rows = expectations.map((e) => {
    const status = e.pass ? '<span class="pass">✓ pass</span>' : '<span class="fail">✗ fail</span>';
    return [
      `<tr${e.pass ? '' : ' class="failed"'}>`,
      `<td>${status}</td>`,
      `<td>${esc(e.strategy)}</td>`,
      `<td><code>${esc(e.metric)}</code></td>`,
      `<td><code>${esc(e.condition)}</code></td>`,
      `<td class="num">${esc(actualText(e))}</td>`,
      `<td><code>${esc(e.at)}</code></td>`,
      '</tr>',
    ].join('');
  });
  return wrapTable(`${head}\n<tbody>${rows.join('\n')}</tbody>`);
}

function wrapTable(inner: string): string {
  return `<div class="table-wrap"><table>\n${inner}\n</table></div>`;
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

// --- Charts ------------------------------------------------------------------------------

/** (1) Staleness CDF: one line per strategy; x: staleness, 0 at the left edge then log; y: share of reads. */
function cdfChart(r: ScenarioResults): string {
  const series = Object.entries(r.strategies);
  const points = series.flatMap(([, s]) => s.staleness_cdf);
  const positive = points.map((p) => p.ms).filter((ms) => ms > 0);
  const lo = positive.length > 0 ? decadeBelow(Math.min(...positive)) : 1;
  const highest = positive.length > 0 ? Math.max(...positive) : 10;
  // To the next decade, but not past the run: no read can be stale for longer than it lasted.
  let hi = Math.min(decadeAbove(highest), Math.max(r.duration_ms, highest));
  if (hi <= lo) hi = lo * 10;
  const zeroGap = 40;
  const x = zeroLogScale([lo, hi], [PLOT.x0, PLOT.x1], zeroGap);

  const firsts = series.flatMap(([, s]) => (s.staleness_cdf.length > 0 ? [s.staleness_cdf[0].fraction] : []));
  const minFirst = firsts.length > 0 ? Math.min(...firsts) : 0;
  const step = minFirst >= 1 ? 0.002 : niceStep(1 - minFirst, 5);
  const yMin = minFirst >= 1 ? 0.99 : Math.max(0, Number((Math.floor(minFirst / step + 1e-9) * step).toPrecision(12)));
  const y = linearScale([yMin, 1], [PLOT.y0, PLOT.y1]);

  const decadeTicks = decades(lo, hi);
  // The axis's end is labelled too when the run's length cuts it short of a decade.
  const xTicks = [0, ...decadeTicks, ...(decadeTicks.at(-1) === hi ? [] : [hi])];
  const vGrid = xTicks
    .map(
      (v) =>
        tag('line', { class: 'grid', x1: x(v), y1: PLOT.y1, x2: x(v), y2: PLOT.y0 }) +
        tag('text', { class: 'tick', x: x(v), y: PLOT.y0 + 16, 'text-anchor': 'middle' }, esc(formatDuration(v))),
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

  const lines = series.map(([name, s], i) => {
    const cdf = s.staleness_cdf;
    if (cdf.length === 0) return '';
    const xy = cdf.map((p) => [x(p.ms), y(p.fraction)] as const);
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
  return frame(
    `Staleness CDF of ${r.scenario}`,
    plot,
    'staleness (log scale; 0 at the left edge)',
    'reads at most this stale',
    legendEntries(r, (s) => (s.staleness_cdf.length === 0 ? ' (no counted reads)' : '')),
  );
}

interface BarGroup {
  label: string;
  /** One per strategy, in order; `undefined` draws no bar. */
  values: (number | undefined)[];
  /** Tooltip per bar. */
  titles: string[];
}

/** Grouped bars: one group per `groups` entry, one bar per strategy inside it. */
function groupedBars(
  groups: readonly BarGroup[],
  y: Scale,
  valueLabel?: (v: number) => string,
): string {
  const plotW = PLOT.x1 - PLOT.x0;
  const groupW = plotW / Math.max(1, groups.length);
  const n = Math.max(1, groups[0]?.values.length ?? 1);
  const inner = groupW * 0.8;
  const barW = inner / n;
  // Value labels only where they fit above their bar.
  const showValues = valueLabel !== undefined && barW >= 38;
  return groups
    .map((g, gi) => {
      const gx = PLOT.x0 + gi * groupW + (groupW - inner) / 2;
      const bars = g.values.map((v, i) => {
        if (v === undefined || v <= 0) return '';
        const top = Math.min(y(v), PLOT.y0 - 1.5);
        const bx = gx + i * barW + 1;
        const rect = tag(
          'rect',
          { x: bx, y: top, width: Math.max(1, barW - 2), height: PLOT.y0 - top, fill: seriesColour(i) },
          tag('title', {}, esc(g.titles[i])),
        );
        const text = showValues
          ? tag('text', { class: 'value', x: bx + (barW - 2) / 2, y: top - 4, 'text-anchor': 'middle' }, esc(valueLabel(v)))
          : '';
        return rect + text;
      });
      const label = tag(
        'text',
        { class: 'tick', x: PLOT.x0 + (gi + 0.5) * groupW, y: PLOT.y0 + 16, 'text-anchor': 'middle' },
        esc(g.label),
      );
      return tag('g', {}, bars.join('') + label);
    })
    .join('\n');
}

/** (2) Stale read ratio per region (groups) per strategy (bars), on a linear scale from 0. */
function regionBarChart(r: ScenarioResults): string {
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
  const { y, step, top } = zeroBasedY(max, 0.01);
  const plot = [hGrid(ticks(0, top, step), y, percentTick(step)), plotAxes(), groupedBars(groups, y, formatRatio)].join('\n');
  return frame(`Stale read ratio per region of ${r.scenario}`, plot, 'region', 'stale read ratio', legendEntries(r));
}

/** The caption's note of the regions no strategy read from (left out of the per-region charts). */
function noReadsNote(r: ScenarioResults): string {
  const read = regionsWithReads(r);
  const quiet = regionNames(r).filter((region) => !read.includes(region));
  return quiet.length === 0 ? '' : ` No reads were issued in ${quiet.join(', ')}.`;
}

/** (3) The coarse staleness histogram: buckets (groups) per strategy (bars), share of reads on a log scale. */
function histogramChart(r: ScenarioResults): string {
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
  const lo = Math.max(1e-7, positive.length > 0 ? decadeBelow(Math.min(...positive)) : 1e-3);
  const y = logScale([lo, 1], [PLOT.y0, PLOT.y1]);
  const plot = [hGrid(decades(lo, 1), y, decadePercent), plotAxes(), groupedBars(groups, y)].join('\n');
  return frame(
    `Staleness histogram of ${r.scenario}`,
    plot,
    'staleness bucket',
    'share of reads (log scale)',
    legendEntries(r),
  );
}

/** A power of ten as a percentage: `100%`, `1%`, `0.001%`. */
function decadePercent(d: number): string {
  return `${Number((d * 100).toPrecision(1))}%`;
}

/** The width of the timelines' buckets (every strategy's are the same): `5s stretch`. */
function stretch(r: ScenarioResults): string {
  const first = Object.values(r.strategies)[0];
  return first ? `${formatDuration(first.timeline.bucket_ms)} stretch` : 'stretch';
}
