/** Rules about `expect:`: it may only name strategies that run and metrics that exist. */
import type { Problem } from '../errors.js';
import { isDurationMetric, isExpectableMetric, regionMetricNames, strategyMetricNames } from '../metrics/metric-names.js';
import { parseCondition } from './condition.js';
import { defaultStrategies } from './defaults.js';
import type { Locator } from './positions.js';
import { l1Of } from './l1-hosts.js';
import { strategyName } from './rules-strategies.js';
import { didYouMean } from './suggest.js';
import { listOf, quoteName } from './wording.js';
import type { WrittenScenario } from './written-schema.js';

/** Every (strategy, metric, condition) written under `expect:`. */
function expectations(scenario: WrittenScenario) {
  return Object.entries(scenario.expect ?? {}).flatMap(([strategy, conditions]) =>
    Object.entries(conditions).map(([metric, condition]) => ({ strategy, metric, condition })),
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
  return expectations(scenario)
    .filter(({ metric }) => !isExpectableMetric(metric, regions))
    .map(({ strategy, metric }) =>
      at.atKey(['expect', strategy, metric], `unknown metric ${quoteName(metric)}${didYouMean(metric, known)}; the README lists every metric name`),
    );
}

/** `hit_ratio: "< 2s"` compares a ratio with a time: certainly a mistake. */
export function expectUnitsFitMetrics(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.map((region) => region.name);
  return expectations(scenario)
    .filter(({ metric, condition }) => isExpectableMetric(metric, regions) && !isDurationMetric(metric) && parseCondition(condition).hasUnit)
    .map(({ strategy, metric, condition }) =>
      at.atValue(['expect', strategy, metric], `${JSON.stringify(condition)} compares with a duration, but ${quoteName(metric)} is not a time; allowed: a plain number`),
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
    .map(({ strategy, metric }) =>
      at.atKey(['expect', strategy, metric], `${quoteName(strategy)} runs without L1s, so it has no ${quoteName(metric)}; give it an L1 (cache.l1) or expect something else`),
    );
}
