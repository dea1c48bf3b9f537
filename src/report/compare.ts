/**
 * Reporters for `cache-sim compare`: per point, strategy and metric, the base and head means,
 * the paired change with its 95 % interval, and a verdict — better or worse where the metric
 * has a direction (the comparison table's, and its distribution's), changed where it has none, nothing where the
 * change is within the noise between seeds. As a table, JSON or markdown.
 */
import type { Comparison, MetricChange, Unpaired } from '../compare.js';
import { baseMetric, metricRange } from '../metrics/metric-names.js';
import type { Palette } from './colour.js';
import { jsonText } from './json.js';
import { cellCode, escapeCell, escapeText, table } from './markdown-text.js';
import { DEFAULT_WIDTH, type GridCell, renderGrid } from './grid.js';
import { type Better, COMPARISON_GROUPS } from './rows.js';
import { countText, joinWrapped, withInterval, wrapPainted } from './format.js';
import { listPieces } from './expectation-text.js';
import { formatterFor } from './sweep-text.js';

export const COMPARE_FORMATS = ['table', 'json', 'markdown'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** `noise`: the interval holds 0. */
export type Verdict = 'better' | 'worse' | 'changed' | 'noise';

const DIRECTIONS = new Map<string, Better>([
  ...COMPARISON_GROUPS.flat().map((row): [string, Better] => [row.metric, row.better]),
  // Not a row (the ratio is), but as much a score.
  ['stale_reads', 'lower'],
]);

/** A statistic of a distribution other than its count: `staleness_p90` is of the `staleness` family. */
const STATISTIC = /^(.+)_(p50|p90|p99|p999|max|mean)$/;

/**
 * Whether lower or higher is better for a (possibly regional or windowed) metric, if either:
 * a row's, or, for the other statistics of a distribution, its rows' (staleness_p90 goes as
 * staleness_p99 does; a count says only how many were measured).
 */
function direction(metric: string): Better {
  const name = baseMetric(metric);
  const own = name.slice(name.lastIndexOf('.') + 1);
  if (own.startsWith('stale_causes_')) return 'lower';
  const family = STATISTIC.exec(own)?.[1];
  const sibling = family === undefined ? undefined : [...DIRECTIONS].find(([row]) => STATISTIC.exec(row)?.[1] === family);
  return DIRECTIONS.get(own) ?? sibling?.[1] ?? 'none';
}

export function verdict(c: MetricChange): Verdict {
  if (!c.significant) return 'noise';
  const better = direction(c.metric);
  if (better === 'none') return 'changed';
  return (c.change < 0) === (better === 'lower') ? 'better' : 'worse';
}

/** What `--fail-on-worse` fails on: a metric significantly worse, or anything the head lost. */
export function gotWorse(c: Comparison): boolean {
  return c.changes.some((change) => verdict(change) === 'worse') || c.only_in_base.length > 0;
}

export function renderCompare(format: CompareFormat, c: Comparison, p: Palette, width = DEFAULT_WIDTH): string {
  if (format === 'json') {
    // What a script gating on the JSON needs without re-deriving it: the counts, and what --fail-on-worse decides.
    const summary = { ...verdictCounts(c), lost: c.only_in_base.length, worse_or_lost: gotWorse(c) };
    return jsonText({ ...c, changes: c.changes.map((change) => ({ ...change, verdict: verdict(change) })), summary });
  }
  if (format === 'markdown') return compareMarkdown(c);
  return compareTable(c, p, width);
}

function changeText(c: MetricChange): string {
  const plain = formatterFor(c.metric);
  // A change of a ratio is in percentage points: 79.8% → 43.2% is −36.6 pp, not −36.6%.
  const format = metricRange(c.metric) === 'ratio' ? (v: number) => plain(v).replace(/%$/, ' pp') : plain;
  const sign = c.change > 0 ? '+' : c.change < 0 ? '−' : '';
  return `${sign}${withInterval(format, Math.abs(c.change), c.ci95)}`;
}

function pointText(c: { params: Record<string, string> }): string {
  return Object.entries(c.params)
    .map(([path, value]) => `${path}=${value}`)
    .join(' ');
}

function unpairedText(u: Unpaired): string {
  const point = pointText(u);
  if (u.strategy === undefined) return `point ${point}`;
  const what = u.metric === undefined ? u.strategy : `${u.strategy} ${u.metric}`;
  const seeds = u.seeds ? ` on ${u.seeds.length === 1 ? 'seed' : 'seeds'} ${u.seeds.join(', ')}` : '';
  return point === '' ? `${what}${seeds}` : `${what} at ${point}${seeds}`;
}

/** What could not be compared, a sentence per side (none when everything paired), in pieces a line may break between (never inside an item). */
function unpairedSentences(c: Comparison): { pieces: string[]; lost: boolean }[] {
  const sentence = (items: Unpaired[], file: string, why: string) => ({ pieces: [`Only in ${file}, not compared${why}:`, ...listPieces(items.map(unpairedText))] });
  const unasked = (metrics: string[], file: string, other: string) =>
    metrics.length > 0 ? [{ pieces: [`Measured only in ${file}, not compared (${other} did not ask for it: no loss):`, ...listPieces(metrics)], lost: false }] : [];
  return [
    ...(c.only_in_base.length > 0 ? [{ ...sentence(c.only_in_base, c.base.file, ' (--fail-on-worse counts this as worse)'), lost: true }] : []),
    ...(c.only_in_head.length > 0 ? [{ ...sentence(c.only_in_head, c.head.file, ''), lost: false }] : []),
    ...unasked(c.metrics_only_in_base, c.base.file, 'the head'),
    ...unasked(c.metrics_only_in_head, c.head.file, 'the base'),
  ];
}

function headline(c: Comparison): string {
  const names = c.base.scenario === c.head.scenario ? c.head.scenario : `${c.base.scenario} → ${c.head.scenario}`;
  return `${names}: ${c.base.file} → ${c.head.file}, paired over ${countText(c.seeds.length, 'seed', 'seeds')} (head − base, 95% CI)`;
}

/** How many changes got each verdict. */
function verdictCounts(c: Comparison): Record<Verdict, number> {
  const count = (v: Verdict) => c.changes.filter((change) => verdict(change) === v).length;
  return { better: count('better'), worse: count('worse'), changed: count('changed'), noise: count('noise') };
}

function summaryText(c: Comparison): string {
  const { better, worse, changed, noise } = verdictCounts(c);
  // What the head lost is no change of a metric, but --fail-on-worse fails on it: the summary says so.
  const lost = c.only_in_base.length > 0 ? `; ${c.only_in_base.length} only in the base (lost: worse for --fail-on-worse)` : '';
  return `${better} better, ${worse} worse, ${changed} changed, ${noise} within the noise${lost}`;
}

/** The cells of each change, as every format shows them: the point (when the documents have parameters), then the rest. */
function rowsOf(c: Comparison): { withPoints: boolean; head: string[]; rows: { cells: string[]; verdict: Verdict }[] } {
  const withPoints = c.changes.some((change) => Object.keys(change.params).length > 0);
  const rows = c.changes.map((change) => {
    const format = formatterFor(change.metric);
    const cells = [change.strategy, change.metric, format(change.base), format(change.head), changeText(change)];
    return { cells: withPoints ? [pointText(change), ...cells] : cells, verdict: verdict(change) };
  });
  return { withPoints, head: [...(withPoints ? ['point'] : []), 'strategy', 'metric', 'base', 'head', 'change', 'verdict'], rows };
}

function compareTable(c: Comparison, p: Palette, width: number): string {
  const { withPoints, head, rows } = rowsOf(c);
  const style = (v: Verdict) => (v === 'better' ? p.pass(v) : v === 'worse' ? p.fail(v) : v === 'noise' ? p.dim(v) : v);
  const lines = rows.map((row): GridCell[] => [...row.cells.map((text) => ({ text })), { text: style(row.verdict) }]);
  const grid = renderGrid({ head, groups: [lines], labels: withPoints ? 3 : 2 }, p, width);
  const unpaired = unpairedSentences(c).map(({ pieces, lost }) => `\n${joinWrapped(pieces, ' ', width).map((line) => (lost ? p.fail(line) : line)).join('\n')}\n`);
  return `${wrapPainted(headline(c), width, p.heading)}\n${wrapPainted(summaryText(c), width, p.dim)}\n\n${grid}\n${unpaired.join('')}`;
}

function compareMarkdown(c: Comparison): string {
  const { withPoints, head, rows } = rowsOf(c);
  const metricColumn = withPoints ? 2 : 1;
  const cells = rows.map((row) => [
    ...row.cells.map((text, i) => (i === metricColumn ? cellCode(text) : escapeCell(text))),
    row.verdict === 'better' ? '✅ better' : row.verdict === 'worse' ? '❌ worse' : row.verdict,
  ]);
  const unpaired = unpairedSentences(c).map(({ pieces, lost }) => `\n${lost ? '❌ ' : ''}${escapeText(pieces.join(' '))}\n`);
  return `## ${escapeText(headline(c))}\n\n${escapeText(summaryText(c))}\n\n${table(head, cells, 'left')}\n${unpaired.join('')}`;
}
