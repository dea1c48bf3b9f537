/** Good scenarios: defaults, unit conversion, distributions, strategy variants. */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import type { CacheSpec, Scenario } from '../../src/scenario/types.js';
import { findPreset, presetNames } from '../../src/strategies/registry.js';
import { formatDuration } from '../../src/report/format.js';
import { durationMs } from '../../src/scenario/units.js';
import { MINIMAL, problemsOf } from './helpers.js';

const load = (text: string, sets: string[] = []): Scenario => loadScenarioText(text, 'test.yaml', sets);

const DEFAULT_CACHE: CacheSpec = { ttlMs: 60_000, ttlJitter: 0, staleWhileRevalidateMs: 0, capacity: Number.POSITIVE_INFINITY, refillFrom: 'replica', l1: null };

const perfectClock = { skewMs: 0, driftPpm: 0, jumps: [] };

describe('a minimal scenario', () => {
  it('has every default filled, in milliseconds and fractions', () => {
    expect(load(MINIMAL)).toEqual({
      name: 'minimal',
      description: '',
      seed: 1,
      durationMs: 600_000,
      warmupMs: 0,
      regions: [
        { name: 'us-east', primary: true, replicaLag: { kind: 'constant', value: 0 }, clock: perfectClock },
        { name: 'eu-west', primary: false, replicaLag: { kind: 'constant', value: 0 }, clock: perfectClock },
      ],
      network: {
        localLatency: { kind: 'constant', value: 0.5 },
        defaultLatency: { kind: 'constant', value: 50 },
        links: [],
      },
      bus: {
        delay: { kind: 'constant', value: 100 },
        loss: 0,
        duplicate: 0,
        delivery: 'at-most-once',
        redeliveryTimeoutMs: 1000,
        onPartition: 'retain',
      },
      workload: {
        keys: 100,
        popularity: { kind: 'uniform' },
        readsPerSecond: 50,
        writesPerSecond: 0,
        readRegions: { 'us-east': 0.5, 'eu-west': 0.5 },
        writeRegions: { 'us-east': 0.5, 'eu-west': 0.5 },
        sessions: 1000,
      },
      cache: DEFAULT_CACHE,
      // With no list, every preset runs with its defaults (the registry may grow).
      strategies: presetNames.map((name) => ({
        name,
        use: name,
        cache: DEFAULT_CACHE,
        options: findPreset(name)?.options.parse({}) ?? {},
      })),
      faults: [],
      onUnreachable: 'serve-stale',
      expect: [],
      file: 'test.yaml',
    } satisfies Scenario);
  });
});

