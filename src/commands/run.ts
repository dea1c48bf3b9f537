/**
 * `cache-sim run`: load every scenario (all problems at once, nothing runs if any), run the
 * selected strategies, print the comparison, write the requested report files, and return
 * 0 when every expectation held, 1 otherwise.
 */
import { InputError, UsageError } from '../errors.js';
import { allPassed } from '../metrics/expect.js';
import type { ScenarioResults } from '../metrics/results.js';
import { paletteFor, renderAnnotations, renderHtml, renderJunit, renderReport, type ReportFormat } from '../report/index.js';
import { runScenariosOnWorkers, type ScenarioJob } from '../parallel/run-scenarios.js';
import { loadScenarioFile } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { runScenario, selectedStrategies } from '../simulate.js';
import type { CommandIO } from './io.js';
import { writeFileAtomically } from './output-file.js';
import { replayCommand } from './replay.js';

export interface RunCommandOptions {
  seed?: number;
  strategies?: string[];
  sets: string[];
  format: ReportFormat;
  junit?: string;
  html?: string;
  /** Worker threads for the strategy runs; default: every core when the job is big enough. */
  workers?: number;
}

/**
 * Below this many simulated operations (reads and writes of every run together) starting
 * worker threads costs more than it saves: a worker needs about 0.05 s to load.
 */
const OPERATIONS_WORTH_A_WORKER = 300_000;

export async function runCommand(files: string[], options: RunCommandOptions, io: CommandIO): Promise<number> {
  const scenarios = loadAll(files, options);
  const progress = io.stderr.isTTY ? progressLine(io) : undefined;
  const jobs: ScenarioJob[] = scenarios.map((scenario) => ({ scenario, only: options.strategies, replay: replayFor(scenario, options) }));
  const results = await runJobs(jobs, options.workers, io, progress);
  progress?.('');
  if (options.junit) writeFileAtomically(options.junit, renderJunit(results));
  if (options.html) writeFileAtomically(options.html, renderHtml(results));
  io.stdout.write(renderReport(options.format, results, paletteFor(io.env, io.stdout)));
  const passed = results.every((r) => allPassed(r.expectations));
  if (!passed) reportFailures(results, options, io);
  return passed ? 0 : 1;
}

/** Every job's strategies: on worker threads when that pays, else one after the other here. */
async function runJobs(jobs: ScenarioJob[], requested: number | undefined, io: CommandIO, progress?: (text: string) => void): Promise<ScenarioResults[]> {
  const workers = workerCount(jobs, requested, io);
  if (io.workers && workers > 1) {
    return runScenariosOnWorkers(jobs, workers, io.workers.spawn, progress && ((scenario, name, done, total) => progress(`${scenario.name}: ${name} done (${done}/${total})`)));
  }
  return jobs.map(({ scenario, only, replay }) =>
    runScenario(scenario, {
      only,
      replay,
      onStrategy: progress && ((name, index, total) => progress(`${scenario.name}: ${name} (${index + 1}/${total})`)),
    }),
  );
}

/** As asked, else one per core when there is enough work to share, never more than there are runs. */
function workerCount(jobs: readonly ScenarioJob[], requested: number | undefined, io: CommandIO): number {
  const runs = jobs.map((job) => selectedStrategies(job.scenario, job.only));
  const total = runs.reduce((n, specs) => n + specs.length, 0);
  if (requested !== undefined) return Math.min(requested, total);
  const operations = jobs.reduce((sum, job, i) => {
    const { readsPerSecond, writesPerSecond } = job.scenario.workload;
    return sum + runs[i].length * (readsPerSecond + writesPerSecond) * (job.scenario.durationMs / 1000);
  }, 0);
  return operations < OPERATIONS_WORTH_A_WORKER ? 1 : Math.min(io.workers?.cores ?? 1, total);
}

/** Progress on a terminal only (SPEC §1): one line on stderr, rewritten in place; '' clears it. */
function progressLine(io: CommandIO): (text: string) => void {
  return (text) => io.stderr.write(`\r\u001b[2K${text}`);
}

function loadAll(files: string[], options: RunCommandOptions): Scenario[] {
  const sets = options.seed === undefined ? options.sets : [...options.sets, `seed=${options.seed}`];
  const problems: InputError['problems'] = [];
  const scenarios: Scenario[] = [];
  for (const file of files) {
    try {
      scenarios.push(loadScenarioFile(file, sets));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  for (const scenario of scenarios) checkStrategiesExist(scenario, options.strategies);
  return scenarios;
}

function checkStrategiesExist(scenario: Scenario, wanted: string[] | undefined): void {
  const known = scenario.strategies.map((s) => s.name);
  const unknown = (wanted ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`--strategy ${unknown.join(',')}: not in ${scenario.file}; its strategies are ${known.join(', ')}`);
  }
}

function replayFor(scenario: Scenario, options: RunCommandOptions): string {
  return replayCommand({ file: scenario.file, seed: scenario.seed, strategies: options.strategies, sets: options.sets });
}

/**
 * The table already ends with the replay line; machine formats keep stdout parseable, so
 * the replay command goes to stderr. On GitHub Actions failures also become annotations.
 */
function reportFailures(results: ScenarioResults[], options: RunCommandOptions, io: CommandIO): void {
  if (options.format !== 'table') {
    for (const r of results) if (!allPassed(r.expectations)) io.stderr.write(`expectation failed; replay: ${r.replay}\n`);
  }
  if (io.env.GITHUB_ACTIONS === 'true') io.stderr.write(renderAnnotations(results));
}
