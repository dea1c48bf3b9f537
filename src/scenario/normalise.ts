/**
 * Validated written scenario -> Scenario: every default filled, every duration in
 * milliseconds, every distribution a `Dist`, every weight map complete and summing to 1.
 * Total on input that passed the schema and the rules; it reports nothing itself.
 */
import { findPreset } from '../strategies/registry.js';
import { isDurationMetric } from '../metrics/metric-names.js';
import { conditionText, parseCondition } from './condition.js';
import { DEFAULTS, defaultStrategies } from './defaults.js';
import { metricNameText, metricWindow } from './metric-window.js';
import type { Locator } from './positions.js';
import type {
  BusSpec,
  CacheSpec,
  L1Spec,
  ClockSpec,
  Dist,
  Expectation,
  FaultSpec,
  NetworkSpec,
  RegionSpec,
  Scenario,
  StrategySpec,
  WorkloadSpec,
} from './types.js';
import { durationMs, fraction } from './units.js';
import type { WrittenDist } from './schema-values.js';
import type {
  WrittenCache,
  WrittenFault,
  WrittenScenario,
  WrittenStrategy,
  WrittenWeights,
} from './written-schema.js';

export function normalise(written: WrittenScenario, locator: Locator): Scenario {
  const regionNames = written.regions.map((region) => region.name);
  const cache = written.cache ?? {};
  return {
    name: written.name,
    description: written.description ?? DEFAULTS.description,
    seed: written.seed ?? DEFAULTS.seed,
    durationMs: durationMs(written.duration),
    warmupMs: durationMs(written.warmup ?? DEFAULTS.warmup),
    regions: written.regions.map(toRegion),
    network: toNetwork(written.network ?? {}),
    bus: toBus(written.bus ?? {}),
    workload: toWorkload(written.workload, regionNames),
    cache: toCache(cache),
    strategies: (written.strategies ?? defaultStrategies()).map((entry) => toStrategy(entry, cache)),
    faults: (written.faults ?? []).map(toFault),
    onUnreachable: written.network?.on_unreachable ?? DEFAULTS.onUnreachable,
    expect: toExpectations(written.expect ?? {}, locator, durationMs(written.warmup ?? DEFAULTS.warmup), durationMs(written.duration)),
    file: locator.file,
  };
}

function toDist(written: WrittenDist): Dist {
  if (typeof written === 'number' || typeof written === 'string') return { kind: 'constant', value: durationMs(written) };
  const { exponential, uniform, normal, lognormal, pareto, empirical } = written;
  if (exponential) return { kind: 'exponential', mean: durationMs(exponential.mean) };
  if (uniform) return { kind: 'uniform', min: durationMs(uniform[0]), max: durationMs(uniform[1]) };
  if (normal) return { kind: 'normal', mean: durationMs(normal.mean), stddev: durationMs(normal.stddev) };
  if (lognormal) return { kind: 'lognormal', median: durationMs(lognormal.median), p99: durationMs(lognormal.p99) };
  if (pareto) return { kind: 'pareto', scale: durationMs(pareto.scale), shape: pareto.shape };
  if (empirical) return { kind: 'empirical', values: empirical.map(durationMs) };
  throw new Error('bug: a distribution without a kind passed validation');
}

type WrittenRegion = WrittenScenario['regions'][number];

function toRegion(region: WrittenRegion): RegionSpec {
  return {
    name: region.name,
    primary: region.primary ?? DEFAULTS.primary,
    replicaLag: toDist(region.replica_lag ?? DEFAULTS.replicaLag),
    clock: toClock(region.clock ?? {}),
  };
}

function toClock(clock: NonNullable<WrittenRegion['clock']>): ClockSpec {
  return {
    skewMs: durationMs(clock.skew ?? DEFAULTS.clockSkew),
    driftPpm: clock.drift_ppm ?? DEFAULTS.clockDriftPpm,
    jumps: (clock.jumps ?? []).map((jump) => ({ atMs: durationMs(jump.at), byMs: durationMs(jump.by) })),
  };
}

