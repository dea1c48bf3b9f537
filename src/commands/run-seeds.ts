/**
 * `cache-sim run --seeds N`: every scenario over N seeds; prints each metric as mean ± 95 %
 * CI and each expectation over the seeds; returns 0 when every expectation held on every
 * seed, 1 otherwise. Every problem of every file (and of the output paths) is reported
 * before anything runs.
 */
import { UsageError } from '../errors.js';
import { paletteFor } from '../report/colour.js';
import { replayLine } from '../report/replay-lines.js';
import { SEEDS_FORMATS, type SeedsFormat, renderSeeds, renderSeedsAnnotations, renderSeedsHtml, renderSeedsJunit } from '../report/seeds.js';
import { planSeeds, seedsResults } from '../run-seeds.js';
import { summariseRun } from '../sweep.js';
import type { SweepPlan } from '../sweep.js';
import { reportWidth } from '../report/sink.js';
import { type CommandIO, githubPaths, writeAnnotations } from './io.js';
import { loadEach, writeFilesAtomically } from './output-file.js';
import type { RunCommandOptions } from './run.js';
import { runStrategies, terminalProgress } from './strategy-runs.js';

export async function runSeedsCommand(files: string[], options: RunCommandOptions & { seeds: number }, io: CommandIO): Promise<number> {
  const format = options.format;
  if (!(SEEDS_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format ${format} with --seeds: over several seeds the report is ${SEEDS_FORMATS.join(' or ')}`);
  }
  const plans = planAll(files, options);
  const progress = terminalProgress(io);
  // Each run's place: its plan, and its number there.
  const places = plans.flatMap((plan) => plan.runs.map((_, index) => ({ plan, index })));
  const summaries = await runStrategies(
    places.map(({ plan, index }) => plan.runs[index]),
    options.workers,
    io,
    progress?.report,
    (outcome, i) => summariseRun(places[i].plan, places[i].index, outcome),
  );
  progress?.clear();
  let next = 0;
  const results = plans.map((plan) => seedsResults(plan, summaries.slice(next, (next += plan.runs.length))));
  writeFilesAtomically([
    ...(options.junit ? [{ path: options.junit, content: renderSeedsJunit(results, githubPaths(io)) }] : []),
    ...(options.html ? [{ path: options.html, content: renderSeedsHtml(results) }] : []),
  ]);
  io.stdout.write(renderSeeds(format as SeedsFormat, results, paletteFor(io.env, io.stdout), reportWidth(io.stdout, io.env)));
  const replays = results.flatMap((r) => (r.replay === null ? [] : [r.replay]));
  // The table ends with the replay lines; JSON keeps stdout parseable, so they go to stderr.
  if (format !== 'table') for (const replay of replays) io.stderr.write(`${replayLine(replay)}\n`);
  writeAnnotations(io, (paths) => renderSeedsAnnotations(results, paths));
  return replays.length === 0 ? 0 : 1;
}

function planAll(files: string[], options: RunCommandOptions & { seeds: number }): SweepPlan[] {
  return loadEach(files, [options.junit, options.html], (file) =>
    planSeeds(file, { seeds: options.seeds, seed: options.seed, strategies: options.strategies, sets: options.sets, metrics: options.metrics }),
  );
}
