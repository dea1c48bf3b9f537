/**
 * A stand-in for a worker thread: the same message protocol over a MessageChannel, served in
 * this thread. Tests of the pool and of `--workers` run from sources (no built bundle needed).
 */
import { MessageChannel } from 'node:worker_threads';
import type { WorkerHandle } from '../../src/parallel/pool.js';
import { serveStrategyRuns } from '../../src/parallel/serve.js';

export function inThreadWorker(): WorkerHandle {
  const { port1, port2 } = new MessageChannel();
  serveStrategyRuns(port2);
  const handle: WorkerHandle = {
    postMessage: (message) => port1.postMessage(message),
    on: (event: string, listener: (value: any) => void) => {
      // Errors come from a real thread dying; this stand-in has none.
      if (event === 'message') port1.on('message', listener);
      return handle;
    },
    terminate: async () => {
      port1.close();
      port2.close();
    },
  };
  return handle;
}
