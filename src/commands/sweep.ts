/**
 * `cache-sim sweep`: run a grid of parameter values × seeds and print, per point and
 * strategy, each metric's mean and 95 % confidence interval — or, with `--shard i/n`, run
 * one shard of it and print that shard's document for `cache-sim merge`. Bad input (a
 * malformed `--param`, a problem in any point's scenario) ends in exit 2 with nothing on
 * stdout; otherwise exit 0, since a sweep evaluates no expectations.
 */
import { UsageError } from '../errors.js';
import { paletteFor } from '../report/colour.js';
import { renderShard, renderSweep, type SweepFormat } from '../report/sweep.js';
import { renderSweepHtml } from '../report/sweep-html.js';
import { type Shard, shardDocument, shardRuns } from '../sweep-shard.js';
import { PARAM_USAGE, planSweep, summariseRun, sweepResults } from '../sweep.js';
import { reportWidth } from '../report/sink.js';
import type { CommandIO } from './io.js';
import { loadEach, writeFilesAtomically } from './output-file.js';
import { runStrategies, terminalProgress } from './strategy-runs.js';

export interface SweepCommandOptions {
  params: string[];
  seeds?: number;
  seed?: number;
  strategies?: string[];
  sets: string[];
  metrics: string[];
  /** Default: a table, or the shard's JSON document with `shard`. */
  format?: SweepFormat;
  /** Worker threads for the runs; default: every core when the sweep is big enough. */
  workers?: number;
  /** Run only this shard of the sweep. */
  shard?: Shard;
  /** Also write the sweep as a self-contained HTML page with charts here. */
  html?: string;
}

export async function sweepCommand(file: string, options: SweepCommandOptions, io: CommandIO): Promise<number> {
  const { shard, format } = options;
  if (shard && format !== undefined && format !== 'json') {
    throw new UsageError(`--format ${format} with --shard: a shard prints its JSON document, for \`cache-sim merge\` to put together with the other shards`);
  }
  if (shard && options.html !== undefined) {
    throw new UsageError('--html with --shard: a shard has only some of the runs; `cache-sim merge --html` writes the page from all the shards');
  }
  if (options.params.length === 0) throw new UsageError(`give at least one --param; ${PARAM_USAGE} (for seeds alone, \`cache-sim run FILE --seeds N\`)`);
  const [plan] = loadEach([file], [options.html], () =>
    planSweep(file, {
      params: options.params,
      seeds: options.seeds,
      seed: options.seed,
      strategies: options.strategies,
      sets: options.sets,
      metrics: options.metrics,
    }),
  );
  const runs = shard ? shardRuns(plan.runs.length, shard) : plan.runs.map((_, i) => i);
  const progress = terminalProgress(io);
  const summaries = await runStrategies(
    runs.map((i) => plan.runs[i]),
    options.workers,
    io,
    progress?.report,
    (outcome, i) => summariseRun(plan, runs[i], outcome),
  );
  progress?.clear();
  if (shard) {
    io.stdout.write(renderShard(shardDocument(plan, shard, runs, summaries)));
    return 0;
  }
  const results = sweepResults(plan, summaries);
  if (options.html !== undefined) writeFilesAtomically([{ path: options.html, content: renderSweepHtml(results) }]);
  io.stdout.write(renderSweep(format ?? 'table', results, paletteFor(io.env, io.stdout), reportWidth(io.stdout, io.env)));
  return 0;
}
