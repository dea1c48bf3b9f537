/**
 * The checkers forget what can no longer matter — session-ledger rows no future read could
 * contradict, commit times of versions no copy holds any more — and so does the model, told
 * by them: session tokens no copy could be older than, version stamps no copy or message
 * carries; memory does not grow with the run. Forgetting must change no number: the same runs
 * keeping everything give the same results, every metric of them.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Collector, collectorOptions } from '../../src/metrics/collector.js';
import { Truth } from '../../src/metrics/truth.js';
import { Simulation } from '../../src/model/simulation.js';
import type { Scenario, StrategySpec } from '../../src/scenario/types.js';
import { VersionStamps } from '../../src/strategies/mechanisms/version-stamps.js';
import { presetNames } from '../../src/strategies/registry.js';
import { Clock } from '../../src/model/clock.js';
import { arbitraryCache, arbitraryScenario, strategy } from '../strategies/arbitrary-scenario.js';

function results(scenario: Scenario, spec: StrategySpec, keepEverything: boolean) {
  const collector = new Collector({ ...collectorOptions(scenario, spec), keepEverything });
  return collector.result(spec.use, new Simulation(scenario, spec, collector, collector).run());
}

/** Every preset with its default options, and versioned with the stamps that are kept per version. */
const strategies: [string, Record<string, unknown> | undefined][] = [
  ...presetNames.map((name): [string, undefined] => [name, undefined]),
  ['versioned', { version_source: 'timestamp' }],
  ['versioned', { version_source: 'hlc' }],
];

/** Every run of `scenarios` gives the same results whether the checkers forget or keep everything. */
function forgettingChangesNothing(scenarios: fc.Arbitrary<Scenario>, numRuns: number): void {
  fc.assert(
    fc.property(scenarios, arbitraryCache, fc.constantFrom(...strategies), (scenario, cache, [preset, options]) => {
      const spec = strategy(preset, cache, preset, options);
      expect(results(scenario, spec, false)).toEqual(results(scenario, spec, true));
    }),
    { numRuns },
  );
}

test('forgetting ledger rows and old commit times changes no number', () => {
  // Many sessions and keys, so the ledger fills and drops rows many times.
  forgettingChangesNothing(
    arbitraryScenario.map((s) => ({ ...s, workload: { ...s.workload, keys: 400, sessions: 200, readsPerSecond: 2000 } })),
    30,
  );
  // About 10 s alone: room for a busy machine (it timed out at 30 s beside other jobs).
}, 90_000);

test('forgetting changes no number when few keys take many writes each', () => {
  // The other shape: every key collects versions, so commit times are forgotten all the time.
  forgettingChangesNothing(
    arbitraryScenario.map((s) => ({ ...s, workload: { ...s.workload, writesPerSecond: s.workload.writesPerSecond * 5 } })),
    40,
  );
});

/** A collector that is never told when entries stop being servable: it waits for the caches to drop them. */
class WaitingCollector extends Collector {
  override stored(cache: number, region: number, key: number, version: number, time: number): void {
    super.stored(cache, region, key, version, time, Infinity);
  }
}

test('ending entries no longer servable before the caches look at them again changes no number, clocks drifting and jumping back and forth', () => {
  const jump = fc.record({ atMs: fc.integer({ min: 0, max: 29_999 }), byMs: fc.integer({ min: -20_000, max: 20_000 }) });
  const clock = fc.record({ skewMs: fc.integer({ min: -5_000, max: 5_000 }), driftPpm: fc.integer({ min: -500_000, max: 500_000 }), jumps: fc.array(jump, { maxLength: 4 }) });
  const scenarios = arbitraryScenario.chain((s) =>
    fc.array(clock, { minLength: s.regions.length, maxLength: s.regions.length }).map((clocks) => ({ ...s, regions: s.regions.map((r, i) => ({ ...r, clock: clocks[i] })) })),
  );
  fc.assert(
    fc.property(scenarios, arbitraryCache, fc.constantFrom(...strategies), (scenario, cache, [preset, options]) => {
      const spec = strategy(preset, cache, preset, options);
      const waiting = new WaitingCollector(collectorOptions(scenario, spec));
      const waited = waiting.result(spec.use, new Simulation(scenario, spec, waiting, waiting).run());
      expect(results(scenario, spec, false)).toEqual(waited);
    }),
    { numRuns: 60, seed: 7 },
  );
}, 90_000);

test('a clock knows when it first reads a time from a given instant on, its jumps to come included, as trueTimeOf will say then', () => {
  const clock = new Clock({ skewMs: 0, driftPpm: 0, jumps: [{ atMs: 200, byMs: -150 }, { atMs: 100, byMs: 50 }] });
  // Reads t until 100, t + 50 until 200, then t − 100.
  expect(clock.firstReaching(90, 0)).toBe(90);
  expect(clock.firstReaching(120, 0)).toBe(100); // skipped by the forward jump: passed at its instant
  expect(clock.firstReaching(190, 120)).toBe(140); // reached before the step back, which does not undo it
  expect(clock.firstReaching(260, 150)).toBe(360); // not reached before the step back: long after it
  expect(clock.firstReaching(Infinity, 0)).toBe(Infinity);
  clock.jump(50, 100);
  expect(clock.trueTimeOf(190)).toBe(140);
  clock.jump(-150, 200);
  expect(clock.trueTimeOf(260)).toBe(360);
});

test('a forgotten version keeps its number: latest, versionAt and commitTime count from it', () => {
  const truth = new Truth(1);
  [10, 20, 30, 40].forEach((time, i) => truth.record(0, i + 1, time));
  truth.forget(0, 2);
  expect(truth.latest(0)).toBe(4);
  expect(truth.versionAt(0, 35)).toBe(3);
  expect(truth.versionAt(0, 45)).toBe(4);
  // Before every kept commit: the newest forgotten version.
  expect(truth.versionAt(0, 5)).toBe(2);
  expect(truth.commitTime(0, 3)).toBe(30);
  expect(() => truth.commitTime(0, 2)).toThrow(/forgotten/);
  truth.record(0, 5, 50);
  expect(() => truth.record(0, 7, 60)).toThrow(/out of order/);
  // Forgetting past the latest keeps counting from it.
  truth.forget(0, Number.MAX_SAFE_INTEGER);
  expect(truth.latest(0)).toBe(5);
  truth.record(0, 6, 70);
  expect(truth.versionAt(0, 65)).toBe(5);
  expect(truth.commitTime(0, 6)).toBe(70);
});

test('version stamps below the oldest version still carried are forgotten; the others keep their stamps', () => {
  let oldest = 0;
  const stamps = new VersionStamps('timestamp', [new Clock({ skewMs: 0, driftPpm: 0, jumps: [] })], 0, 1, () => oldest);
  const commit = (version: number, at: number) => {
    stamps.writeIssued(version, 0, at);
    stamps.committed(0, version, version, at);
  };
  [10, 20, 30].forEach((at, i) => commit(i + 1, at));
  oldest = 3;
  commit(4, 40);
  expect(() => stamps.of(0, 2)).toThrow(/forgotten/);
  expect([stamps.of(0, 0), stamps.of(0, 3), stamps.of(0, 4)]).toEqual([-Infinity, 30, 40]);
  // Nothing carried at all: the newest stamp stays (the messages about it are yet to be sent).
  oldest = Number.MAX_SAFE_INTEGER;
  commit(5, 50);
  expect(stamps.of(0, 5)).toBe(50);
  expect(() => stamps.of(0, 4)).toThrow(/forgotten/);
  expect(() => stamps.committed(0, 7, 7, 70)).toThrow(/out of order/);
});
