/**
 * Evaluating `expect:` blocks against a run's results. Pure: the scenario loader has
 * already normalised every condition to an operator and a value in the metric's unit.
 */
import { formatPosition } from '../errors.js';
import type { ComparisonOp, Expectation } from '../scenario/types.js';
import { measuredValue } from './metric-names.js';
import type { ExpectationResult, ExpectationRef, StrategyResult } from './results.js';

const COMPARE: Record<ComparisonOp, (actual: number, bound: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  // Exact on purpose: a tolerance would be a second, hidden condition. Equality is meant
  // for counts (`ryw_violations: 0`), which are exact integers.
  '==': (a, b) => a === b,
};

/**
 * One result per expectation, in the order given. A strategy that did not run or a metric
 * it does not have gives `actual: null` and fails: an expectation that cannot be checked
 * must not pass silently.
 */
export function evaluateExpectations(
  expectations: Expectation[],
  strategies: Record<string, StrategyResult>,
): ExpectationResult[] {
  return expectations.map((e) => {
    const result = Object.hasOwn(strategies, e.strategy) ? strategies[e.strategy] : undefined;
    const value = result ? measuredValue(result, e.metric, e.window) : undefined;
    // NaN would serialise as null anyway; treat it as "no value" so pass and actual agree.
    const actual = value === undefined || Number.isNaN(value) ? null : value;
    return {
      strategy: e.strategy,
      metric: e.metric,
      condition: e.text,
      actual,
      pass: actual !== null && COMPARE[e.op](actual, e.value),
      at: formatPosition(e.position),
    };
  });
}

/** What names each expectation (for reports, and for those a run could not check). */
export function expectationRefs(expectations: readonly Expectation[]): ExpectationRef[] {
  return expectations.map((e) => ({ strategy: e.strategy, metric: e.metric, condition: e.text, at: formatPosition(e.position) }));
}

/** The expectations about strategies not in `ran` (those a run left out), or undefined when there are none. */
export function leftOutExpectations(expectations: readonly Expectation[], ran: readonly string[]): ExpectationRef[] | undefined {
  const left = expectations.filter((e) => !ran.includes(e.strategy));
  return left.length > 0 ? expectationRefs(left) : undefined;
}

/** True when every expectation held (vacuously true for none): exit code 0 rather than 1. */
export function allPassed(results: readonly ExpectationResult[]): boolean {
  return results.every((r) => r.pass);
}

/** The expectations a run of strategy `name` can be judged by (those about it), evaluated on its result. */
export function strategyExpectations(expectations: readonly Expectation[], name: string, result: StrategyResult): ExpectationResult[] {
  return evaluateExpectations(
    expectations.filter((e) => e.strategy === name),
    { [name]: result },
  );
}

/** One expectation over several runs of its strategy, one per seed. */
export interface ExpectationOverSeeds {
  strategy: string;
  metric: string;
  condition: string;
  /** `FILE:LINE:COL` of the expectation. */
  at: string;
  runs: number;
  held: number;
  /** Held on every seed. */
  pass: boolean;
  /** The range of the actual values (null when no seed had one). */
  min: number | null;
  max: number | null;
  /** The seeds it failed on, in seed order, with what was measured. */
  failed: { seed: number; actual: number | null }[];
  /** The command that replays the first seed it failed on (null when it held on every one). */
  replay: string | null;
}

/** `results[s]`: the expectation's result with `seeds[s]`; `replayFor(seed)`: the command that replays that run. */
export function overSeeds(
  results: readonly Pick<ExpectationResult, 'strategy' | 'metric' | 'condition' | 'at' | 'actual' | 'pass'>[],
  seeds: readonly number[],
  replayFor: (seed: number) => string,
): ExpectationOverSeeds {
  const { strategy, metric, condition, at } = results[0];
  const actuals = results.flatMap((r) => (r.actual === null ? [] : [r.actual]));
  const failed = results.flatMap((r, s) => (r.pass ? [] : [{ seed: seeds[s], actual: r.actual }]));
  return {
    strategy,
    metric,
    condition,
    at,
    runs: results.length,
    held: results.length - failed.length,
    pass: failed.length === 0,
    // Folded, not spread: the seeds may be many.
    min: actuals.length > 0 ? actuals.reduce((a, b) => Math.min(a, b)) : null,
    max: actuals.length > 0 ? actuals.reduce((a, b) => Math.max(a, b)) : null,
    failed,
    replay: failed.length > 0 ? replayFor(failed[0].seed) : null,
  };
}
