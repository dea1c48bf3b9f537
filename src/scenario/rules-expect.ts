/** Rules about `expect:`: it may only name strategies that run, metrics that exist and windows inside the run. */
import type { Problem } from '../errors.js';
import { baseMetric, isDurationMetric, isExpectableMetric, isWindowableMetric, regionMetricNames, strategyMetricNames } from '../metrics/metric-names.js';
import { parseCondition } from './condition.js';
import { defaultStrategies } from './defaults.js';
import type { Locator } from './positions.js';
import { l1Of } from './l1-hosts.js';
import { WINDOW_WORDING, hasWindow, splitMetricWindow } from './metric-window.js';
import { strategyName } from './rules-strategies.js';
import { didYouMean } from './suggest.js';
import { DURATION_PATTERN, DURATION_WORDING, durationMs, formatMs } from './units.js';
import { listOf, quoteName } from './wording.js';
import type { WrittenScenario } from './written-schema.js';

/** Every (strategy, key, condition) written under `expect:`; `metric` is the key without its window. */
function expectations(scenario: WrittenScenario) {
  return Object.entries(scenario.expect ?? {}).flatMap(([strategy, conditions]) =>
    Object.entries(conditions).map(([key, condition]) => ({ strategy, key, metric: baseMetric(key), condition })),
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

export function expectMetricsExist(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.map((region) => region.name);
  const known = [...strategyMetricNames, ...regions.flatMap((region) => regionMetricNames.map((metric) => `regions.${region}.${metric}`))];
  return expectations(scenario).flatMap(({ strategy, key, metric }) => {
    if (splitMetricWindow(key) === undefined) {
      return [at.atKey(['expect', strategy, key], `${quoteName(key.trim())} is neither a metric nor a metric with a window; allowed: a metric name or ${WINDOW_WORDING}`)];
    }
    if (isExpectableMetric(metric, regions)) return [];
    return [at.atKey(['expect', strategy, key], `unknown metric ${quoteName(metric)}${didYouMean(metric, known)}; the README lists every metric name`)];
  });
}

/**
 * A window (`stale_read_ratio from 3m20s until 5m`) needs a per-read metric, bounds that are
 * durations, and a stretch inside the measured run: reads before the warmup never count.
 */
export function expectWindowsFit(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.map((region) => region.name);
  const warmupMs = durationMs(scenario.warmup ?? 0);
  const endMs = durationMs(scenario.duration);
  return expectations(scenario).flatMap(({ strategy, key, metric }) => {
    const written = splitMetricWindow(key);
    if (!written || !hasWindow(written) || !isExpectableMetric(metric, regions)) return [];
    const here = (message: string) => [at.atKey(['expect', strategy, key], message)];
    if (!isWindowableMetric(metric)) {
      return here(`${quoteName(metric)} cannot be counted over a window of time; allowed: the per-read metrics, those also given per region (stale_read_ratio, staleness_p99, hit_ratio, db_reads_primary, …)`);
    }
    const bounds = [written.from, written.until].filter((b): b is string => b !== undefined);
    const bad = bounds.find((b) => !new RegExp(DURATION_PATTERN).test(b));
    if (bad !== undefined) return here(`window bound ${quoteName(bad)} is not a duration; allowed: ${DURATION_WORDING}`);
    const fromMs = written.from === undefined ? warmupMs : durationMs(written.from);
    const untilMs = written.until === undefined ? endMs : durationMs(written.until);
    if (fromMs < warmupMs) return here(`the window starts at ${formatMs(fromMs)}, before the warmup ends (${formatMs(warmupMs)}); reads before it never count; allowed: from ≥ warmup`);
    if (untilMs > endMs) return here(`the window ends at ${formatMs(untilMs)}, after the run does (duration: ${formatMs(endMs)}); allowed: until ≤ duration`);
    if (fromMs >= untilMs) return here(`the window from ${formatMs(fromMs)} until ${formatMs(untilMs)} is empty; allowed: from < until`);
    return [];
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
      return /(^|\.)l1_hit_ratio$/.test(metric) && entry !== undefined && l1Of(scenario, entry) === null;
    })
    .map(({ strategy, key, metric }) =>
      at.atKey(['expect', strategy, key], `${quoteName(strategy)} runs without L1s, so it has no ${quoteName(metric)}; give it an L1 (cache.l1) or expect something else`),
    );
}
