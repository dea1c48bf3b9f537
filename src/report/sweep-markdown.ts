/**
 * `sweep --format markdown` (and `merge`, and `run --seeds`): the sweep as GitHub-flavoured
 * markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment — one table row per point
 * and strategy with each metric as mean ± 95 % CI, then each expectation over the seeds.
 */
import type { ExpectationOverSeeds } from '../metrics/expect.js';
import type { SweepResults } from '../sweep.js';
import { failedSeedsText, rangeText, skippedText } from './expectation-text.js';
import { cellCode, code, escapeCell, escapeText, replayBlock, table } from './markdown-text.js';
import { expectationsOutcome, summaryText, sweepFacts, whereHeld } from './sweep-text.js';

/** `replay`: the command that replays a failure, to end with (`run --seeds`); none for a sweep. */
export function renderSweepMarkdown(r: SweepResults, replay: string | null = null): string {
  const [file, ...facts] = sweepFacts(r);
  const paths = r.params.map((param) => param.path);
  const rows = r.points.flatMap((point) =>
    Object.entries(point.strategies).map(([name, summaries]) => [
      ...paths.map((path) => escapeCell(point.params[path])),
      escapeCell(name),
      ...r.metrics.map((metric) => summaryText(metric, summaries[metric])),
    ]),
  );
  const parts = [`## ${escapeText(r.scenario)}`, [code(file), ...facts].join(' · '), table([...paths.map(cellCode), 'strategy', ...r.metrics.map(cellCode)], rows, 'right', paths.length + 1)];
  if (r.points.some((point) => point.expectations.length > 0)) parts.push(expectations(r));
  if (skippedText(r) !== '') parts.push(escapeText(skippedText(r)));
  if (replay !== null) parts.push(replayBlock(replay));
  return `${parts.join('\n\n')}\n`;
}

function expectations(r: SweepResults): string {
  const paths = r.params.map((param) => param.path);
  const row = (params: Record<string, string>, e: ExpectationOverSeeds) => [
    e.pass ? '✅' : '❌',
    ...paths.map((path) => escapeCell(params[path])),
    escapeCell(e.strategy),
    cellCode(e.metric),
    cellCode(e.condition),
    `${e.held}/${e.runs}`,
    escapeCell(rangeText(e)),
    e.pass ? '' : escapeCell(failedSeedsText(e)),
  ];
  const rows = r.points.flatMap((point) => point.expectations.map((e) => row(point.params, e)));
  const head = ['', ...paths.map(code), 'strategy', 'metric', 'condition', 'held', 'actual', 'failed'];
  const { title, outcome } = expectationsOutcome(r);
  const held = whereHeld(r).map((h) => [escapeCell(h.strategy), escapeCell(h.where)]);
  const where = held.length > 0 ? `\n\nWhere each strategy held all its expectations on every seed:\n\n${table(['strategy', 'where'], held, 'left')}` : '';
  return `### ${escapeText(`${title}: ${outcome}`)}\n\n${table(head, rows, 'left')}${where}`;
}