describe('units', () => {
  it.each(['30s1m', '1m1m', '1m30', 'm30s', '1 m', '1.m'])('%j is not a duration (parts go from the largest unit down, each once)', (written) => {
    expect(() => load(MINIMAL.replace('duration: 10m', `duration: 3h\nwarmup: ${JSON.stringify(written)}`))).toThrow(/warmup: .* is not a duration/);
  });

  it('reads back what the reports print: formatDuration of any whole-second duration parses to itself', () => {
    for (const ms of [1000, 59_000, 61_000, 125_000, 3_600_000, 3_725_000, 90_061_000]) {
      expect(durationMs(formatDuration(ms))).toBe(ms);
    }
  });

  it.each([
    ['250us', 0.25],
    ['954µs', 0.954],
    ['954μs', 0.954],
    ['1ms5µs', 1.005],
    ['250ms', 250],
    ['1.5s', 1500],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['75', 75],
    [75, 75],
    ['1m30s', 90_000],
    ['2m05s', 125_000],
    ['1h30m', 5_400_000],
    ['1s250ms', 1_250],
    ['1h0m0.5s', 3_600_500],
  ])('duration %j is %d ms', (written, ms) => {
    expect(load(MINIMAL.replace('duration: 10m', `duration: 3h\nwarmup: ${JSON.stringify(written)}`)).warmupMs).toBe(ms);
  });

  it('takes YAML merge keys: `<<: *anchor` shares an entry’s settings, keys beside it win', () => {
    const scenario = load(`${MINIMAL}strategies:\n  - { name: fast, use: pubsub, cache: &fast { ttl: 1s, capacity: 10 } }\n  - { name: jittery, use: pubsub, cache: { <<: *fast, capacity: 20 } }\n`);
    expect(scenario.strategies.map((s) => [s.cache.ttlMs, s.cache.capacity])).toEqual([
      [1000, 10],
      [1000, 20],
    ]);
  });

  it('takes ttl infinite, capacity unbounded, jitter as a percentage, stale-while-revalidate as a duration', () => {
    const cache = load(`${MINIMAL}cache: { ttl: infinite, ttl_jitter: 12.5%, stale_while_revalidate: 30s, capacity: 500, refill_from: primary }\n`).cache;
    expect(cache).toEqual({ ttlMs: Number.POSITIVE_INFINITY, ttlJitter: 0.125, staleWhileRevalidateMs: 30_000, capacity: 500, refillFrom: 'primary', l1: null });
  });

  it('an L1 gets its defaults; a variant merges its L1 keys over the top-level ones, or removes it with none', () => {
    const scenario = load(
      `${MINIMAL}cache: { l1: { hosts: 4, capacity: 100 } }\n` +
        'strategies:\n  - ttl\n  - { name: short, use: ttl, cache: { l1: { ttl: 200ms, invalidated: false } } }\n  - { name: bare, use: ttl, cache: { l1: none } }\n',
    );
    expect(scenario.cache.l1).toEqual({ hosts: 4, ttlMs: 1000, capacity: 100, invalidated: true });
    expect(scenario.strategies.map((s) => s.cache.l1)).toEqual([
      { hosts: 4, ttlMs: 1000, capacity: 100, invalidated: true },
      { hosts: 4, ttlMs: 200, capacity: 100, invalidated: false },
      null,
    ]);
    expect(load(`${MINIMAL}cache: { l1: { ttl: infinite } }\n`).cache.l1).toEqual({ hosts: 1, ttlMs: Number.POSITIVE_INFINITY, capacity: Number.POSITIVE_INFINITY, invalidated: true });
  });

  it('many small L1s over a big key space fit (they keep a map per server, not arrays over every key)', () => {
    const big = MINIMAL.replace('keys: 100', 'keys: 3000000');
    expect(load(`${big}cache: { l1: { hosts: 1000, capacity: 1000 } }\n`).cache.l1?.hosts).toBe(1000);
    expect(() => load(`${big}cache: { l1: { hosts: 1000 } }\n`)).toThrow(/more state than cache-sim can hold/);
  });

  it('allows negative clock skews and jumps', () => {
    const region = load(MINIMAL.replace('  - name: eu-west\n', '  - name: eu-west\n    clock: { skew: -2s, drift_ppm: -50, jumps: [{ at: 1m, by: -500ms }] }\n')).regions[1];
    expect(region.clock).toEqual({ skewMs: -2000, driftPpm: -50, jumps: [{ atMs: 60_000, byMs: -500 }] });
  });
});

describe('distributions', () => {
  it.each([
    ['40ms', { kind: 'constant', value: 40 }],
    ['{ exponential: { mean: 30s } }', { kind: 'exponential', mean: 30_000 }],
    ['{ uniform: [20ms, 0.2s] }', { kind: 'uniform', min: 20, max: 200 }],
    ['{ normal: { mean: 1s, stddev: 100ms } }', { kind: 'normal', mean: 1000, stddev: 100 }],
    ['{ lognormal: { median: 70ms, p99: 200ms } }', { kind: 'lognormal', median: 70, p99: 200 }],
    ['{ pareto: { scale: 10ms, shape: 1.5 } }', { kind: 'pareto', scale: 10, shape: 1.5 }],
    ['{ empirical: [1ms, 2ms, 1s] }', { kind: 'empirical', values: [1, 2, 1000] }],
  ])('%s', (written, dist) => {
    expect(load(`${MINIMAL}bus: { delay: ${written} }\n`).bus.delay).toEqual(dist);
  });
});

describe('workload weights', () => {
  it('become shares over every region, summing to 1, unlisted regions 0', () => {
    const workload = load(`${MINIMAL}  read_regions: { us-east: 3, eu-west: 1 }\n  write_regions: { us-east: 2 }\n`).workload;
    expect(workload.readRegions).toEqual({ 'us-east': 0.75, 'eu-west': 0.25 });
    expect(workload.writeRegions).toEqual({ 'us-east': 1, 'eu-west': 0 });
  });
});

