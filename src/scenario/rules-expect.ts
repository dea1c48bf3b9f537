/** Rules about `expect:`: it may only name strategies that run, metrics that exist and windows inside the run. */
import type { Problem } from '../errors.js';
import {
  baseMetric,
  isDurationMetric,
  isExpectableMetric,
  isWindowableMetric,
  isWriteMetric,
  metricNamesText,
  metricRange,
  metricRegion,
  strategyMetricNames,
  windowMetricNamesText,
} from '../metrics/metric-names.js';
import { parseCondition } from './condition.js';
import { defaultStrategies } from './defaults.js';
import type { Locator } from './positions.js';
import { l1SpecOf } from './normalise.js';
import { WINDOW_WORDING, hasWindow, sameExpectationKey, splitMetricWindow, windowProblem } from './metric-window.js';
import { strategyName } from './rules-strategies.js';
import { didYouMean } from './suggest.js';
import { durationMs } from './units.js';
import { listOf, quoteName } from './wording.js';
import type { WrittenScenario } from './written-schema.js';

/** Every (strategy, key, condition) written under `expect:`; `metric` is the key without its window. */
function expectations(scenario: WrittenScenario) {
  return Object.entries(scenario.expect ?? {}).flatMap(([strategy, conditions]) =>
    Object.entries(conditions ?? {}).map(([key, condition]) => ({ strategy, key, metric: baseMetric(key), condition })),
  );
}

export function expectStrategiesListed(scenario: WrittenScenario, at: Locator): Problem[] {
  const listed = (scenario.strategies ?? defaultStrategies()).map(strategyName);
  return Object.keys(scenario.expect ?? {})
    .filter((name) => !listed.includes(name))
    .map((name) =>
      at.atKey(['expect', name], `${quoteName(name)} is not a strategy of this scenario${didYouMean(name, listed)}; strategies: ${listOf(listed)}`),
    );
}

/** Every metric name a scenario with these regions has, for "did you mean". */
function knownMetrics(regions: readonly string[]): string[] {
  return [...strategyMetricNames, ...regions.flatMap((region) => strategyMetricNames.map((metric) => `regions.${region}.${metric}`))];
}

/**
 * What is wrong with a metric name as `expect:` and `sweep --metric` take it, in a run with
 * these regions whose `measured` span is from warmup to end, or `undefined`: the metric must
 * exist, and a window (`stale_read_ratio from 3m20s`) needs a per-read metric and must fit the
 * run. The span is asked for only for a window (a name without one does not depend on it).
 */
export function metricNameProblem(name: string, regions: readonly string[], measured: () => { fromMs: number; endMs: number }): string | undefined {
  const written = splitMetricWindow(name);
  if (!written) return `${quoteName(name.trim())} is neither a metric nor a metric with a window; allowed: a metric name or ${WINDOW_WORDING}`;
  const { metric } = written;
  if (!isExpectableMetric(metric, regions)) {
    return `unknown metric ${quoteName(metric)}${didYouMean(metric, knownMetrics(regions))}; allowed: ${metricNamesText}, each also per region as regions.<region>.<metric> (regions: ${listOf(regions)})`;
  }
  if (!hasWindow(written)) return undefined;
  if (!isWindowableMetric(metric)) return `${quoteName(metric)} cannot be counted over a window of time; allowed: the per-read metrics, ${windowMetricNamesText}`;
  const { fromMs, endMs } = measured();
  return windowProblem(written, fromMs, endMs);
}

export function expectMetricsValid(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.map((region) => region.name);
  const measured = () => ({ fromMs: durationMs(scenario.warmup ?? 0), endMs: durationMs(scenario.duration) });
  return expectations(scenario).flatMap(({ strategy, key }) => {
    const problem = metricNameProblem(key, regions, measured);
    return problem ? [at.atKey(['expect', strategy, key], problem)] : [];
  });
}

/** `"reads "` and `reads` are one expectation written twice (names are compared with spaces made single), as a duplicate key is. */
export function expectNamesUnique(scenario: WrittenScenario, at: Locator): Problem[] {
  return Object.entries(scenario.expect ?? {}).flatMap(([strategy, conditions]) => {
    const seen = new Map<string, string>();
    return Object.keys(conditions ?? {}).flatMap((key) => {
      const name = sameExpectationKey(key);
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, key);
        return [];
      }
      return [at.atKey(['expect', strategy, key], `${JSON.stringify(key)} names the same expectation as ${JSON.stringify(first)}; each may appear once for a strategy`)];
    });
  });
}

