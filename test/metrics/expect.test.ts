import { describe, expect, it } from 'vitest';
import { allPassed, evaluateExpectations } from '../../src/metrics/expect.js';
import type { StrategyResult } from '../../src/metrics/results.js';
import type { ComparisonOp, Expectation } from '../../src/scenario/types.js';
import { fixtureExpectations, fixtureResults } from '../fixtures/results.js';

const versioned = fixtureResults.strategies.versioned;

function expectation(metric: string, op: ComparisonOp, value: number, strategy = 'versioned'): Expectation {
  return { strategy, metric, op, value, text: `${op} ${value}`, position: { file: 'a.yaml', line: 3, col: 5 } };
}

/** versioned with one metric replaced, to put a value exactly on a bound. */
function withRatio(ratio: number): Record<string, StrategyResult> {
  return { versioned: { ...versioned, stale_read_ratio: ratio } };
}

function passes(e: Expectation, strategies: Record<string, StrategyResult> = { versioned }): boolean {
  return evaluateExpectations([e], strategies)[0].pass;
}

describe('evaluateExpectations', () => {
  it('reproduces the fixture expectations from the scenario expect block', () => {
    expect(evaluateExpectations(fixtureExpectations, fixtureResults.strategies)).toEqual(fixtureResults.expectations);
  });

  it('reports the condition as written and the position as FILE:LINE:COL', () => {
    const e: Expectation = { ...expectation('staleness_p99', '<=', 2000), text: '<= 2s' };
    const [r] = evaluateExpectations([e], { versioned });
    expect(r).toEqual({
      strategy: 'versioned',
      metric: 'staleness_p99',
      condition: '<= 2s',
      actual: 0,
      pass: true,
      at: 'a.yaml:3:5',
    });
  });

  it('compares == exactly, with no float tolerance', () => {
    expect(passes(expectation('monotonic_violations', '==', 3))).toBe(true);
    expect(passes(expectation('monotonic_violations', '==', 0))).toBe(false);
    expect(passes(expectation('stale_read_ratio', '==', 0.3), withRatio(0.1 + 0.2))).toBe(false);
    expect(passes(expectation('stale_read_ratio', '==', 0.3), withRatio(0.3))).toBe(true);
  });

  it('distinguishes strict from non-strict bounds on the boundary', () => {
    const onBound = withRatio(0.01);
    expect(passes(expectation('stale_read_ratio', '<', 0.01), onBound)).toBe(false);
    expect(passes(expectation('stale_read_ratio', '<=', 0.01), onBound)).toBe(true);
    expect(passes(expectation('stale_read_ratio', '>', 0.01), onBound)).toBe(false);
    expect(passes(expectation('stale_read_ratio', '>=', 0.01), onBound)).toBe(true);
  });

  it('compares in both directions off the boundary', () => {
    expect(passes(expectation('hit_ratio', '>', 0.9))).toBe(true);
    expect(passes(expectation('hit_ratio', '<', 0.9))).toBe(false);
    expect(passes(expectation('staleness_max', '>=', 30_000))).toBe(false);
    expect(passes(expectation('staleness_max', '<=', 30_000))).toBe(true);
  });

  it('reads region metrics', () => {
    const [r] = evaluateExpectations([expectation('regions.eu-west.monotonic_violations', '==', 3)], { versioned });
    expect(r).toMatchObject({ actual: 3, pass: true });
  });

  it('fails with actual null when the strategy did not run', () => {
    const [r] = evaluateExpectations([expectation('ryw_violations', '==', 0, 'session-token')], { versioned });
    expect(r).toMatchObject({ strategy: 'session-token', actual: null, pass: false });
  });

  it('does not mistake inherited object keys for strategies', () => {
    const [r] = evaluateExpectations([expectation('reads', '>=', 0, 'constructor')], { versioned });
    expect(r).toMatchObject({ actual: null, pass: false });
  });

  it('fails with actual null for an unknown metric or region', () => {
    const results = evaluateExpectations(
      [expectation('no_such_metric', '>=', 0), expectation('regions.mars.stale_read_ratio', '>=', 0)],
      { versioned },
    );
    expect(results.map((r) => [r.actual, r.pass])).toEqual([
      [null, false],
      [null, false],
    ]);
  });

  it('treats NaN as no value rather than a number that fails every comparison', () => {
    const [r] = evaluateExpectations([expectation('stale_read_ratio', '<', 1)], withRatio(Number.NaN));
    expect(r).toMatchObject({ actual: null, pass: false });
  });

  it('keeps the order of the expectations', () => {
    const results = evaluateExpectations(fixtureExpectations, fixtureResults.strategies);
    expect(results.map((r) => r.metric)).toEqual(fixtureExpectations.map((e) => e.metric));
  });
});

describe('allPassed', () => {
  it('is true for no expectations and for all passing', () => {
    expect(allPassed([])).toBe(true);
    expect(allPassed(fixtureResults.expectations.filter((e) => e.pass))).toBe(true);
  });

  it('is false when any failed', () => {
    expect(allPassed(fixtureResults.expectations)).toBe(false);
  });
});
