/**
 * Several scenarios' strategies on worker threads: every (scenario, strategy) run is one task,
 * so a scenario comparing five strategies keeps every core busy. The Results objects are
 * assembled exactly as in the main thread (simulate.ts), in scenario and strategy order.
 */
import type { ScenarioResults, StrategyResult } from '../metrics/results.js';
import type { Scenario } from '../scenario/types.js';
import { scenarioResults, selectedStrategies } from '../simulate.js';
import { runOnWorkers, type SpawnWorker } from './pool.js';

export interface ScenarioJob {
  scenario: Scenario;
  /** Run only these strategies (by name); all when absent. */
  only?: readonly string[];
  /** The command that reproduces this run. */
  replay?: string;
}

/** Called as each run finishes: which one, and how many of how many are done. */
export type RunFinished = (scenario: Scenario, strategy: string, finished: number, total: number) => void;

export async function runScenariosOnWorkers(
  jobs: readonly ScenarioJob[],
  workerCount: number,
  spawn: SpawnWorker,
  onFinished?: RunFinished,
): Promise<ScenarioResults[]> {
  const tasks = jobs.flatMap((job) => selectedStrategies(job.scenario, job.only).map((spec) => ({ scenario: job.scenario, spec })));
  const results = await runOnWorkers(tasks, workerCount, spawn, (index, finished) =>
    onFinished?.(tasks[index].scenario, tasks[index].spec.name, finished, tasks.length),
  );
  let next = 0;
  return jobs.map((job) => {
    const strategies: Record<string, StrategyResult> = {};
    for (const spec of selectedStrategies(job.scenario, job.only)) strategies[spec.name] = results[next++];
    return scenarioResults(job.scenario, strategies, job.replay);
  });
}
