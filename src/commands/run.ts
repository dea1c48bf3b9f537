/**
 * `cache-sim run`: load every scenario and check the report files can be written (all
 * problems at once, nothing runs if any), run the selected strategies, print the comparison,
 * write the requested report files, and return 0 when every expectation held, 1 otherwise.
 */
import { UsageError } from '../errors.js';
import { allPassed } from '../metrics/expect.js';
import type { ScenarioResults, StrategyResult } from '../metrics/results.js';
import { paletteFor, renderAnnotations, renderHtml, renderJunit, renderReport, type ReportFormat } from '../report/index.js';
import { replayLine } from '../report/replay-lines.js';
import { loadScenarioFile } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { checkStrategiesExist, scenarioResults, selectedStrategies, type StrategyRun } from '../simulate.js';
import { reportWidth } from '../report/sink.js';
import { type CommandIO, githubPaths, writeAnnotations } from './io.js';
import { loadEach, writeFilesAtomically } from './output-file.js';
import { runStrategies, terminalProgress } from './strategy-runs.js';

export interface RunCommandOptions {
  seed?: number;
  strategies?: string[];
  sets: string[];
  format: ReportFormat;
  junit?: string;
  html?: string;
  /** Worker threads for the strategy runs; default: every core when the job is big enough. */
  workers?: number;
  /** Run each scenario over this many seeds (derived from its own) and check its expectations on every one. */
  seeds?: number;
  /** With `seeds`: the metrics to summarise (the sweep's default list when empty). */
  metrics?: string[];
}

export async function runCommand(files: string[], options: RunCommandOptions, io: CommandIO): Promise<number> {
  if (options.seeds === undefined && (options.metrics ?? []).length > 0) {
    throw new UsageError('--metric without --seeds: a run reports every metric; --metric chooses what to summarise over several seeds');
  }
  if (options.seeds !== undefined) {
    const { runSeedsCommand } = await import('./run-seeds.js');
    return runSeedsCommand(files, { ...options, seeds: options.seeds }, io);
  }
  const scenarios = loadAll(files, options);
  const progress = terminalProgress(io);
  const runs: StrategyRun[] = scenarios.flatMap((scenario) => selectedStrategies(scenario, options.strategies).map((spec) => ({ scenario, spec })));
  const outcomes = await runStrategies(runs, options.workers, io, progress?.report);
  progress?.clear();
  let next = 0;
  const results = scenarios.map((scenario) => {
    const strategies: Record<string, StrategyResult> = {};
    for (const spec of selectedStrategies(scenario, options.strategies)) strategies[spec.name] = outcomes[next++];
    return scenarioResults(scenario, strategies, { only: options.strategies, sets: options.sets });
  });
  writeFilesAtomically([
    ...(options.junit ? [{ path: options.junit, content: renderJunit(results, githubPaths(io)) }] : []),
    ...(options.html ? [{ path: options.html, content: renderHtml(results) }] : []),
  ]);
  io.stdout.write(renderReport(options.format, results, paletteFor(io.env, io.stdout), reportWidth(io.stdout, io.env)));
  const passed = results.every((r) => allPassed(r.expectations));
  if (!passed) reportFailures(results, options, io);
  return passed ? 0 : 1;
}

function loadAll(files: string[], options: RunCommandOptions): Scenario[] {
  const sets = options.seed === undefined ? options.sets : [...options.sets, `seed=${options.seed}`];
  return loadEach(files, [options.junit, options.html], (file) => {
    const scenario = loadScenarioFile(file, sets);
    checkStrategiesExist(scenario, options.strategies);
    return scenario;
  });
}

/**
 * The table already ends with the replay lines; machine formats keep stdout parseable, so
 * the replay commands go to stderr. On GitHub Actions failures also become annotations.
 */
function reportFailures(results: ScenarioResults[], options: RunCommandOptions, io: CommandIO): void {
  if (options.format !== 'table') {
    for (const r of results) if (!allPassed(r.expectations)) io.stderr.write(`${replayLine(r.replay)}\n`);
  }
  writeAnnotations(io, (paths) => renderAnnotations(results, paths));
}