describe('strategies', () => {
  it('merges a variant’s cache overrides over the top-level cache', () => {
    const scenario = load(`${MINIMAL}cache: { ttl: 30s, capacity: 10 }\nstrategies:\n  - ttl\n  - name: pubsub-5s\n    use: pubsub\n    cache: { ttl: 5s }\n`);
    expect(scenario.strategies).toEqual([
      { name: 'ttl', use: 'ttl', cache: { ...DEFAULT_CACHE, ttlMs: 30_000, capacity: 10 }, options: {} },
      { name: 'pubsub-5s', use: 'pubsub', cache: { ...DEFAULT_CACHE, ttlMs: 5000, capacity: 10 }, options: { delete_again_after: 0 } },
    ]);
  });

  it('lets a map entry name a preset without `use`', () => {
    const [strategy] = load(`${MINIMAL}strategies: [{ name: pubsub, cache: { ttl_jitter: 0.1 } }]\n`).strategies;
    expect(strategy).toMatchObject({ name: 'pubsub', use: 'pubsub', cache: { ttlJitter: 0.1 } });
  });
});

describe('faults', () => {
  it('map to the FaultSpec union, in milliseconds', () => {
    const faults = load(
      `${MINIMAL}faults:\n` +
        '  - { at: 1m, for: 2m, partition: { region: eu-west } }\n' +
        '  - { at: 1m, for: 2m, network_partition: { between: [us-east, eu-west] } }\n' +
        '  - { at: 1m, for: 2m, replica_lag: { region: eu-west, lag: 30s } }\n' +
        '  - { at: 1m, for: 2m, replication_pause: { region: eu-west } }\n' +
        '  - { at: 5m, cache_restart: { region: eu-west } }\n' +
        '  - { at: 1m, for: 2m, bus_loss: { loss: 0.5 } }\n' +
        '  - { at: 1m, for: 2m, consumer_pause: { region: us-east } }\n',
    ).faults;
    const window = { atMs: 60_000, forMs: 120_000 };
    expect(faults).toEqual([
      { kind: 'bus_partition', ...window, region: 'eu-west', from: 'bus' },
      { kind: 'network_partition', ...window, a: 'us-east', b: 'eu-west' },
      { kind: 'replica_lag', ...window, region: 'eu-west', lag: { kind: 'constant', value: 30_000 } },
      { kind: 'replication_pause', ...window, region: 'eu-west' },
      { kind: 'cache_restart', atMs: 300_000, region: 'eu-west' },
      { kind: 'bus_loss', ...window, loss: 0.5 },
      { kind: 'consumer_pause', ...window, region: 'us-east' },
    ]);
  });
});

describe('expect', () => {
  it('parses conditions, converting durations for duration metrics, and keeps the text and position', () => {
    const scenario = load(`${MINIMAL}expect:\n  ttl: { staleness_p99: "<= 2s", ryw_violations: 0, regions.eu-west.hit_ratio: ">0.5" }\n`);
    expect(scenario.expect).toEqual([
      { strategy: 'ttl', metric: 'staleness_p99', op: '<=', value: 2000, text: '<= 2s', position: { file: 'test.yaml', line: 11, col: 25 } },
      { strategy: 'ttl', metric: 'ryw_violations', op: '==', value: 0, text: '== 0', position: { file: 'test.yaml', line: 11, col: 50 } },
      { strategy: 'ttl', metric: 'regions.eu-west.hit_ratio', op: '>', value: 0.5, text: '>0.5', position: { file: 'test.yaml', line: 11, col: 80 } },
    ]);
  });

  it('an empty section (every line under it commented out) is an empty one: expect, a strategy in it, faults; --set fills them', () => {
    const commented = `${MINIMAL}faults:\n  # - { at: 1m, cache_restart: { region: eu-west } }\nexpect:\n  ttl:\n    # hit_ratio: "> 0.5"\n`;
    expect(load(commented)).toMatchObject({ faults: [], expect: [] });
    expect(load(`${MINIMAL}expect:\n  # ttl: { hit_ratio: "> 0.5" }\n`).expect).toEqual([]);
    const filled = load(commented, ['faults.0={at: 1m, cache_restart: {region: eu-west}}', 'expect.ttl.hit_ratio="> 0.5"']);
    expect(filled.faults).toHaveLength(1);
    expect(filled.expect).toMatchObject([{ strategy: 'ttl', metric: 'hit_ratio', op: '>', value: 0.5 }]);
  });
});

