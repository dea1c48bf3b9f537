/**
 * Runs strategy runs on worker threads, each worker taking the next run as soon as it is
 * free. Results come back in the order of the runs, whatever order they finished in: which
 * worker ran what, and how many there were, changes no number. Each is digested as it
 * arrives, so a command over many runs keeps only what it needs of each.
 */
import type { StrategyResult } from '../metrics/results.js';
import type { StrategyRun } from '../simulate.js';
import type { Endpoint, RunAnswer, RunTask } from './protocol.js';

/** A started worker: a channel to it, and how to stop it. */
export interface WorkerHandle extends Endpoint {
  on(event: 'message', listener: (message: any) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown>;
}

export type SpawnWorker = () => WorkerHandle;

/** What is kept of run `index`'s result (the whole of it, or what a summary over many runs needs). */
export type RunDigest<T> = (result: StrategyResult, index: number) => T;

export async function runOnWorkers<T>(
  tasks: readonly StrategyRun[],
  workerCount: number,
  spawn: SpawnWorker,
  digest: RunDigest<T>,
  onDone?: (index: number, finished: number) => void,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  const workers: WorkerHandle[] = [];
  let next = 0;
  let finished = 0;
  try {
    // Started inside the try: if starting one fails, those already started are stopped.
    for (let i = Math.max(1, Math.min(workerCount, tasks.length)); i > 0; i--) workers.push(spawn());
    await new Promise<void>((resolve, reject) => {
      const give = (worker: WorkerHandle) => {
        if (next < tasks.length) {
          const id = next++;
          worker.postMessage({ id, ...tasks[id] } satisfies RunTask);
        }
      };
      for (const worker of workers) {
        worker.on('error', reject);
        // Once all is settled, the workers are stopped on purpose; before that, an exit is a crash.
        worker.on('exit', (code) => reject(new Error(`a worker stopped (exit code ${code}) before its runs were done`)));
        worker.on('message', (answer: RunAnswer) => {
          if ('error' in answer) return reject(new Error(`a worker failed running a strategy:\n${answer.error}`));
          results[answer.id] = digest(answer.result, answer.id);
          finished++;
          onDone?.(answer.id, finished);
          if (finished === tasks.length) resolve();
          else give(worker);
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