/** `hit_ratio: "< 2s"` compares a ratio with a time: certainly a mistake. */
export function expectUnitsFitMetrics(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.map((region) => region.name);
  return expectations(scenario)
    .filter(({ metric, condition }) => isExpectableMetric(metric, regions) && !isDurationMetric(metric) && parseCondition(condition).hasUnit)
    .map(({ strategy, key, metric, condition }) =>
      at.atValue(['expect', strategy, key], `${JSON.stringify(condition)} compares with a duration, but ${quoteName(metric)} is not a time; allowed: a plain number`),
    );
}

/** An L1 metric of a strategy that runs without L1s could never be checked (it has no value). */
export function expectL1MetricsHaveL1(scenario: WrittenScenario, at: Locator): Problem[] {
  const entries = scenario.strategies ?? defaultStrategies();
  return expectations(scenario)
    .filter(({ strategy, metric }) => {
      const entry = entries.find((e) => strategyName(e) === strategy);
      return /(^|\.)l1_hit_ratio$/.test(metric) && entry !== undefined && l1SpecOf(scenario, entry) === null;
    })
    .map(({ strategy, key, metric }) =>
      at.atKey(['expect', strategy, key], `${quoteName(strategy)} runs without L1s, so it has no ${quoteName(metric)}; give it an L1 (cache.l1) or expect something else`),
    );
}

/**
 * A ratio or a distribution of reads has no value where no read is made (a region the read
 * weights leave out, or a workload without reads), nor a convergence where no write is: such a
 * check could only fail, so it is told now rather than after the run. Counts (reads,
 * stale_reads, unconverged_writes) are 0 there, and fine.
 */
export function expectMetricsHaveValues(scenario: WrittenScenario, at: Locator): Problem[] {
  const names = scenario.regions.map((region) => region.name);
  const weights = scenario.workload.read_regions;
  // Why `region` (undefined: the whole run) gets no reads, or undefined when it gets some.
  const noReads = (region: string | undefined): string | undefined => {
    if (scenario.workload.reads_per_second === 0) return 'the workload makes no reads';
    if (region === undefined || weights === undefined || (weights[region] ?? 0) > 0) return undefined;
    return `${quoteName(region)} gets no reads (read_regions gives it none)`;
  };
  const noWrites = (scenario.workload.writes_per_second ?? 0) === 0;
  return expectations(scenario).flatMap(({ strategy, key, metric }) => {
    if (!isExpectableMetric(metric, names) || metricRange(metric) === 'count') return [];
    if (isWriteMetric(metric)) {
      // A windowed one is told by the window rule (no write metric takes a window).
      if (!noWrites || key.trim() !== metric) return [];
      return [at.atKey(['expect', strategy, key], `the workload makes no writes, so ${quoteName(metric)} would have no value and the check could only fail; allowed: writes_per_second above 0, or a count (unconverged_writes)`)];
    }
    const why = noReads(metricRegion(metric));
    if (why === undefined) return [];
    return [at.atKey(['expect', strategy, key], `${why}, so ${quoteName(metric)} would have no value and the check could only fail; allowed: a region with reads, or a count (reads, stale_reads)`)];
  });
}

type Range = ReturnType<typeof metricRange>;

/** Whether some value in the metric's range meets `op value` (every metric is ≥ 0; a ratio at most 1, a count whole). */
function satisfiable(range: Range, op: string, value: number): boolean {
  const most = range === 'ratio' ? 1 : Infinity;
  switch (op) {
    case '<':
      return value > 0;
    case '<=':
      return value >= 0;
    case '>':
      return value < most;
    case '>=':
      return value <= most;
    default:
      return value >= 0 && value <= most && (range !== 'count' || Number.isInteger(value));
  }
}

/** What a metric's values are, for a condition none of them meets; the percent hint only where a percentage was the likely slip (a bound above 1). */
function rangeText(range: Range, metric: string, value: number): string {
  if (range === 'ratio') return `a ratio from 0 to 1${value > 1 ? ' (90 % is 0.9)' : ''}`;
  if (range === 'count') return 'a whole number of at least 0';
  return isDurationMetric(metric) ? 'a time of at least 0' : 'a number of at least 0';
}

/** `hit_ratio: "> 90"` (meant 90 %), `ryw_violations: -1` or `staleness_p99: "< 0s"` can never hold: certainly a mistake. */
export function expectConditionsCanHold(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.map((region) => region.name);
  return expectations(scenario).flatMap(({ strategy, key, metric, condition }) => {
    if (!isExpectableMetric(metric, regions)) return [];
    const range = metricRange(metric);
    const { op, value, hasUnit } = parseCondition(condition);
    // A duration on a metric that is no time is told by expectUnitsFitMetrics.
    if ((hasUnit && !isDurationMetric(metric)) || satisfiable(range, op, value)) return [];
    return [at.atValue(['expect', strategy, key], `${JSON.stringify(condition)} can never hold: ${quoteName(metric)} is ${rangeText(range, metric, value)}`)];
  });
}
