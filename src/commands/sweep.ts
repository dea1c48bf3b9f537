/**
 * `cache-sim sweep`: run a grid of parameter values × seeds and print, per point and
 * strategy, each metric's mean and 95 % confidence interval — or, with `--shard i/n`, run
 * one shard of it and print that shard's document for `cache-sim merge`. Bad input (a
 * malformed `--param`, a problem in any point's scenario) ends in exit 2 with nothing on
 * stdout; otherwise exit 1 when an expectation failed at some point on some seed, else 0.
 * A shard exits 0 whatever its runs measured: `merge` judges the whole sweep (a failing
 * shard job would keep a CI's merge job from running at all).
 */
import { UsageError } from '../errors.js';
import { paletteFor } from '../report/colour.js';
import { renderShard, renderSweep, renderSweepAnnotations, type SweepFormat } from '../report/sweep.js';
import { renderSweepHtml } from '../report/sweep-html.js';
import { type Shard, shardDocument, shardRuns } from '../sweep-shard.js';
import { firstFailureReplay, PARAM_USAGE, planSweep, summariseRun, sweepResults, type SweepResults } from '../sweep.js';
import { replayLine } from '../report/replay-lines.js';
import { reportWidth } from '../report/sink.js';
import { type CommandIO, writeAnnotations } from './io.js';
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
  return reportSweep(sweepResults(plan, summaries), format ?? 'table', options.html, io);
}

/**
 * Prints a whole sweep (and writes its page); returns its exit code: 1 when an expectation
 * failed somewhere, else 0. The table ends with the command that replays the first failure;
 * machine formats keep stdout parseable, so that line goes to stderr.
 */
export function reportSweep(results: SweepResults, format: SweepFormat, html: string | undefined, io: CommandIO): number {
  if (html !== undefined) writeFilesAtomically([{ path: html, content: renderSweepHtml(results) }]);
  io.stdout.write(renderSweep(format, results, paletteFor(io.env, io.stdout), reportWidth(io.stdout, io.env)));
  const replay = firstFailureReplay(results);
  if (replay === null) return 0;
  if (format !== 'table') io.stderr.write(`${replayLine(replay)}\n`);
  writeAnnotations(io, (paths) => renderSweepAnnotations(results, paths));
  return 1;
}
