/**
 * The terminal report (`--format table`): per scenario, a header, the strategy comparison,
 * the per-region breakdown, staleness histograms, stale reads over time and the expectations, ending with the
 * replay command when an expectation failed.
 */
import { allPassed } from '../metrics/expect.js';
import type { ExpectationResult, ScenarioResults } from '../metrics/results.js';
import type { Palette } from './colour.js';
import { actualText, outcomeText, skippedPieces } from './expectation-text.js';
import { alignedOrWrapped, joinWrapped, wrapIndented, wrapPainted, wrapText } from './format.js';
import { withReplays } from './replay-lines.js';
import { DEFAULT_WIDTH, type GridCell, type GridSpec, renderGrid } from './grid.js';
import { renderHistograms } from './histogram.js';
import { renderTimelines } from './timeline-text.js';
import { wrapCommand } from '../replay.js';
import {
  REGION_CELL_CAPTION,
  STALE_CAUSES_CAPTION,
  STALE_KEYS_CAPTION,
  compareStrategies,
  mainStaleCauses,
  regionCellText,
  regionNames,
  staleCauseRows,
  runFacts,
  staleKeyTexts,
  staleKeyTrace,
} from './rows.js';

export interface TableOptions {
  colour: Palette;
  /** Terminal columns to fit; tables with many strategies are split to stay within it. */
  width?: number;
}

export function renderTable(results: ScenarioResults[], opts: TableOptions): string {
  const width = opts.width ?? DEFAULT_WIDTH;
  const reports = results.map((r) => renderScenario(r, opts.colour, width)).join('\n\n');
  return withReplays(reports, results.map((r) => (allPassed(r.expectations) ? null : r.replay)));
}

function renderScenario(r: ScenarioResults, p: Palette, width: number): string {
  const sections = [
    header(r, p, width),
    renderGrid(comparisonGrid(r), p, width),
    [wrapPainted(`Per region: ${REGION_CELL_CAPTION}`, width, p.heading), renderGrid(regionGrid(r), p, width)].join('\n'),
    histograms(r, p, width),
  ];
  const timeline = renderTimelines(r, p, width);
  if (timeline.length > 0) sections.push(timeline.join('\n'));
  const causes = staleCauseRows(r);
  if (causes.length > 0) sections.push([wrapPainted(STALE_CAUSES_CAPTION, width, p.heading), renderGrid(causesGrid(r, causes), p, width), ...mainCauses(r, p, width)].join('\n'));
  const keys = staleKeys(r, p, width);
  if (keys !== '') sections.push(keys);
  if (r.expectations.length > 0) sections.push(expectations(r.expectations, p, width));
  const skipped = skippedPieces(r);
  if (skipped.length > 0) sections.push(joinWrapped(skipped, ' ', width).map(p.dim).join('\n'));
  return sections.join('\n\n');
}

function header(r: ScenarioResults, p: Palette, width: number): string {
  const facts = [r.file, ...runFacts(r)];
  const factLines = joinWrapped(facts, ' · ', width).map(p.dim);
  return [p.heading(r.scenario), ...wrapText(r.description, width), ...factLines].join('\n');
}

function comparisonGrid(r: ScenarioResults): GridSpec {
  const groups = compareStrategies(r).map((rows) =>
    rows.map((row): GridCell[] => [
      { text: row.label },
      ...row.cells.map((c): GridCell => ({ text: c.text, style: c.best ? 'best' : undefined })),
    ]),
  );
  return { head: ['', ...Object.keys(r.strategies)], groups };
}

function regionGrid(r: ScenarioResults): GridSpec {
  const strategies = Object.values(r.strategies);
  const lines = regionNames(r).map((region): GridCell[] => [
    { text: region },
    ...strategies.map((s) => ({ text: regionCellText(s.regions[region]) })),
  ]);
  return { head: ['region', ...Object.keys(r.strategies)], groups: [lines] };
}

function causesGrid(r: ScenarioResults, rows: ReturnType<typeof staleCauseRows>): GridSpec {
  return { head: ['', ...Object.keys(r.strategies)], groups: [rows.map((row): GridCell[] => [{ text: row.label }, ...row.cells.map((text) => ({ text }))])] };
}

/** The main causes, the strategies they are main for, and what helps: a wrapped paragraph each. */
function mainCauses(r: ScenarioResults, p: Palette, width: number): string[] {
  const main = mainStaleCauses(r);
  if (main.length === 0) return [];
  return [p.dim('Main causes, and what helps:'), ...main.flatMap((m) => wrapIndented(`${m.cause} (${m.strategies}): ${m.help}`, width))];
}

function histograms(r: ScenarioResults, p: Palette, width: number): string {
  const entries = Object.entries(r.strategies).map(([name, s]) => [name, s.staleness_histogram] as const);
  return [p.heading('Staleness of reads'), ...renderHistograms(entries, p, width)].join('\n');
}

/** Per strategy, the keys with the most stale reads, and the command that tells one's story. */
function staleKeys(r: ScenarioResults, p: Palette, width: number): string {
  const trace = staleKeyTrace(r);
  if (trace === undefined) return '';
  const entries = Object.entries(r.strategies).filter(([, s]) => s.stale_keys.length > 0);
  const nameWidth = Math.max(...entries.map(([name]) => [...name].length));
  const lines = entries.flatMap(([name, s]) =>
    joinWrapped(staleKeyTexts(s), ' · ', width - nameWidth - 2).map((line, i) => `${(i === 0 ? name : '').padEnd(nameWidth)}  ${line}`),
  );
  // The command on lines of its own, continued with `\` where it is too wide: it pastes whole.
  const command = wrapCommand(trace, width - 2).map((line, i) => `${i === 0 ? '  ' : '    '}${line}`);
  return [wrapPainted(STALE_KEYS_CAPTION, width, p.heading), ...lines, wrapPainted("One key's story (add --html FILE for its lanes over time):", width, p.dim), ...command].join('\n');
}

function expectations(results: ExpectationResult[], p: Palette, width: number): string {
  const rows = results.map((e) => ({
    mark: e.pass ? p.pass('✓') : p.fail('✗'),
    cells: [{ text: e.strategy }, { text: e.metric }, { text: e.condition }, { text: `actual ${actualText(e)}`, paint: e.pass ? undefined : p.fail }],
  }));
  const lines = alignedOrWrapped(rows, width).map((line, i) =>
    // The position goes on a line of its own, whole (a path cannot be broken).
    results[i].pass ? line : [...line, `    ${p.dim(`at ${results[i].at}`)}`],
  );
  const outcome = allPassed(results) ? p.pass(outcomeText(results)) : p.fail(outcomeText(results));
  return [`${p.heading('Expectations')} ${outcome}`, ...lines.flat()].join('\n');
}
