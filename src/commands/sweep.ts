/**
 * `cache-sim sweep`: run a grid of parameter values × seeds and print, per point and
 * strategy, each metric's mean and 95 % confidence interval. Bad input (a malformed
 * `--param`, a problem in any point's scenario) ends in exit 2 with nothing on stdout;
 * otherwise exit 0, since a sweep evaluates no expectations.
 */
import { paletteFor } from '../report/colour.js';
import { renderSweep, type SweepFormat } from '../report/sweep.js';
import { planSweep, sweepResults } from '../sweep.js';
import { type CommandIO, reportWidth } from './io.js';
import { runStrategies, terminalProgress } from './strategy-runs.js';

export interface SweepCommandOptions {
  params: string[];
  seeds?: number;
  seed?: number;
  strategies?: string[];
  sets: string[];
  metrics: string[];
  format: SweepFormat;
  /** Worker threads for the runs; default: every core when the sweep is big enough. */
  workers?: number;
}

export async function sweepCommand(file: string, options: SweepCommandOptions, io: CommandIO): Promise<number> {
  const plan = planSweep(file, {
    params: options.params,
    seeds: options.seeds,
    seed: options.seed,
    strategies: options.strategies,
    sets: options.sets,
    metrics: options.metrics,
  });
  const progress = terminalProgress(io);
  const outcomes = await runStrategies(plan.runs, options.workers, io, progress?.report);
  progress?.clear();
  io.stdout.write(renderSweep(options.format, sweepResults(plan, outcomes), paletteFor(io.env, io.stdout), reportWidth(io.stdout)));
  return 0;
}
