/**
 * `--format markdown`: the comparison, the per-region breakdown, the run over time (the
 * terminal's sparklines, in a code block), the most stale keys and the expectations as
 * GitHub-flavoured markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment. Best
 * values are bold, as colour is in the terminal.
 */
import { allPassed } from '../metrics/expect.js';
import type { ExpectationResult, ScenarioResults } from '../metrics/results.js';
import { actualText, outcomeText, skippedText } from './expectation-text.js';
import { plain } from './colour.js';
import {
  REGION_CELL_CAPTION,
  STALE_CAUSES_CAPTION,
  STALE_KEYS_CAPTION,
  compareStrategies,
  mainStaleCauses,
  regionCellText,
  regionNames,
  runFacts,
  staleCauseRows,
  staleKeyTexts,
  staleKeyTrace,
} from './rows.js';
import { cellCode, code, commandBlock, escapeCell, escapeText, replayBlock, table } from './markdown-text.js';
import { renderTimelines } from './timeline-text.js';

/** GitHub shows code blocks this wide without scrolling on a laptop. */
const TIMELINE_WIDTH = 100;

export function renderMarkdown(results: ScenarioResults[]): string {
  return results.map(scenario).join('\n\n') + '\n';
}

function scenario(r: ScenarioResults): string {
  const facts = [code(r.file), ...runFacts(r).map(escapeText)].join(' · ');
  const parts = [`## ${escapeText(r.scenario)}`, escapeText(r.description), facts, comparison(r), regions(r), timeline(r), staleCauses(r), staleKeys(r)];
  if (r.expectations.length > 0) parts.push(expectations(r.expectations));
  parts.push(escapeText(skippedText(r)));
  if (!allPassed(r.expectations)) parts.push(replayBlock(r.replay));
  return parts.filter((p) => p !== '').join('\n\n');
}

function comparison(r: ScenarioResults): string {
  const rows = compareStrategies(r)
    .flat()
    .map((row) => [row.label, ...row.cells.map((c) => (c.best ? `**${c.text}**` : c.text))]);
  return table(['metric', ...Object.keys(r.strategies).map(escapeCell)], rows, 'right');
}

function regions(r: ScenarioResults): string {
  const strategies = Object.values(r.strategies);
  const rows = regionNames(r).map((region) => [escapeCell(region), ...strategies.map((s) => regionCellText(s.regions[region]))]);
  const caption = `Per region: ${REGION_CELL_CAPTION}`;
  return `${caption}\n\n${table(['region', ...Object.keys(r.strategies).map(escapeCell)], rows, 'right')}`;
}

function timeline(r: ScenarioResults): string {
  const text = renderTimelines(r, plain, TIMELINE_WIDTH).join('\n');
  if (text === '') return '';
  // Names are the user's: a fence longer than any run of backticks in them, per CommonMark.
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return `${fence}text\n${text}\n${fence}`;
}

function staleCauses(r: ScenarioResults): string {
  const rows = staleCauseRows(r).map((row) => [row.label, ...row.cells]);
  if (rows.length === 0) return '';
  const main = mainStaleCauses(r).map((m) => `- **${escapeText(m.cause)}** (${escapeText(m.strategies)}): ${escapeText(m.help)}`);
  const list = main.length > 0 ? `\n\nMain causes, and what helps:\n\n${main.join('\n')}` : '';
  return `${STALE_CAUSES_CAPTION}\n\n${table(['cause', ...Object.keys(r.strategies).map(escapeCell)], rows, 'right')}${list}`;
}

function staleKeys(r: ScenarioResults): string {
  const trace = staleKeyTrace(r);
  if (trace === undefined) return '';
  const rows = Object.entries(r.strategies)
    .filter(([, s]) => s.stale_keys.length > 0)
    .map(([name, s]) => [escapeCell(name), escapeCell(staleKeyTexts(s).join(' · '))]);
  return `${STALE_KEYS_CAPTION}\n\n${table(['strategy', 'keys'], rows, 'left')}\n\n${commandBlock(`One key's story (add ${code('--html FILE')} for its lanes over time):`, trace)}`;
}

function expectations(results: ExpectationResult[]): string {
  const rows = results.map((e) => [
    e.pass ? '✅' : '❌',
    escapeCell(e.strategy),
    cellCode(e.metric),
    cellCode(e.condition),
    escapeCell(actualText(e)),
    cellCode(e.at),
  ]);
  const title = `### Expectations: ${outcomeText(results)}`;
  return `${title}\n\n${table(['', 'strategy', 'metric', 'condition', 'actual', 'at'], rows, 'left')}`;
}
