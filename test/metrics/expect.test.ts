import { describe, expect, it } from 'vitest';
import { allPassed, evaluateExpectations, overSeeds } from '../../src/metrics/expect.js';
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

describe('overSeeds', () => {
  const statement = { strategy: 'pubsub', metric: 'staleness_p99', condition: '<= 2s', at: 'f.yaml:3:5' };
  const replayFor = (seed: number) => `cache-sim run f.yaml --seed ${seed}`;

  it('counts the seeds it held on, keeps the range of what was measured and names the seeds it failed on, in seed order', () => {
    const results = [
      { ...statement, actual: 1500, pass: true },
      { ...statement, actual: 2500, pass: false },
      { ...statement, actual: 900, pass: true },
      { ...statement, actual: 3100, pass: false },
    ];
    expect(overSeeds(results, [11, 22, 33, 44], replayFor)).toEqual({
      ...statement,
      runs: 4,
      held: 2,
      pass: false,
      min: 900,
      max: 3100,
      failed: [
        { seed: 22, actual: 2500 },
        { seed: 44, actual: 3100 },
      ],
      replay: 'cache-sim run f.yaml --seed 22',
    });
  });

  it('held on every seed: passes, with nothing to replay', () => {
    const held = overSeeds([{ ...statement, actual: 1, pass: true }], [7], replayFor);
    expect(held).toMatchObject({ held: 1, pass: true, failed: [], replay: null });
  });

  it('a metric no seed could measure fails everywhere and has no range', () => {
    const missing = overSeeds(
      [
        { ...statement, actual: null, pass: false },
        { ...statement, actual: null, pass: false },
      ],
      [1, 2],
      replayFor,
    );
    expect(missing).toMatchObject({ held: 0, pass: false, min: null, max: null, failed: [{ seed: 1, actual: null }, { seed: 2, actual: null }] });
  });
});
