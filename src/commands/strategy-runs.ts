/**
 * Running a command's strategy runs: on worker threads when there is enough work to share
 * (or as many as `--workers` asks), else one after the other in this thread. Either way the
 * results come back in the order of the runs, and are the same, byte for byte.
 */
import type { StrategyResult } from '../metrics/results.js';
import { type RunDigest, runOnWorkers } from '../parallel/pool.js';
import { runStrategy, type StrategyRun } from '../simulate.js';
import type { CommandIO } from './io.js';

/** Told as a run starts (in this thread) or as it finishes (on workers). */
export type RunProgress = (run: StrategyRun, count: number, total: number, finished: boolean) => void;

/**
 * Progress on a terminal only (SPEC §1): one line on stderr, rewritten in place, naming the
 * run that started or finished; `clear` removes it. Undefined when stderr is not a terminal.
 */
export function terminalProgress(io: CommandIO): { report: RunProgress; clear: () => void } | undefined {
  if (!io.stderr.isTTY) return undefined;
  const line = (text: string) => io.stderr.write(`\r\u001b[2K${text}`);
  return {
    report: (run, count, total, finished) => line(`${run.scenario.name}: ${run.spec.name} ${finished ? 'done ' : ''}(${count}/${total})`),
    clear: () => line(''),
  };
}

/**
 * Below this many simulated operations (reads and writes of every run together), starting
 * worker threads costs more than it saves: a worker needs about 0.05 s to load.
 */
const OPERATIONS_WORTH_A_WORKER = 300_000;

/** The runs' results, in order: whole, or each as `digest` keeps it (the rest let go at once). */
export async function runStrategies(runs: readonly StrategyRun[], requested: number | undefined, io: CommandIO, progress?: RunProgress): Promise<StrategyResult[]>;
export async function runStrategies<T>(runs: readonly StrategyRun[], requested: number | undefined, io: CommandIO, progress: RunProgress | undefined, digest: RunDigest<T>): Promise<T[]>;
export async function runStrategies<T>(
  runs: readonly StrategyRun[],
  requested: number | undefined,
  io: CommandIO,
  progress?: RunProgress,
  digest: RunDigest<T> = (result) => result as T,
): Promise<T[]> {
  const workers = workerCount(runs, requested, io);
  if (io.workers && workers > 1) {
    return runOnWorkers(runs, workers, io.workers.spawn, digest, progress && ((index, finished) => progress(runs[index], finished, runs.length, true)));
  }
  return runs.map((run, index) => {
    progress?.(run, index + 1, runs.length, false);
    return digest(runStrategy(run.scenario, run.spec, run.windows), index);
  });
}

/** As asked, else one per core when there is enough work to share; never more than there are runs. */
function workerCount(runs: readonly StrategyRun[], requested: number | undefined, io: CommandIO): number {
  if (requested !== undefined) return Math.min(requested, runs.length);
  const operations = runs.reduce((sum, { scenario }) => sum + (scenario.workload.readsPerSecond + scenario.workload.writesPerSecond) * (scenario.durationMs / 1000), 0);
  return operations < OPERATIONS_WORTH_A_WORKER ? 1 : Math.min(io.workers?.cores ?? 1, runs.length);
}
