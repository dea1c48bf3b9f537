/** Rules about regions and the names that refer to them. */
import { ALL_REGIONS } from '../metrics/metric-names.js';
import type { Problem } from '../errors.js';
import { splitLink } from './normalise.js';
import type { Locator, Path } from './positions.js';
import { didYouMean } from './suggest.js';
import { listOf, quoteName } from './wording.js';
import type { WrittenScenario } from './written-schema.js';

const regionNamesOf = (scenario: WrittenScenario) => scenario.regions.map((region) => region.name);

function unknownRegion(name: string, known: readonly string[]): string {
  return `unknown region ${quoteName(name)}${didYouMean(name, known)}; known regions: ${listOf(known)}`;
}

/** The model has one primary database; a second would need multi-writer semantics it does not have. */
export function exactlyOnePrimary(scenario: WrittenScenario, at: Locator): Problem[] {
  const primaries = scenario.regions.flatMap((region, i) => (region.primary ? [i] : []));
  if (primaries.length === 0) {
    return [at.atValue(['regions'], 'no primary region; allowed: exactly one region with `primary: true`')];
  }
  const first = quoteName(scenario.regions[primaries[0]].name);
  return primaries
    .slice(1)
    .map((i) => at.atValue(['regions', i, 'primary'], `a second primary (${first} is primary already); allowed: exactly one primary region`));
}

export function uniqueRegionNames(scenario: WrittenScenario, at: Locator): Problem[] {
  return duplicates(regionNamesOf(scenario)).map(({ index, first }) =>
    at.atValue(['regions', index, 'name'], `${quoteName(scenario.regions[index].name)} is already the name of regions.${first}; allowed: each region name once`),
  );
}

/** `all` names the whole run where rows are per region (CSV): a region of that name could not be told from it. */
export function regionNameNotReserved(scenario: WrittenScenario, at: Locator): Problem[] {
  return scenario.regions.flatMap((region, index) =>
    region.name === ALL_REGIONS ? [at.atValue(['regions', index, 'name'], `${quoteName(ALL_REGIONS)} is reserved for the whole run's rows (CSV); allowed: any other name`)] : [],
  );
}

/** Each repeated value after its first occurrence, with the index of that first occurrence. */
export function duplicates(values: readonly string[]): { index: number; first: number }[] {
  return values.flatMap((value, index) => {
    const first = values.indexOf(value);
    return first < index ? [{ index, first }] : [];
  });
}

const WEIGHT_FIELDS = ['read_regions', 'write_regions'] as const;

export function weightsNameKnownRegions(scenario: WrittenScenario, at: Locator): Problem[] {
  const known = regionNamesOf(scenario);
  return WEIGHT_FIELDS.flatMap((field) =>
    Object.keys(scenario.workload[field] ?? {})
      .filter((name) => !known.includes(name))
      .map((name) => at.atKey(['workload', field, name], unknownRegion(name, known))),
  );
}

/** All-zero weights leave no region to issue reads or writes from. */
export function weightsHavePositiveSum(scenario: WrittenScenario, at: Locator): Problem[] {
  return WEIGHT_FIELDS.flatMap((field) => {
    const weights = scenario.workload[field];
    if (!weights || Object.values(weights).some((weight) => weight > 0)) return [];
    return [at.atValue(['workload', field], 'no region has a weight above 0; allowed: weights ≥ 0 with at least one above 0')];
  });
}

export function linksJoinTwoKnownRegions(scenario: WrittenScenario, at: Locator): Problem[] {
  const known = regionNamesOf(scenario);
  const seen = new Map<string, string>();
  return Object.keys(scenario.network?.links ?? {}).flatMap((pair) => {
    const place: Path = ['network', 'links', pair];
    if (!pair.includes('<->')) {
      return [at.atKey(place, `${quoteName(pair)} is not a link; allowed: "a<->b" with a and b region names`)];
    }
    const [a, b] = splitLink(pair);
    const unknown = [a, b].filter((name) => !known.includes(name));
    if (unknown.length > 0) return unknown.map((name) => at.atKey(place, unknownRegion(name, known)));
    if (a === b) return [at.atKey(place, `${quoteName(pair)} links a region to itself; allowed: two different regions (a region's own latency is network.local_latency)`)];
    const canonical = [a, b].sort().join('<->');
    const earlier = seen.get(canonical);
    seen.set(canonical, earlier ?? pair);
    return earlier === undefined ? [] : [at.atKey(place, `${quoteName(pair)} repeats the link ${quoteName(earlier)} (links are symmetric); allowed: each pair once`)];
  });
}

/** Every region named by a fault, with where it was written. */
function faultRegions(scenario: WrittenScenario): { name: string; path: Path }[] {
  return (scenario.faults ?? []).flatMap((fault, i) => {
    const between = fault.network_partition?.between ?? [];
    const single = (['partition', 'replica_lag', 'replication_pause', 'cache_restart', 'consumer_pause'] as const).flatMap((kind) => {
      const region = fault[kind]?.region;
      return region === undefined ? [] : [{ name: region, path: ['faults', i, kind, 'region'] as Path }];
    });
    return [...single, ...between.map((name, j) => ({ name, path: ['faults', i, 'network_partition', 'between', j] as Path }))];
  });
}

export function faultRegionsKnown(scenario: WrittenScenario, at: Locator): Problem[] {
  const known = regionNamesOf(scenario);
  const unknown = faultRegions(scenario)
    .filter(({ name }) => !known.includes(name))
    .map(({ name, path }) => at.atValue(path, unknownRegion(name, known)));
  const selfPartitions = (scenario.faults ?? []).flatMap((fault, i) => {
    const [a, b] = fault.network_partition?.between ?? [];
    return a !== undefined && a === b
      ? [at.atValue(['faults', i, 'network_partition', 'between'], `partitions ${quoteName(a)} from itself; allowed: two different regions`)]
      : [];
  });
  return [...unknown, ...selfPartitions];
}
