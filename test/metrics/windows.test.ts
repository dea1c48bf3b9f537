/**
 * Windows of time in `expect:` (`stale_read_ratio from 3m20s`): the per-read metrics counted
 * over the reads issued in [from, until) only — database reads and fills by when they happened.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Collector, collectorOptions } from '../../src/metrics/collector.js';
import { evaluateExpectations } from '../../src/metrics/expect.js';
import type { MetricCounts, StrategyResult } from '../../src/metrics/results.js';
import { EntryEnd, FillRefusal, ReadSource } from '../../src/model/observer.js';
import { runStrategy } from '../../src/simulate.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario, TimeWindow } from '../../src/scenario/types.js';
import { presetNames } from '../../src/strategies/registry.js';
import { arbitraryCache, arbitraryScenario, strategy } from '../strategies/arbitrary-scenario.js';
import { MINIMAL } from '../scenario/helpers.js';

const KEY = 3;

describe('a hand-written history', () => {
  const c = new Collector({
    regionNames: ['a', 'b'],
    keys: 10,
    sessionRegion: new Int32Array(10),
    primary: 0,
    warmupMs: 0,
    durationMs: 10_000,
    l1Hosts: 0,
    windows: [{ fromMs: 2000, untilMs: 4000 }],
  });
  c.commit(KEY, 1, 500, 0);
  c.read(1, 1, KEY, 1999, 1, 0, ReadSource.Cache); // stale, before the window
  c.read(1, 1, KEY, 2000, 1, 0, ReadSource.Cache); // stale, the window's first instant
  c.read(0, 2, KEY, 3999.5, 1, 1, ReadSource.Replica); // fresh, inside
  c.read(1, 2, KEY, 4000, 1, 0, ReadSource.Cache); // stale, the window's end is not in it
  c.readFailed(1, 3, KEY, 2500);
  c.databaseRead(0, ReadSource.Replica, 3000);
  c.databaseRead(0, ReadSource.Primary, 4500);
  c.stored(1, 1, KEY, 0, 3500, Infinity);
  c.fill(1, KEY, 0, 3500, FillRefusal.None, 3400); // a stale refill inside the window
  c.entryEnd(1, 1, KEY, 0, 3600, EntryEnd.Invalidated);
  const r = c.result('ttl', 0);
  const w = r.windows?.[0] as NonNullable<StrategyResult['windows']>[number];

  test('counts what happened in [from, until) only, per region and in all', () => {
    expect(r.reads).toBe(4);
    expect({ from: w.from_ms, until: w.until_ms }).toEqual({ from: 2000, until: 4000 });
    expect({ reads: w.reads, stale: w.stale_reads, hit: w.hit_ratio, failed: w.failed_reads, db: w.db_reads, refills: w.stale_refills }).toEqual({
      reads: 2,
      stale: 1,
      hit: 0.5,
      failed: 1,
      db: { primary: 0, replica: 1 },
      refills: 1,
    });
    expect(w.regions.a.reads).toBe(1);
    expect(w.regions.b.stale_read_ratio).toBe(1);
    expect(w).not.toHaveProperty('timeline');
  });

  test('an expectation with a window reads its window; one whose window was not counted has no value', () => {
    const at = { file: 'a.yaml', line: 1, col: 1 };
    const [inside, whole, missing] = evaluateExpectations(
      [
        { strategy: 'ttl', metric: 'regions.b.stale_read_ratio from 2s until 4s', window: { fromMs: 2000, untilMs: 4000 }, op: '==', value: 1, text: '1', position: at },
        { strategy: 'ttl', metric: 'regions.b.stale_read_ratio', op: '==', value: 1, text: '1', position: at },
        { strategy: 'ttl', metric: 'stale_read_ratio from 1s', window: { fromMs: 1000, untilMs: 10_000 }, op: '==', value: 1, text: '1', position: at },
      ],
      { ttl: r },
    );
    expect(inside).toMatchObject({ metric: 'regions.b.stale_read_ratio from 2s until 4s', actual: 1, pass: true });
    expect(whole).toMatchObject({ actual: 1, pass: true });
    expect(missing).toMatchObject({ actual: null, pass: false });
  });
});

function run(scenario: Scenario, preset: string, cache: Parameters<typeof strategy>[1], windows: TimeWindow[]): StrategyResult {
  return runStrategy(scenario, strategy(preset, cache), windows);
}

test('any run: a window over the whole measured run gives the run’s own numbers; two halves add up to them', () => {
  fc.assert(
    fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom(...presetNames), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (scenario, cache, preset, cut) => {
      const middle = scenario.warmupMs + Math.round((scenario.durationMs - scenario.warmupMs) * cut);
      const windows = [
        { fromMs: scenario.warmupMs, untilMs: scenario.durationMs },
        { fromMs: scenario.warmupMs, untilMs: middle },
        { fromMs: middle, untilMs: scenario.durationMs },
      ];
      const r = run(scenario, preset, cache, windows);
      const [whole, first, second] = r.windows ?? [];
      const { from_ms: _f, until_ms: _u, regions, ...numbers } = whole;
      // A window counts the per-read metrics (not writes, messages, convergence): the run's own, over all regions and in each.
      const perRead = Object.keys(numbers) as (keyof MetricCounts)[];
      expect(perRead).toContain('stale_causes');
      expect(perRead).not.toContain('writes');
      const pick = (set: MetricCounts) => Object.fromEntries(perRead.map((k) => [k, set[k]]));
      for (const [name, set] of Object.entries(r.regions)) expect(regions[name]).toEqual(pick(set));
      expect(numbers).toEqual(pick(r));
      expect(first.reads + second.reads).toBe(r.reads);
      expect(first.stale_reads + second.stale_reads).toBe(r.stale_reads);
      expect(first.failed_reads + second.failed_reads).toBe(r.failed_reads);
      expect(first.stale_refills + second.stale_refills).toBe(r.stale_refills);
      expect(first.ryw_violations + second.ryw_violations).toBe(r.ryw_violations);
      expect(first.db_reads.primary + second.db_reads.primary).toBe(r.db_reads.primary);
      expect(first.db_reads.replica + second.db_reads.replica).toBe(r.db_reads.replica);
    }),
    { numRuns: 30 },
  );
});

test('a scenario counts the windows its expectations of each strategy name, and only those', () => {
  const scenario = loadScenarioText(
    `${MINIMAL}warmup: 1m\nexpect:\n  ttl: { stale_read_ratio from 2m: "< 1", hit_ratio  from 2m: "> 0", hit_ratio from 2m until 4m: "> 0" }\n  pubsub: { reads: "> 0" }\n`,
    'w.yaml',
  );
  const windowsOf = (name: string) => collectorOptions(scenario, scenario.strategies.find((s) => s.name === name) as Scenario['strategies'][number]).windows;
  expect(windowsOf('ttl')).toEqual([
    { fromMs: 120_000, untilMs: 600_000 },
    { fromMs: 120_000, untilMs: 240_000 },
  ]);
  expect(windowsOf('pubsub')).toEqual([]);
  expect(scenario.expect.map((e) => e.metric)).toEqual(['stale_read_ratio from 2m', 'hit_ratio from 2m', 'hit_ratio from 2m until 4m', 'reads']);
});