describe('--set overrides', () => {
  it('apply before validation, creating sections as needed', () => {
    const scenario = load(MINIMAL, [
      'cache.ttl=5s',
      'workload.reads_per_second=100',
      'regions.1.replica_lag=2s',
      'bus.delay={exponential: {mean: 50ms}}',
      'network.links.us-east<->eu-west=40ms',
    ]);
    expect(scenario.cache.ttlMs).toBe(5000);
    expect(scenario.workload.readsPerSecond).toBe(100);
    expect(scenario.regions[1].replicaLag).toEqual({ kind: 'constant', value: 2000 });
    expect(scenario.bus.delay).toEqual({ kind: 'exponential', mean: 50 });
    expect(scenario.network.links).toEqual([{ a: 'us-east', b: 'eu-west', latency: { kind: 'constant', value: 40 } }]);
  });

  it('reach a name with dots in it, written in double quotes', () => {
    const dotted = MINIMAL.replaceAll('eu-west', 'eu.west');
    expect(load(dotted, ['workload.read_regions."eu.west"=1']).workload.readRegions).toEqual({ 'us-east': 0, 'eu.west': 1 });
    // Spaces around the path and its segments are no part of it.
    expect(load(dotted, [' workload . read_regions. "eu.west" =1']).workload.readRegions['eu.west']).toBe(1);
  });

  it('take the last of two sets of one path', () => {
    expect(load(MINIMAL, ['seed=3', 'seed=4']).seed).toBe(4);
  });

  it('append to a list at index = length', () => {
    expect(load(MINIMAL, ['regions.2={name: ap-south}']).regions.map((r) => r.name)).toEqual(['us-east', 'eu-west', 'ap-south']);
  });

  it('start a list that is not there yet at index 0; a map keyed by names stays a map, digits or not', () => {
    const scenario = load(MINIMAL, ['faults.0={at: 1m, cache_restart: {region: eu-west}}']);
    expect(scenario.faults.map((f) => f.kind)).toEqual(['cache_restart']);
    // A region is never named by digits alone, so `0` here is a (wrong) region name, not a list index.
    expect(problemsOf(MINIMAL, ['workload.read_regions.0=1'])).toEqual([
      '--set:1:23: workload.read_regions: unknown region `0`; known regions: us-east, eu-west (from --set workload.read_regions.0=1)',
    ]);
  });

  it('start a list wherever the schema allows one, as deep as a distribution', () => {
    const scenario = load(MINIMAL, ['bus.delay.uniform.0=10ms', 'bus.delay.uniform.1=30ms']);
    expect(scenario.bus.delay).toEqual({ kind: 'uniform', min: 10, max: 30 });
  });
});

describe('expectations as reports say them', () => {
  it('give a bare number on a time metric its unit, ms (not to be read as seconds beside an actual of 56.2s); 0 and ratios stay bare', () => {
    const texts = load(`${MINIMAL}expect:\n  ttl: { staleness_p99: "< 0.5", staleness_max: 0, stale_age_p50: 3, read_latency_p99: "<= 2s", hit_ratio: "> 0.5", reads: 5 }\n`).expect.map((e) => e.text);
    expect(texts).toEqual(['< 0.5ms', '== 0', '== 3ms', '<= 2s', '> 0.5', '== 5']);
  });
});

describe('a strategy that does not cache', () => {
  it('has no L1s either, whatever the cache settings say (its report shows no L1 hit ratio rather than 0 %)', () => {
    const s = load(`${MINIMAL}cache: { l1: { hosts: 2 } }\nstrategies: [pubsub, no-cache, { name: h, use: no-cache, cache: { l1: { hosts: 3 } } }]\n`);
    expect(s.strategies.map((spec) => spec.cache.l1?.hosts ?? null)).toEqual([2, null, null]);
  });
});
