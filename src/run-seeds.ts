/**
 * `run --seeds N`: a scenario run over N seeds — the seeds `sweep --seeds N` derives from the
 * scenario's seed — to see whether its expectations hold beyond the one seed it names. Each
 * seed is an ordinary run (the same strategies, the same expectations, judged as `run` judges
 * them); the results say, per expectation, on how many seeds it held, the range of its actual
 * values and the seeds it failed on, and per strategy the sweep's metrics as mean ± 95 % CI.
 */
import { UsageError } from './errors.js';
import type { ExpectationResult, ScenarioResults, StrategyResult } from './metrics/results.js';
import { loadScenarioFile } from './scenario/load.js';
import type { Scenario } from './scenario/types.js';
import { checkStrategiesExist, runStrategy, scenarioResults, selectedStrategies, type StrategyRun } from './simulate.js';
import { DEFAULT_SWEEP_METRICS, type SweepResults, runMetricValue, summariseRuns, sweepSeeds } from './sweep.js';

export interface SeedsOptions {
  /** How many seeds (at least 2: one seed is a plain run). */
  seeds: number;
  /** Root seed; the scenario's own when absent. */
  seed?: number;
  strategies?: readonly string[];
  sets?: readonly string[];
}

/** One expectation over every seed. */
export interface SeedsExpectation {
  strategy: string;
  metric: string;
  condition: string;
  /** `FILE:LINE:COL` of the expectation. */
  at: string;
  runs: number;
  held: number;
  /** Held on every seed. */
  pass: boolean;
  /** The range of the actual values (null when no seed had one). */
  min: number | null;
  max: number | null;
  /** The seeds it failed on, in seed order, with what was measured. */
  failed: { seed: number; actual: number | null }[];
  /** The command that replays the first seed it failed on (null when it held on every one). */
  replay: string | null;
}

/** The sweep's summary of one point (no parameters), with the expectations over the seeds. */
export interface SeedsResults extends SweepResults {
  expectations: SeedsExpectation[];
  /** The command that replays the first failure (null when every expectation held on every seed). */
  replay: string | null;
}

/** The runs of a scenario over its seeds: strategy by strategy, seed by seed (the sweep's order). */
export interface SeedsPlan {
  /** The scenario at each seed, in seed order. */
  scenarios: Scenario[];
  strategies: string[];
  runs: StrategyRun[];
  results: Omit<SweepResults, 'points'>;
}

export function planSeeds(file: string, options: SeedsOptions): SeedsPlan {
  if (!Number.isInteger(options.seeds) || options.seeds < 2) throw new UsageError(`--seeds ${options.seeds}: give at least 2 seeds (one seed is a plain run)`);
  const sets = options.sets ?? [];
  const base = loadScenarioFile(file, options.seed === undefined ? sets : [...sets, `seed=${options.seed}`]);
  checkStrategiesExist(base, options.strategies);
  const seeds = sweepSeeds(base.seed, options.seeds);
  // Only the seed differs between them, so they load without problems once the base has.
  const scenarios = seeds.map((seed) => loadScenarioFile(file, [...sets, `seed=${seed}`]));
  const strategies = selectedStrategies(base, options.strategies).map((s) => s.name);
  const runs = strategies.flatMap((name) =>
    scenarios.map((scenario) => ({ scenario, spec: scenario.strategies.find((s) => s.name === name) as StrategyRun['spec'] })),
  );
  const metrics = [...DEFAULT_SWEEP_METRICS];
  return { scenarios, strategies, runs, results: { version: 1, scenario: base.name, file, seed: base.seed, seeds, params: [], metrics } };
}

/**
 * The results from the plan's runs' results (in the plan's order); `replayFor(seed)` is the
 * command that replays the run with `seed` (the CLI adds the user's `--set`s and `--strategy`).
 */
export function seedsResults(plan: SeedsPlan, outcomes: readonly StrategyResult[], replayFor = (seed: number) => `cache-sim run ${plan.results.file} --seed ${seed}`): SeedsResults {
  const seeds = plan.results.seeds;
  const perSeed: ScenarioResults[] = plan.scenarios.map((scenario, s) =>
    scenarioResults(scenario, Object.fromEntries(plan.strategies.map((name, i) => [name, outcomes[i * seeds.length + s]]))),
  );
  const sweep = summariseRuns({ results: plan.results, points: [{}], strategies: [plan.strategies] }, (run, metric) => runMetricValue(plan.runs[run], outcomes[run], metric) ?? NaN);
  const expectations = perSeed[0].expectations.map((_, j) => overSeeds(perSeed.map((r) => r.expectations[j]), seeds, replayFor));
  return { ...sweep, expectations, replay: expectations.find((e) => e.replay !== null)?.replay ?? null };
}

function overSeeds(results: readonly ExpectationResult[], seeds: readonly number[], replayFor: (seed: number) => string): SeedsExpectation {
  const { strategy, metric, condition, at } = results[0];
  const actuals = results.flatMap((r) => (r.actual === null ? [] : [r.actual]));
  const failed = results.flatMap((r, s) => (r.pass ? [] : [{ seed: seeds[s], actual: r.actual }]));
  return {
    strategy,
    metric,
    condition,
    at,
    runs: results.length,
    held: results.length - failed.length,
    pass: failed.length === 0,
    min: actuals.length > 0 ? Math.min(...actuals) : null,
    max: actuals.length > 0 ? Math.max(...actuals) : null,
    failed,
    replay: failed.length > 0 ? replayFor(failed[0].seed) : null,
  };
}

/** A scenario over its seeds, in this thread. */
export function runSeeds(file: string, options: SeedsOptions): SeedsResults {
  const plan = planSeeds(file, options);
  return seedsResults(
    plan,
    plan.runs.map((run) => runStrategy(run.scenario, run.spec, run.windows)),
  );
}
