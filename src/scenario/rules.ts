/**
 * Cross-field rules: what one key cannot know alone (names that must exist elsewhere,
 * counts over a list, times compared with the run). Each rule is a small named function
 * over the validated written scenario, returning problems at the offending node; they all
 * run, so every problem is reported at once.
 */
import type { Problem } from '../errors.js';
import { type Locator, type Path, samePath } from './positions.js';
import { readAt, recordingReads } from './read-paths.js';
import { expectConditionsCanHold, expectL1MetricsHaveL1, expectMetricsValid, expectNamesUnique, expectStrategiesListed, expectUnitsFitMetrics } from './rules-expect.js';
import {
  exactlyOnePrimary,
  faultRegionsKnown,
  linksJoinTwoKnownRegions,
  regionNameNotReserved,
  uniqueRegionNames,
  weightsNameKnownRegions,
  weightsHavePositiveSum,
} from './rules-regions.js';
import { stateFitsInMemory } from './rules-state.js';
import { presetOptionsValid, uniqueStrategyNames, variantsNameAPreset } from './rules-strategies.js';
import { atLeastOnceCanDeliver, primaryHasNoReplica } from './rules-model.js';
import { clockJumpsInsideRun, faultsInsideRun, warmupBeforeEnd, workFitsARun } from './rules-time.js';
import type { WrittenScenario } from './written-schema.js';

export type Rule = (scenario: WrittenScenario, at: Locator) => Problem[];

export const rules: readonly Rule[] = [
  exactlyOnePrimary,
  uniqueRegionNames,
  regionNameNotReserved,
  weightsNameKnownRegions,
  weightsHavePositiveSum,
  stateFitsInMemory,
  linksJoinTwoKnownRegions,
  faultRegionsKnown,
  warmupBeforeEnd,
  workFitsARun,
  faultsInsideRun,
  clockJumpsInsideRun,
  primaryHasNoReplica,
  atLeastOnceCanDeliver,
  uniqueStrategyNames,
  variantsNameAPreset,
  presetOptionsValid,
  expectStrategiesListed,
  expectMetricsValid,
  expectNamesUnique,
  expectUnitsFitMetrics,
  expectConditionsCanHold,
  expectL1MetricsHaveL1,
];

/**
 * Rules that judge each entry of a map on its own: an entry taken out for its wrong value
 * leaves the verdicts on the others as they were (unlike a rule over their sum).
 */
const entrywise: ReadonlySet<Rule> = new Set([
  weightsNameKnownRegions,
  presetOptionsValid,
  expectStrategiesListed,
  expectMetricsValid,
  expectNamesUnique,
  expectUnitsFitMetrics,
  expectConditionsCanHold,
  expectL1MetricsHaveL1,
]);

/**
 * Rules that judge each item of a list on its own (with other parts of the scenario): an item
 * taken out for a wrong value leaves the verdicts on the others as they were.
 */
const itemwise: ReadonlyMap<Rule, readonly Path[]> = new Map([
  [faultRegionsKnown, [['faults']]],
  [faultsInsideRun, [['faults']]],
  [primaryHasNoReplica, [['faults']]],
  [atLeastOnceCanDeliver, [['faults']]],
]);

/**
 * Every rule's problems. `defaulted` are the paths whose wrong values the schema reported and
 * that now hold their defaults: a rule that read one of them is not heard, since it would be
 * judging the default, not what was written. `itemsOutOf` are lists that wrong items were
 * taken out of: only the rules judging each of their items on its own are heard on them.
 */
export function checkRules(scenario: WrittenScenario, at: Locator, defaulted: readonly Path[] = [], itemsOutOf: readonly Path[] = []): Problem[] {
  if (defaulted.length === 0 && itemsOutOf.length === 0) return rules.flatMap((rule) => rule(scenario, at));
  return rules.flatMap((rule) => {
    const { view, reads } = recordingReads(scenario);
    const problems = rule(view, at);
    const unjudged = itemsOutOf.filter((list) => !itemwise.get(rule)?.some((judged) => samePath(judged, list)));
    return [...defaulted, ...unjudged].some((path) => readAt(reads, path, !entrywise.has(rule))) ? [] : problems;
  });
}
