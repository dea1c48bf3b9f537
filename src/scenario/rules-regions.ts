/** Rules about regions and the names that refer to them. */
import { ALL_REGIONS } from '../metrics/metric-names.js';
import { defaultStrategies } from './defaults.js';
import type { Problem } from '../errors.js';
import { splitLink } from './normalise.js';
import type { Locator, Path } from './positions.js';
import { l1IsSparse } from '../model/cache-layout.js';
import { l1SpecOf } from './normalise.js';
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

/**
 * The state one run holds per key: about 20 bytes per key and region (its cache, its
 * replica, the checkers' views), 16 per key in each L1 not kept sparse, and about 100 per
 * entry a sparse L1 can hold (README, Size). Beyond MOST_STATE_BYTES a run would fail
 * mid-way for want of memory (several runs may be in flight, one per worker), so the scenario
 * is refused up front.
 */
const BYTES_PER_KEY_AND_REGION = 20;
const BYTES_PER_KEY_IN_A_DENSE_L1 = 16;
const BYTES_PER_SPARSE_L1_ENTRY = 100;
const MOST_STATE_BYTES = 16 * 2 ** 30;

export function keysFitEveryRegion(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.length;
  const keys = scenario.workload.keys;
  // The largest of the strategies' runs: each holds its own state.
  const runs = (scenario.strategies ?? defaultStrategies()).map((entry) => {
    const l1 = l1SpecOf(scenario, entry);
    const dense = l1 && !l1IsSparse(l1.capacity, keys) ? l1.hosts : 0;
    const sparse = l1 && dense === 0 ? { hosts: l1.hosts, capacity: l1.capacity } : null;
    const sparseBytes = sparse ? regions * sparse.hosts * sparse.capacity * BYTES_PER_SPARSE_L1_ENTRY : 0;
    const perKey = regions * (BYTES_PER_KEY_AND_REGION + dense * BYTES_PER_KEY_IN_A_DENSE_L1);
    return { dense, sparse, perKey, keyBytes: keys * perKey, bytes: keys * perKey + sparseBytes };
  });
  const largest = runs.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  if (largest.bytes <= MOST_STATE_BYTES) return [];
  const gib = (bytes: number) => `${Number((bytes / 2 ** 30).toPrecision(3))} GiB`;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const { dense, sparse, perKey, keyBytes } = largest;
  const sparseBytes = largest.bytes - keyBytes;
  const l1s = dense > 0 ? ` and ${plural(dense, 'L1')} in each` : sparse ? ` and ${plural(sparse.hosts, 'L1')} in each holding up to ${sparse.capacity} entries` : '';
  const parts = sparse ? ` (keys ${gib(keyBytes)}, L1 entries ${gib(sparseBytes)})` : '';
  // What would fit: fewer keys (the L1s' entries as they are), or smaller sparse L1s, or dense L1s made sparse.
  const mostKeys = Math.floor((MOST_STATE_BYTES - sparseBytes) / perKey);
  const mostEntries = sparse ? Math.floor((MOST_STATE_BYTES - keyBytes) / (regions * sparse.hosts * BYTES_PER_SPARSE_L1_ENTRY)) : 0;
  const remedies = [
    ...(mostKeys >= 1 ? [`at most ${mostKeys} keys`] : []),
    ...(sparse && mostEntries >= 1 ? [`an L1 capacity of at most ${mostEntries}`] : []),
    ...(dense > 0 ? ['an L1 capacity of at most an eighth of the keys'] : []),
    ...(sparse && mostKeys < 1 && mostEntries < 1 ? ['fewer keys and a smaller L1 capacity'] : []),
  ];
  const said = `${keys} keys in ${plural(regions, 'region')}${l1s} is more state than cache-sim can hold: about ${gib(largest.bytes)} for a run${parts}`;
  return [at.atValue(['workload', 'keys'], `${said}; allowed: up to ${gib(MOST_STATE_BYTES)}: ${remedies.join(', or ')}`)];
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