function toNetwork(network: NonNullable<WrittenScenario['network']>): NetworkSpec {
  return {
    localLatency: toDist(network.local_latency ?? DEFAULTS.localLatency),
    defaultLatency: toDist(network.default_latency ?? DEFAULTS.defaultLatency),
    links: Object.entries(network.links ?? {}).map(([pair, latency]) => {
      const [a, b] = splitLink(pair);
      return { a, b, latency: toDist(latency) };
    }),
  };
}

/** `"us-east<->eu-west"` -> `['us-east', 'eu-west']`; the rules have checked the shape. */
export function splitLink(pair: string): [string, string] {
  const at = pair.indexOf('<->');
  return [pair.slice(0, at).trim(), pair.slice(at + 3).trim()];
}

function toBus(bus: NonNullable<WrittenScenario['bus']>): BusSpec {
  return {
    delay: toDist(bus.delay ?? DEFAULTS.busDelay),
    loss: bus.loss ?? DEFAULTS.busLoss,
    duplicate: bus.duplicate ?? DEFAULTS.busDuplicate,
    delivery: bus.delivery ?? DEFAULTS.delivery,
    redeliveryTimeoutMs: durationMs(bus.redelivery_timeout ?? DEFAULTS.redeliveryTimeout),
    onPartition: bus.on_partition ?? DEFAULTS.onPartition,
  };
}

function toWorkload(workload: WrittenScenario['workload'], regionNames: string[]): WorkloadSpec {
  const popularity = workload.popularity ?? DEFAULTS.popularity;
  return {
    keys: workload.keys,
    popularity: popularity === 'uniform' ? { kind: 'uniform' } : { kind: 'zipf', exponent: popularity.zipf },
    readsPerSecond: workload.reads_per_second,
    writesPerSecond: workload.writes_per_second ?? DEFAULTS.writesPerSecond,
    readRegions: toShares(workload.read_regions, regionNames),
    writeRegions: toShares(workload.write_regions, regionNames),
    sessions: workload.sessions ?? DEFAULTS.sessions,
  };
}

/**
 * Weights -> shares over every region, summing to 1. Dividing by the largest weight first
 * keeps the sum finite even for absurdly large weights. Absent: every region alike.
 */
function toShares(weights: WrittenWeights | undefined, regionNames: string[]): Record<string, number> {
  const raw = regionNames.map((name) => (weights ? (Object.hasOwn(weights, name) ? weights[name] : 0) : 1));
  const largest = Math.max(...raw);
  const scaled = raw.map((weight) => weight / largest);
  const total = scaled.reduce((sum, weight) => sum + weight, 0);
  return Object.fromEntries(regionNames.map((name, i) => [name, scaled[i] / total]));
}

function toCache(cache: WrittenCache): CacheSpec {
  return {
    ttlMs: ttlMs(cache.ttl ?? DEFAULTS.ttl),
    ttlJitter: fraction(cache.ttl_jitter ?? DEFAULTS.ttlJitter),
    staleWhileRevalidateMs: durationMs(cache.stale_while_revalidate ?? DEFAULTS.staleWhileRevalidate),
    capacity: entries(cache.capacity ?? DEFAULTS.capacity),
    refillFrom: cache.refill_from ?? DEFAULTS.refillFrom,
    l1: cache.l1 === undefined || cache.l1 === 'none' ? null : toL1(cache.l1),
  };
}

type WrittenL1 = Exclude<NonNullable<WrittenCache['l1']>, 'none'>;

function toL1(l1: WrittenL1): L1Spec {
  return {
    hosts: l1.hosts ?? DEFAULTS.l1Hosts,
    ttlMs: ttlMs(l1.ttl ?? DEFAULTS.l1Ttl),
    capacity: entries(l1.capacity ?? DEFAULTS.capacity),
    invalidated: l1.invalidated ?? DEFAULTS.l1Invalidated,
  };
}

function ttlMs(ttl: number | string): number {
  return ttl === 'infinite' ? Number.POSITIVE_INFINITY : durationMs(ttl);
}

