/**
 * The worker side: run each task as it arrives and answer with its result. A run in a worker
 * is the same function as in the main thread, so its numbers are the same, byte for byte.
 */
import { runStrategy } from '../simulate.js';
import type { Endpoint, RunAnswer, RunTask } from './protocol.js';

export function serveStrategyRuns(port: Endpoint): void {
  port.on('message', (task: RunTask) => {
    let answer: RunAnswer;
    try {
      answer = { id: task.id, result: runStrategy(task.scenario, task.spec, task.windows) };
    } catch (error) {
      answer = { id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(answer);
  });
}
