/**
 * Messages between the main thread and a worker that runs strategies. A task is one strategy
 * of one normalised scenario (plain data, so it crosses threads by structured clone); the
 * answer is that run's StrategyResult, or the error that stopped it.
 */
import type { StrategyResult } from '../metrics/results.js';
import type { StrategyRun } from '../simulate.js';

export interface RunTask extends StrategyRun {
  id: number;
}

export type RunAnswer = { id: number; result: StrategyResult } | { id: number; error: string };

/** What either end of a worker channel needs: a node:worker_threads Worker, parentPort, or a MessagePort. */
export interface Endpoint {
  postMessage(message: unknown): void;
  // Messages arrive untyped from another thread; each end names what it expects.
  on(event: 'message', listener: (message: any) => void): unknown;
}
