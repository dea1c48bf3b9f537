/**
 * The library API: run a normalised scenario, every selected strategy on the same
 * workload and faults, and gather the Results object reporters read.
 */
import { UsageError } from './errors.js';
import { Collector, collectorOptions } from './metrics/collector.js';
import { evaluateExpectations, leftOutExpectations } from './metrics/expect.js';
import { faultWindows } from './metrics/fault-windows.js';
import type { ScenarioResults, StrategyResult } from './metrics/results.js';
import { Simulation } from './model/simulation.js';
import type { Scenario, StrategySpec, TimeWindow } from './scenario/types.js';
import { didYouMean } from './scenario/suggest.js';
import { replayCommandLine } from './replay.js';

export interface RunOptions {
  /** Run only these strategies (by name); all when absent. */
  only?: readonly string[];
  /** The `--set` overrides the scenario was loaded with, for the commands that replay the run or trace a key of it. */
  sets?: readonly string[];
}

/** One strategy of one scenario: the unit of work, whichever thread runs it. */
export interface StrategyRun {
  scenario: Scenario;
  spec: StrategySpec;
  /** Windows of time to count apart besides those the expectations name (a sweep's windowed metrics). */
  windows?: TimeWindow[];
}

/** Run one strategy; its numbers do not depend on which other strategies run, or in what order. */
export function runStrategy(scenario: Scenario, spec: StrategySpec, windows: readonly TimeWindow[] = []): StrategyResult {
  // The session ledger forgets what no read still in flight can ask about: the simulation
  // knows which those are; session tokens and version stamps, what no copy can make matter
  // any more: the checkers know.
  let simulation: Simulation | undefined;
  const collector = new Collector({ ...collectorOptions(scenario, spec, windows), oldestUnanswered: () => simulation?.oldestUnansweredRead() ?? -Infinity });
  simulation = new Simulation(scenario, spec, collector, collector);
  return collector.result(spec.use, simulation.run());
}

/** Every selected strategy of `scenario`, one after the other in this thread. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioResults {
  checkStrategiesExist(scenario, options.only);
  const strategies: Record<string, StrategyResult> = {};
  for (const spec of selectedStrategies(scenario, options.only)) strategies[spec.name] = runStrategy(scenario, spec);
  return scenarioResults(scenario, strategies, options);
}

/** The strategies of `scenario` a run covers, in scenario order. */
export function selectedStrategies(scenario: Scenario, only?: readonly string[]): StrategySpec[] {
  return only ? scenario.strategies.filter((s) => only.includes(s.name)) : scenario.strategies;
}

/** A usage error naming any `--strategy` the scenario does not have. */
export function checkStrategiesExist(scenario: Scenario, wanted: readonly string[] | undefined): void {
  const known = scenario.strategies.map((s) => s.name);
  const unknown = (wanted ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const suggestion = unknown.length === 1 ? didYouMean(unknown[0], known) : '';
    throw new UsageError(`--strategy ${unknown.join(',')}: not in ${scenario.file}${suggestion}; its strategies are ${known.join(', ')}`);
  }
}

/** The Results object of `scenario` from its strategies' results (in scenario order). */
export function scenarioResults(scenario: Scenario, strategies: Record<string, StrategyResult>, options: RunOptions = {}): ScenarioResults {
  const expectations = scenario.expect.filter((e) => e.strategy in strategies);
  return {
    version: 1,
    scenario: scenario.name,
    description: scenario.description,
    file: scenario.file,
    seed: scenario.seed,
    duration_ms: scenario.durationMs,
    warmup_ms: scenario.warmupMs,
    faults: faultWindows(scenario),
    strategies,
    expectations: evaluateExpectations(expectations, strategies),
    skipped_expectations: leftOutExpectations(scenario.expect, Object.keys(strategies)),
    // The strategies in scenario order, as they ran: --strategy b,a and a,b print the same document.
    replay: replayCommandLine({ file: scenario.file, seed: scenario.seed, strategies: options.only && selectedStrategies(scenario, options.only).map((s) => s.name), sets: options.sets }),
    sets: [...(options.sets ?? [])],
  };
}
