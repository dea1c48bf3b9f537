/**
 * Runs strategy runs on worker threads, each worker taking the next run as soon as it is
 * free. Results come back in the order of the runs, whatever order they finished in: which
 * worker ran what, and how many there were, changes no number.
 */
import type { StrategyResult } from '../metrics/results.js';
import type { Endpoint, RunAnswer, RunTask } from './protocol.js';

/** A started worker: a channel to it, and how to stop it. */
export interface WorkerHandle extends Endpoint {
  on(event: 'message', listener: (message: any) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  terminate(): Promise<unknown>;
}

export type SpawnWorker = () => WorkerHandle;

export async function runOnWorkers(
  tasks: readonly Omit<RunTask, 'id'>[],
  workerCount: number,
  spawn: SpawnWorker,
  onDone?: (index: number, finished: number) => void,
): Promise<StrategyResult[]> {
  const results: StrategyResult[] = new Array(tasks.length);
  const workers = Array.from({ length: Math.max(1, Math.min(workerCount, tasks.length)) }, spawn);
  let next = 0;
  let finished = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (tasks.length === 0) return resolve();
      const give = (worker: WorkerHandle) => {
        if (next < tasks.length) {
          const id = next++;
          worker.postMessage({ id, ...tasks[id] } satisfies RunTask);
        }
      };
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (answer: RunAnswer) => {
          if ('error' in answer) return reject(new Error(`a worker failed running a strategy:\n${answer.error}`));
          results[answer.id] = answer.result;
          onDone?.(answer.id, ++finished);
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
