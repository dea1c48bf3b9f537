/**
 * Evaluating `expect:` blocks against a run's results. Pure: the scenario loader has
 * already normalised every condition to an operator and a value in the metric's unit.
 */
import type { ComparisonOp, Expectation, SourcePosition } from '../scenario/types.js';
import { measuredValue } from './metric-names.js';
import type { ExpectationResult, StrategyResult } from './results.js';

const COMPARE: Record<ComparisonOp, (actual: number, bound: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  // Exact on purpose: a tolerance would be a second, hidden condition. Equality is meant
  // for counts (`ryw_violations: 0`), which are exact integers.
  '==': (a, b) => a === b,
};

export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.col}`;
}

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

/** True when every expectation held (vacuously true for none): exit code 0 rather than 1. */
export function allPassed(results: readonly ExpectationResult[]): boolean {
  return results.every((r) => r.pass);
}
