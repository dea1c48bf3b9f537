/**
 * Random small scenarios for property tests: random regions, replica lags, clock skew, bus
 * loss/duplication/delay, workload shape, cache settings and faults. Small enough that a run
 * takes milliseconds, rich enough to hit the races strategies must survive.
 */
import fc from 'fast-check';
import type { Dist, FaultSpec, L1Spec, Scenario } from '../../src/scenario/types.js';
import { constant, makeScenario, region, strategy } from '../helpers/scenario.js';

const DURATION_MS = 30_000;

const lag: fc.Arbitrary<Dist> = fc.oneof(
  fc.integer({ min: 0, max: 3000 }).map(constant),
  fc.integer({ min: 1, max: 3000 }).map((mean): Dist => ({ kind: 'exponential', mean })),
  fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 3000 })).map(([a, b]): Dist => ({ kind: 'uniform', min: a, max: a + b })),
);

const window = fc.record({ atMs: fc.integer({ min: 0, max: DURATION_MS - 1000 }), forMs: fc.integer({ min: 1, max: 10_000 }) });

function faultFor(names: string[]): fc.Arbitrary<FaultSpec> {
  const name = fc.constantFrom(...names);
  const kinds: fc.Arbitrary<FaultSpec>[] = [
    fc.record({ w: window, region: name, from: fc.constantFrom('bus' as const, 'primary' as const, 'both' as const) }).map(
      ({ w, region, from }): FaultSpec => ({ kind: 'bus_partition', ...w, region, from }),
    ),
    fc.record({ w: window, region: name, lag }).map(({ w, region, lag: l }): FaultSpec => ({ kind: 'replica_lag', ...w, region, lag: l })),
    fc.record({ w: window, region: name }).map(({ w, region }): FaultSpec => ({ kind: 'replication_pause', ...w, region })),
    fc.record({ w: window, region: name }).map(({ w, region }): FaultSpec => ({ kind: 'consumer_pause', ...w, region })),
    fc.record({ atMs: fc.integer({ min: 0, max: DURATION_MS }), region: name }).map(({ atMs, region }): FaultSpec => ({ kind: 'cache_restart', atMs, region })),
    fc.record({ w: window, loss: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ w, loss }): FaultSpec => ({ kind: 'bus_loss', ...w, loss })),
  ];
  if (names.length >= 2) {
    const pair = fc.uniqueArray(name, { minLength: 2, maxLength: 2 });
    kinds.push(fc.record({ w: window, pair }).map(({ w, pair: [a, b] }): FaultSpec => ({ kind: 'network_partition', ...w, a, b })));
  }
  return fc.oneof(...kinds);
}

export const arbitraryScenario: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    regionCount: fc.integer({ min: 1, max: 3 }),
    lags: fc.array(lag, { minLength: 3, maxLength: 3 }),
    skews: fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 3, maxLength: 3 }),
    busDelay: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 2000 })),
    loss: fc.double({ min: 0, max: 0.6, noNaN: true }),
    duplicate: fc.double({ min: 0, max: 0.3, noNaN: true }),
    delivery: fc.constantFrom('at-most-once' as const, 'at-least-once' as const),
    onPartition: fc.constantFrom('retain' as const, 'drop' as const),
    onUnreachable: fc.constantFrom('serve-stale' as const, 'fail' as const, 'route' as const),
    keys: fc.integer({ min: 1, max: 40 }),
    zipf: fc.boolean(),
    reads: fc.integer({ min: 20, max: 300 }),
    writes: fc.integer({ min: 1, max: 40 }),
    sessions: fc.integer({ min: 1, max: 20 }),
    faultSeed: fc.integer(),
  })
  .chain((p) => {
    const names = ['r0', 'r1', 'r2'].slice(0, p.regionCount);
    return fc.array(faultFor(names), { maxLength: 4 }).map((faults) =>
      makeScenario({
        seed: p.seed,
        durationMs: DURATION_MS,
        warmupMs: 0,
        regions: names.map((name, i) =>
          region(name, { primary: i === 0, replicaLag: p.lags[i], clock: { skewMs: p.skews[i], driftPpm: 0, jumps: [] } }),
        ),
        network: { localLatency: constant(0.5), defaultLatency: { kind: 'exponential', mean: 40 }, links: [] },
        bus: {
          delay: { kind: 'uniform', min: p.busDelay[0], max: p.busDelay[0] + p.busDelay[1] },
          loss: p.loss,
          duplicate: p.duplicate,
          delivery: p.delivery,
          onPartition: p.onPartition,
        },
        onUnreachable: p.onUnreachable,
        workload: {
          keys: p.keys,
          popularity: p.zipf ? { kind: 'zipf', exponent: 0.99 } : { kind: 'uniform' },
          readsPerSecond: p.reads,
          writesPerSecond: p.writes,
          readRegions: Object.fromEntries(names.map((n) => [n, 1 / names.length])),
          writeRegions: Object.fromEntries(names.map((n) => [n, 1 / names.length])),
          sessions: p.sessions,
        },
        faults,
      }),
    );
  });

/** L1s in front of the regional caches: none, or a few app servers with their own settings. */
const arbitraryL1: fc.Arbitrary<L1Spec | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    hosts: fc.integer({ min: 1, max: 3 }),
    ttlMs: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.constant(Infinity)),
    capacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 10 })),
    invalidated: fc.boolean(),
  }),
);

/** Cache settings to combine with any scenario. */
export const arbitraryCache = fc.record({
  ttlMs: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constant(Infinity)),
  capacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 30 })),
  refillFrom: fc.constantFrom('replica' as const, 'primary' as const),
  ttlJitter: fc.constantFrom(0, 0.2),
  staleWhileRevalidateMs: fc.constantFrom(0, 0, 3_000),
  l1: arbitraryL1,
});

export { strategy };