function entries(capacity: number | 'unbounded'): number {
  return capacity === 'unbounded' ? Number.POSITIVE_INFINITY : capacity;
}

/**
 * The L1s a strategy entry of a written scenario runs with, as the run will have them, or
 * null without (rules about sizes and expectations need them before the scenario is normalised).
 */
export function l1SpecOf(written: WrittenScenario, entry: WrittenStrategy | string): L1Spec | null {
  const overrides = typeof entry === 'object' ? entry.cache : undefined;
  const { l1 } = mergedCache(written.cache ?? {}, overrides);
  return l1 === undefined || l1 === 'none' || !presetCaches(entry) ? null : toL1(l1);
}

/** Whether the entry's preset caches at all: one that does not (no-cache) has no L1s either, whatever the cache settings say. */
function presetCaches(entry: WrittenStrategy | string): boolean {
  const variant = typeof entry === 'string' ? { name: entry } : entry;
  const preset = findPreset(variant.use ?? variant.name);
  // Caching is the preset's nature, not an option's: its default options tell it.
  return preset === undefined || preset.parts(preset.options.parse({})).caching;
}

/** A variant's cache overrides on top of the top-level ones; an L1 map is merged key by key, `none` removes it. */
function mergedCache(base: WrittenCache, overrides: WrittenCache | undefined): WrittenCache {
  const merged = { ...base, ...overrides };
  if (typeof overrides?.l1 === 'object' && typeof base.l1 === 'object') merged.l1 = { ...base.l1, ...overrides.l1 };
  return merged;
}

/** Keys of a strategy entry that are not preset options. */
export const STRATEGY_ENTRY_KEYS = ['name', 'use', 'cache'] as const;

/** A plain name is its preset with defaults; a variant's cache is the top-level cache with its overrides on top. */
function toStrategy(entry: WrittenStrategy | string, cache: WrittenCache): StrategySpec {
  const variant = typeof entry === 'string' ? { name: entry } : entry;
  const { name, use, cache: overrides, ...options } = variant;
  const preset = use ?? name;
  return {
    name,
    use: preset,
    cache: { ...toCache(mergedCache(cache, overrides)), ...(presetCaches(entry) ? {} : { l1: null }) },
    options: findPreset(preset)?.options.parse(options) ?? {},
  };
}

function toFault(fault: WrittenFault): FaultSpec {
  const atMs = durationMs(fault.at);
  const forMs = durationMs(fault.for ?? 0);
  if (fault.partition) {
    const { region, from = DEFAULTS.partitionFrom } = fault.partition;
    return { kind: 'bus_partition', atMs, forMs, region, from };
  }
  if (fault.network_partition) {
    const [a, b] = fault.network_partition.between;
    return { kind: 'network_partition', atMs, forMs, a, b };
  }
  if (fault.replica_lag) return { kind: 'replica_lag', atMs, forMs, region: fault.replica_lag.region, lag: toDist(fault.replica_lag.lag) };
  if (fault.replication_pause) return { kind: 'replication_pause', atMs, forMs, region: fault.replication_pause.region };
  if (fault.cache_restart) return { kind: 'cache_restart', atMs, region: fault.cache_restart.region };
  if (fault.bus_loss) return { kind: 'bus_loss', atMs, forMs, loss: fault.bus_loss.loss };
  if (fault.consumer_pause) return { kind: 'consumer_pause', atMs, forMs, region: fault.consumer_pause.region };
  throw new Error('bug: a fault without a kind passed validation');
}

function toExpectations(expect: NonNullable<WrittenScenario['expect']>, locator: Locator, measuredFromMs: number, endMs: number): Expectation[] {
  return Object.entries(expect).flatMap(([strategy, conditions]) =>
    Object.entries(conditions ?? {}).map(([key, written]): Expectation => {
      const { op, value } = parseCondition(written);
      const position = locator.position(['expect', strategy, key]);
      const window = metricWindow(key, measuredFromMs, endMs);
      return { strategy, metric: metricNameText(key), ...(window ? { window } : {}), op, value, text: conditionText(written, isDurationMetric(key)), position };
    }),
  );
}
