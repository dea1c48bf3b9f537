/**
 * Cross-field rules: what one key cannot know alone (names that must exist elsewhere,
 * counts over a list, times compared with the run). Each rule is a small named function
 * over the validated written scenario, returning problems at the offending node; they all
 * run, so every problem is reported at once.
 */
import type { Problem } from '../errors.js';
import type { Locator } from './positions.js';
import { expectConditionsCanHold, expectL1MetricsHaveL1, expectMetricsValid, expectStrategiesListed, expectUnitsFitMetrics } from './rules-expect.js';
import {
  exactlyOnePrimary,
  faultRegionsKnown,
  keysFitEveryRegion,
  linksJoinTwoKnownRegions,
  uniqueRegionNames,
  weightsNameKnownRegions,
  weightsHavePositiveSum,
} from './rules-regions.js';
import { presetOptionsValid, uniqueStrategyNames, variantsNameAPreset } from './rules-strategies.js';
import { atLeastOnceCanDeliver, primaryHasNoReplica } from './rules-model.js';
import { clockJumpsInsideRun, faultsInsideRun, warmupBeforeEnd } from './rules-time.js';
import type { WrittenScenario } from './written-schema.js';

export type Rule = (scenario: WrittenScenario, at: Locator) => Problem[];

export const rules: readonly Rule[] = [
  exactlyOnePrimary,
  uniqueRegionNames,
  weightsNameKnownRegions,
  weightsHavePositiveSum,
  keysFitEveryRegion,
  linksJoinTwoKnownRegions,
  faultRegionsKnown,
  warmupBeforeEnd,
  faultsInsideRun,
  clockJumpsInsideRun,
  primaryHasNoReplica,
  atLeastOnceCanDeliver,
  uniqueStrategyNames,
  variantsNameAPreset,
  presetOptionsValid,
  expectStrategiesListed,
  expectMetricsValid,
  expectUnitsFitMetrics,
  expectConditionsCanHold,
  expectL1MetricsHaveL1,
];

export function checkRules(scenario: WrittenScenario, at: Locator): Problem[] {
  return rules.flatMap((rule) => rule(scenario, at));
}
