/**
 * `run --seeds N`: a scenario run over N seeds — the seeds `sweep --seeds N` derives from the
 * scenario's seed — to see whether its expectations hold beyond the one seed it names. It is
 * a sweep of one point, without parameters: each seed is an ordinary run, its expectations
 * judged as `run` judges them; the results say, per expectation, on how many seeds it held,
 * the range of what was measured and the seeds it failed on, and per strategy the sweep's
 * metrics as mean ± 95 % CI.
 */
import { UsageError } from './errors.js';
import type { ExpectationOverSeeds } from './metrics/expect.js';
import { runStrategy } from './simulate.js';
import { type RunSummary, type SweepPlan, type SweepResults, planSweep, summariseRun, sweepResults } from './sweep.js';

export interface SeedsOptions {
  /** How many seeds (at least 2: one seed is a plain run). */
  seeds: number;
  /** Root seed; the scenario's own when absent. */
  seed?: number;
  strategies?: readonly string[];
  sets?: readonly string[];
  /** Metrics to summarise (any name `expect:` takes); the sweep's default list when absent or empty. */
  metrics?: readonly string[];
}

/** The sweep of the seeds, its expectations at the top and the command that replays the first failure (null when all held). */
export interface SeedsResults extends SweepResults {
  expectations: ExpectationOverSeeds[];
  replay: string | null;
}

export function planSeeds(file: string, options: SeedsOptions): SweepPlan {
  if (!Number.isInteger(options.seeds) || options.seeds < 2) throw new UsageError(`--seeds ${options.seeds}: give at least 2 seeds (one seed is a plain run)`);
  return planSweep(file, { params: [], seeds: options.seeds, seed: options.seed, strategies: options.strategies, sets: options.sets, metrics: options.metrics });
}

/** The results from what was kept of the plan's runs (in the plan's order). */
export function seedsResults(plan: SweepPlan, runs: readonly RunSummary[]): SeedsResults {
  const sweep = sweepResults(plan, runs);
  const { expectations } = sweep.points[0];
  return { ...sweep, expectations, replay: expectations.find((e) => e.replay !== null)?.replay ?? null };
}

/** A scenario over its seeds, in this thread. */
export function runSeeds(file: string, options: SeedsOptions): SeedsResults {
  const plan = planSeeds(file, options);
  return seedsResults(
    plan,
    plan.runs.map((run, i) => summariseRun(plan, i, runStrategy(run.scenario, run.spec, run.windows))),
  );
}
