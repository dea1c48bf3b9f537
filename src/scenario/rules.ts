/**
 * Cross-field rules: what one key cannot know alone (names that must exist elsewhere,
 * counts over a list, times compared with the run). Each rule is a small named function
 * over the validated written scenario, returning problems at the offending node; they all
 * run, so every problem is reported at once.
 */
import type { Problem } from '../errors.js';
import type { Locator, Path } from './positions.js';
import { readAt, recordingReads } from './read-paths.js';
import {
  expectConditionsCanHold,
  expectL1MetricsHaveL1,
  expectMetricsValid,
  expectNamesUnique,
  expectMetricsHaveValues,
  expectStrategiesListed,
  expectUnitsFitMetrics,
} from './rules-expect.js';
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
import { presetOptionsValid, uniqueStrategyNames, variantNamesNoOtherPreset, variantsNameAPreset } from './rules-strategies.js';
import { atLeastOnceCanDeliver, primaryHasNoReplica, routeHasARelay } from './rules-model.js';
import { clockJumpsInsideRun, faultsInsideRun, faultWindowsFitKinds, warmupBeforeEnd, workFitsARun } from './rules-time.js';
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
  faultWindowsFitKinds,
  warmupBeforeEnd,
  workFitsARun,
  faultsInsideRun,
  clockJumpsInsideRun,
  primaryHasNoReplica,
  atLeastOnceCanDeliver,
  routeHasARelay,
  uniqueStrategyNames,
  variantsNameAPreset,
  variantNamesNoOtherPreset,
  presetOptionsValid,
  expectStrategiesListed,
  expectMetricsValid,
  expectNamesUnique,
  expectUnitsFitMetrics,
  expectConditionsCanHold,
  expectL1MetricsHaveL1,
  expectMetricsHaveValues,
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
  expectMetricsHaveValues,
]);

/**
 * Rules that judge each item of a list on its own (with other parts of the scenario): an item
 * taken out for a wrong value leaves the verdicts on the others as they were.
 */
type ItemList = 'faults' | 'strategies' | 'regions';
const itemwise: ReadonlyMap<Rule, ItemList> = new Map<Rule, ItemList>([
  [faultRegionsKnown, 'faults'],
  [faultWindowsFitKinds, 'faults'],
  [faultsInsideRun, 'faults'],
  [primaryHasNoReplica, 'faults'],
  [atLeastOnceCanDeliver, 'faults'],
  [clockJumpsInsideRun, 'regions'],
  [variantsNameAPreset, 'strategies'],
  [variantNamesNoOtherPreset, 'strategies'],
  [presetOptionsValid, 'strategies'],
]);

/**
 * Every rule's problems. `defaulted` are the paths whose wrong values the schema reported and
 * that now hold their defaults: a rule that read one of them is not heard, since it would be
 * judging the default, not what was written. `itemsOutOf` are lists that wrong items were
 * taken out of: only the rules judging each of their items on its own are heard on them.
 */
export function checkRules(scenario: WrittenScenario, at: Locator, defaulted: readonly Path[] = [], itemsOutOf: readonly Path[] = []): Problem[] {
  if (defaulted.length === 0 && itemsOutOf.length === 0) return rules.flatMap((rule) => rule(scenario, at));
  const unread = { defaulted, itemsOutOf };
  return rules.flatMap((rule) => {
    const list = itemwise.get(rule);
    return list ? judgeEachItem(rule, list, scenario, at, unread) : heardUnlessRead(rule, scenario, at, unread);
  });
}

interface Unread {
  defaulted: readonly Path[];
  itemsOutOf: readonly Path[];
}

/** The rule's problems, unless it read a defaulted value or a list that items were taken out of. */
function heardUnlessRead(rule: Rule, scenario: WrittenScenario, at: Locator, unread: Unread): Problem[] {
  const { view, reads } = recordingReads(scenario);
  const problems = rule(view, at);
  return [...unread.defaulted, ...unread.itemsOutOf].some((path) => readAt(reads, path, !entrywise.has(rule))) ? [] : problems;
}

/**
 * A rule judging each item of `list` on its own, run on one item at a time: what was wrong in
 * an item silences the rule there only if the rule read it, and items taken out of the list
 * itself change no verdict on the others.
 */
function judgeEachItem(rule: Rule, list: ItemList, scenario: WrittenScenario, at: Locator, unread: Unread): Problem[] {
  const items = scenario[list] ?? [];
  return items.flatMap((item, i) => {
    // Paths inside item i are its paths in the one-item list (index 0); other items' are not there.
    const asAlone = (paths: readonly Path[]) =>
      paths.flatMap((path) => (path[0] !== list ? [path] : path[1] === i ? [[list, 0, ...path.slice(2)]] : []));
    const alone = { ...scenario, [list]: [item] };
    return heardUnlessRead(rule, alone, at.keeping([list], [i]), { defaulted: asAlone(unread.defaulted), itemsOutOf: asAlone(unread.itemsOutOf) });
  });
}
