/**
 * Normalised scenarios built in code, for tests of the model and the checkers that should
 * not depend on YAML loading. Every field has the loader's default unless overridden.
 */
import { findPreset } from '../../src/strategies/registry.js';
import type { CacheSpec, Dist, RegionSpec, Scenario, StrategySpec } from '../../src/scenario/types.js';

export const constant = (value: number): Dist => ({ kind: 'constant', value });

export function region(name: string, extra: Partial<RegionSpec> = {}): RegionSpec {
  return { name, primary: false, replicaLag: constant(0), clock: { skewMs: 0, driftPpm: 0, jumps: [] }, ...extra };
}

export const defaultCache: CacheSpec = { ttlMs: 60_000, ttlJitter: 0, staleWhileRevalidateMs: 0, capacity: Infinity, refillFrom: 'replica', l1: null };

export function strategy(use: string, cache: Partial<CacheSpec> = {}, name = use, options?: Record<string, unknown>): StrategySpec {
  return { name, use, cache: { ...defaultCache, ...cache }, options: findPreset(use)?.options.parse(options ?? {}) ?? {} };
}

export interface ScenarioOverrides extends Partial<Omit<Scenario, 'workload' | 'bus' | 'network'>> {
  workload?: Partial<Scenario['workload']>;
  bus?: Partial<Scenario['bus']>;
  network?: Partial<Scenario['network']>;
}

export function makeScenario(overrides: ScenarioOverrides = {}): Scenario {
  const regions = overrides.regions ?? [region('solo', { primary: true })];
  const even = Object.fromEntries(regions.map((r) => [r.name, 1 / regions.length]));
  const { workload, bus, network, ...rest } = overrides;
  return {
    name: 'test',
    description: '',
    seed: 1,
    durationMs: 60_000,
    warmupMs: 0,
    cache: defaultCache,
    strategies: [strategy('ttl'), strategy('pubsub')],
    faults: [],
    onUnreachable: 'serve-stale',
    expect: [],
    file: 'test.yaml',
    ...rest,
    regions,
    network: { localLatency: constant(0.5), defaultLatency: constant(50), links: [], ...network },
    bus: { delay: constant(100), loss: 0, duplicate: 0, delivery: 'at-most-once', redeliveryTimeoutMs: 1000, onPartition: 'retain', ...bus },
    workload: {
      keys: 100,
      popularity: { kind: 'uniform' },
      readsPerSecond: 100,
      writesPerSecond: 10,
      readRegions: even,
      writeRegions: even,
      sessions: 100,
      ...workload,
    },
  };
}
