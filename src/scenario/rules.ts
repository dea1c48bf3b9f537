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
type ItemList = 'faults' | 'strategies' | 'regions';
const itemwise: ReadonlyMap<Rule, ItemList> = new Map<Rule, ItemList>([
  [faultRegionsKnown, 'faults'],
  [faultsInsideRun, 'faults'],
  [primaryHasNoReplica, 'faults'],
  [atLeastOnceCanDeliver, 'faults'],
  [clockJumpsInsideRun, 'regions'],
  [variantsNameAPreset, 'strategies'],
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
  return rules.flatMap((rule) => {
    const list = itemwise.get(rule);
    const judged = list ? withoutDefaultedItems(scenario, at, defaulted, list) : { scenario, at, defaulted };
    const { view, reads } = recordingReads(judged.scenario);
    const problems = rule(view, judged.at);
    const unjudged = itemsOutOf.filter((out) => !(list && samePath(out, [list])));
    return [...judged.defaulted, ...unjudged].some((path) => readAt(reads, path, !entrywise.has(rule))) ? [] : problems;
  });
}

/**
 * For a rule judging each item of `list` on its own: the scenario without the items in which
 * something fell back to its default (the rule would judge the default), the others told at
 * their places as written, and the defaulted paths outside the list.
 */
function withoutDefaultedItems(
  scenario: WrittenScenario,
  at: Locator,
  defaulted: readonly Path[],
  list: ItemList,
): { scenario: WrittenScenario; at: Locator; defaulted: Path[] } {
  const items = scenario[list] ?? [];
  const itemOf = (path: Path) => (path[0] === list && typeof path[1] === 'number' ? path[1] : undefined);
  const out = new Set(defaulted.flatMap((path) => itemOf(path) ?? []));
  if (out.size === 0) return { scenario, at, defaulted: [...defaulted] };
  const kept = items.flatMap((_, i) => (out.has(i) ? [] : [i]));
  // Every defaulted path inside an item went with it.
  const left = defaulted.filter((path) => itemOf(path) === undefined);
  return { scenario: { ...scenario, [list]: kept.map((i) => items[i]) }, at: at.keeping([list], kept), defaulted: left };
}
