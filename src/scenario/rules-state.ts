/**
 * The state a run holds must fit in memory: about 28 bytes per key and region (its cache,
 * its replica, the checkers' views, until when each cache entry can be served), 16 per key in each L1 not kept sparse (24 when the
 * invalidations reach it: it is listed among the key's holders), and about 100 per
 * entry a sparse L1 can hold (README, Size). Beyond MOST_STATE_BYTES a run would fail mid-way
 * for want of memory (several runs may be in flight, one per worker), so the scenario is
 * refused up front, with what would fit.
 */
import type { Problem } from '../errors.js';
import { l1IsSparse } from '../model/cache-layout.js';
import type { L1Spec } from './types.js';
import { defaultStrategies } from './defaults.js';
import { l1SpecOf } from './normalise.js';
import type { Locator } from './positions.js';
import type { WrittenScenario } from './written-schema.js';

const BYTES_PER_KEY_AND_REGION = 28;
const BYTES_PER_KEY_IN_A_DENSE_L1 = 16;
const BYTES_PER_KEY_IN_A_DENSE_INVALIDATED_L1 = 24;
const BYTES_PER_SPARSE_L1_ENTRY = 100;
const MOST_STATE_BYTES = 16 * 2 ** 30;

/** A run's state for `keys` keys in `regions` regions with L1s `l1` (null: none). */
function stateBytes(keys: number, regions: number, l1: L1Spec | null): number {
  if (!l1) return keys * regions * BYTES_PER_KEY_AND_REGION;
  if (!l1IsSparse(l1.capacity, keys)) return keys * regions * (BYTES_PER_KEY_AND_REGION + l1.hosts * denseL1BytesPerKey(l1));
  return keys * regions * BYTES_PER_KEY_AND_REGION + regions * l1.hosts * l1.capacity * BYTES_PER_SPARSE_L1_ENTRY;
}

function denseL1BytesPerKey(l1: L1Spec): number {
  return l1.invalidated ? BYTES_PER_KEY_IN_A_DENSE_INVALIDATED_L1 : BYTES_PER_KEY_IN_A_DENSE_L1;
}

/** The most keys (up to `keys`) that fit with these L1s, which turn dense below 8 × their capacity; 0 when none do. */
function mostKeys(keys: number, regions: number, l1: L1Spec | null): number {
  const fit = (perKey: number, fixed: number) => Math.floor((MOST_STATE_BYTES - fixed) / perKey);
  if (!l1) return Math.min(keys, fit(regions * BYTES_PER_KEY_AND_REGION, 0));
  const sparseFrom = Math.ceil(l1.capacity * 8);
  const sparse = Math.min(keys, fit(regions * BYTES_PER_KEY_AND_REGION, regions * l1.hosts * l1.capacity * BYTES_PER_SPARSE_L1_ENTRY));
  const dense = Math.min(keys, sparseFrom - 1, fit(regions * (BYTES_PER_KEY_AND_REGION + l1.hosts * denseL1BytesPerKey(l1)), 0));
  return Math.max(0, sparse >= sparseFrom ? sparse : 0, dense);
}

/** The largest L1 capacity that fits with `keys` keys (a sparse one, at most an eighth of the keys), or 0. */
function mostEntries(keys: number, regions: number, hosts: number): number {
  const room = MOST_STATE_BYTES - keys * regions * BYTES_PER_KEY_AND_REGION;
  return Math.max(0, Math.min(Math.floor(keys / 8), Math.floor(room / (regions * hosts * BYTES_PER_SPARSE_L1_ENTRY))));
}

export function stateFitsInMemory(scenario: WrittenScenario, at: Locator): Problem[] {
  const regions = scenario.regions.length;
  const keys = scenario.workload.keys;
  const entries = scenario.strategies ?? defaultStrategies();
  const runs = entries.map((entry) => {
    const l1 = l1SpecOf(scenario, entry);
    return { name: typeof entry === 'string' ? entry : entry.name, l1, bytes: stateBytes(keys, regions, l1) };
  });
  // Each run holds its own state: the largest is the one to tell of.
  const largest = runs.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  if (largest.bytes <= MOST_STATE_BYTES) return [];
  const { l1 } = largest;
  const gib = (bytes: number) => `${Number((bytes / 2 ** 30).toPrecision(3))} GiB`;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  // Named when the strategies' L1s differ: the advice is about this one's.
  const whose = new Set(runs.map((run) => JSON.stringify(run.l1))).size > 1 ? ` (strategy ${largest.name})` : '';
  const sparse = l1 !== null && l1IsSparse(l1.capacity, keys);
  const l1s = !l1 ? '' : ` and ${plural(l1.hosts, 'L1')} in each${sparse ? ` holding up to ${l1.capacity} entries` : ''}${whose}`;
  const keyBytes = keys * regions * BYTES_PER_KEY_AND_REGION;
  const parts = sparse ? ` (keys ${gib(keyBytes)}, L1 entries ${gib(largest.bytes - keyBytes)})` : '';
  // What would fit: fewer keys, for every strategy at once; or this strategy's L1s kept sparse and smaller.
  const fewer = Math.min(...runs.map((run) => mostKeys(keys, regions, run.l1)));
  const smaller = l1 ? mostEntries(keys, regions, l1.hosts) : 0;
  const remedies = [
    ...(fewer >= 1 ? [`at most ${fewer} keys`] : []),
    ...(l1 && smaller >= 1 && stateBytes(keys, regions, { ...l1, capacity: smaller }) <= MOST_STATE_BYTES ? [`an L1 capacity of at most ${smaller}${whose}`] : []),
  ];
  const said = `${keys} keys in ${plural(regions, 'region')}${l1s} is more state than cache-sim can hold: about ${gib(largest.bytes)} for a run${parts}`;
  const allowed = remedies.length > 0 ? remedies.join(', or ') : 'fewer keys, regions or L1s';
  return [at.atValue(['workload', 'keys'], `${said}; allowed: up to ${gib(MOST_STATE_BYTES)}: ${allowed}`)];
}
