/**
 * `--html FILE`: one self-contained HTML document per run: per scenario its facts, the
 * strategy comparison (COMPARISON_GROUPS, best values highlighted), the per-region
 * breakdown, hand-written SVG charts (html-charts.ts: three of staleness and one of causes;
 * html-timeline.ts: stale and database reads over time, stale reads over time per region), the most stale keys and the expectations, ending with the replay
 * command when one failed. Inline CSS only: no scripts, no external resources, no dates or
 * random ids, so the same results give the same bytes.
 */
import { allPassed } from '../metrics/expect.js';
import type { ExpectationResult, ScenarioResults } from '../metrics/results.js';
import { actualText, outcomeText, skippedText } from './expectation-text.js';
import { figure, htmlPage, passCell, unbrokenWords, wrapTable } from './html-page.js';
import { formatDuration, formatRatio } from './format.js';
import { DATABASE_LOAD } from './timeline-measures.js';
import { databaseTimelineChart, faultCaption, regionStaleTimelineCharts, staleTimelineChart } from './html-timeline.js';
import { STALE_CAUSES_CAPTION, STALE_KEYS_CAPTION, compareStrategies, mainStaleCauses, regionNames, regionsWithReads, staleCauseRows, staleKeyTexts, staleKeyTrace } from './rows.js';
import { escapeHtml as esc, seriesColour, seriesDash } from './svg.js';
import { causesChart, cdfChart, histogramChart, regionBarChart } from './html-charts.js';

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
    const cdf = cdfChart(r);
    parts.push(
      '<h3>Staleness distribution</h3>',
      figure(
        cdf.chart,
        `Share of reads (after warmup) whose staleness is at most x: fresh reads sit at 0 on the left edge, the rest on a log scale. Dots are measured points; lines join them.${cdf.note}`,
      ),
      '<h3>Stale read ratio per region</h3>',
      figure(regionBarChart(r), `Stale reads ÷ reads in each region, per strategy.${noReadsNote(r)}`),
      '<h3>Staleness histogram</h3>',
      figure(
        histogramChart(r),
        'Share of reads in each staleness bucket, on a log scale so rare stale reads stay visible next to the fresh majority.',
      ),
      '<h3>Over time</h3>',
    );
    const stale = staleTimelineChart(r);
    const database = databaseTimelineChart(r);
    parts.push(
      figure(stale.chart, `Stale reads ÷ reads in each ${stretch(r)} of simulated time, by when the read was issued.${stale.note}${faultsNote(r)}`),
      figure(database.chart, `${databaseCaption(r)}${database.note}${faultsNote(r)}`),
    );
    const regionCharts = regionStaleTimelineCharts(r);
    const noReads = noReadsNote(r);
    if (regionCharts.length > 1) {
      parts.push(
        '<h3>Over time, per region</h3>',
        noReads ? `<p>${esc(noReads.trim())}</p>` : '',
        ...regionCharts.map(({ region, chart, note }) =>
          figure(chart, `${region}: stale reads ÷ reads of the region in each ${stretch(r)} of simulated time (every region on the same scale).${note}`),
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
      return `<th class="num name"${span}>${swatch(i)}${esc(name)}${preset}</th>`;
    })
    .join('');
}

/** A strategy's colour beside its name; past the palette's length, pale with a dashed border, as its bars are. */
function swatch(i: number): string {
  const repeat = seriesDash(i) === undefined ? '' : `;opacity:.5;outline:1.5px dashed ${seriesColour(i)}`;
  return `<span class="swatch" style="background:${seriesColour(i)}${repeat}"></span>`;
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
    return `<tr><th class="name">${esc(region)}</th>${cells.join('')}</tr>`;
  });
  return wrapTable(`${head}\n<tbody>${rows.join('\n')}</tbody>`);
}

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
    .map(([name, s]) => `<tr><th class="name">${esc(name)}</th><td>${esc(staleKeyTexts(s).join(' · '))}</td></tr>`);
  return wrapTable(`<thead><tr><th>strategy</th><th>keys</th></tr></thead>\n<tbody>${rows.join('\n')}</tbody>`);
}

function expectationTable(expectations: readonly ExpectationResult[]): string {
  const head = '<thead><tr><th></th><th>strategy</th><th>metric</th><th>condition</th><th class="num">actual</th><th>at</th></tr></thead>';
  const rows = expectations.map((e) => {
    return [
      `<tr${e.pass ? '' : ' class="failed"'}>`,
      `<td>${passCell(e.pass)}</td>`,
      `<td class="name">${esc(e.strategy)}</td>`,
      `<td><code>${unbrokenWords(e.metric)}</code></td>`,
      `<td><code>${esc(e.condition)}</code></td>`,
      `<td class="num">${esc(actualText(e))}</td>`,
      `<td><code>${unbrokenWords(e.at)}</code></td>`,
      '</tr>',
    ].join('');
  });
  return wrapTable(`${head}\n<tbody>${rows.join('\n')}</tbody>`);
}

// --- Charts ------------------------------------------------------------------------------

/** The caption's note of the regions no strategy read from (left out of the per-region charts). */
function noReadsNote(r: ScenarioResults): string {
  const read = regionsWithReads(r);
  const quiet = regionNames(r).filter((region) => !read.includes(region));
  return quiet.length === 0 ? '' : ` No reads were issued in ${quiet.join(', ')}.`;
}

/**
 * What the database reads chart plots: a rate per second over each stretch, which stays below
 * the busiest single second only when a stretch lasts a second or more.
 */
function databaseCaption(r: ScenarioResults): string {
  const bucket = Object.values(r.strategies)[0]?.timeline.bucket_ms ?? 1000;
  if (bucket >= 1000) return `Reads of the primary and the replicas per second, averaged over each ${stretch(r)} (so below the busiest single second, db reads peak/s).`;
  return `Reads of the primary and the replicas in each ${stretch(r)}, as a rate per second: one read in a stretch this short plots as ${DATABASE_LOAD.text(1000 / bucket)}, so the line can rise above the busiest single second (db reads peak/s).`;
}

/** The width of the timelines' buckets (every strategy's are the same): `5s stretch`. */
function stretch(r: ScenarioResults): string {
  const first = Object.values(r.strategies)[0];
  return first ? `${formatDuration(first.timeline.bucket_ms)} stretch` : 'stretch';
}
