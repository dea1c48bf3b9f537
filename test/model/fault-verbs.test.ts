/**
 * The fault verbs on each piece of the model, and the schedule that calls them, without the
 * simulation: literal calls, literal expectations.
 */
import { describe, expect, test } from 'vitest';
import { Bus } from '../../src/model/bus.js';
import { BusOutages, type CutWindow, type LossWindow } from '../../src/model/bus-outages.js';
import { RegionCache } from '../../src/model/cache.js';
import { Clock } from '../../src/model/clock.js';
import { Database } from '../../src/model/database.js';
import { busOutages, FaultPhase, FaultSchedule } from '../../src/model/faults.js';
import type { Observer } from '../../src/model/observer.js';
import { Topology } from '../../src/model/topology.js';
import { Indexed } from '../../src/random/streams.js';
import type { BusSpec, FaultSpec, Scenario } from '../../src/scenario/types.js';
import { observerOf } from '../helpers/observer.js';
import { constant, makeScenario, region } from '../helpers/scenario.js';

const noop = () => {};

/** An observer that ignores everything but losses: the key of each lost attempt, and each report's attempts. */
function lossRecorder(): Observer & { lost: number[]; reports: number[] } {
  const lost: number[] = [];
  const reports: number[] = [];
  return {
    lost,
    reports,
    ...observerOf({
      messageLost: (_r, key, _v, _t, _retried, attempts) => {
        for (let i = 0; i < attempts; i++) lost.push(key);
        reports.push(attempts);
      },
    }),
  };
}

const threeRegions = (): Scenario =>
  makeScenario({ regions: [region('us', { primary: true }), region('eu'), region('ap')], workload: { keys: 10 } });

describe('Topology.reachable under network partitions', () => {
  test('false both ways for the pair while a partition is in force, true after heal; a region always reaches itself', () => {
    const t = new Topology(threeRegions(), new Indexed(1));
    expect(t.reachable(0, 1)).toBe(true);
    t.partition(0, 1);
    expect([t.reachable(0, 1), t.reachable(1, 0)]).toEqual([false, false]);
    expect([t.reachable(0, 2), t.reachable(1, 2), t.reachable(0, 0), t.reachable(1, 1)]).toEqual([true, true, true, true]);
    t.heal(0, 1);
    expect([t.reachable(0, 1), t.reachable(1, 0)]).toEqual([true, true]);
  });

  test('overlapping partitions of one pair nest (healing one of two keeps it cut), in either naming order', () => {
    const t = new Topology(threeRegions(), new Indexed(1));
    t.partition(0, 1);
    t.partition(1, 0);
    t.heal(0, 1);
    expect(t.reachable(0, 1)).toBe(false);
    t.heal(1, 0);
    expect(t.reachable(0, 1)).toBe(true);
    expect(() => t.heal(0, 1)).toThrow();
  });

  test('partitioning a region from itself changes nothing', () => {
    const t = new Topology(threeRegions(), new Indexed(1));
    t.partition(2, 2);
    expect(t.reachable(2, 2)).toBe(true);
    t.heal(2, 2);
  });
});

describe('Clock jumps', () => {
  const spec = { skewMs: 100, driftPpm: 0, jumps: [] };

  test('a jump steps the reading; trueTimeOf inverts the current segment', () => {
    const c = new Clock(spec);
    expect(c.read(1_000)).toBe(1_100);
    c.jump(5_000, 2_000);
    expect(c.read(3_000)).toBe(8_100);
    expect(c.trueTimeOf(8_100)).toBe(3_000);
    expect(c.trueTimeOf(20_100)).toBe(15_000); // not reached yet: in the future, assuming no further jump
  });

  test('a reading skipped by a forward jump was passed at the jump instant; earlier ones in their own segment', () => {
    const c = new Clock(spec);
    c.jump(5_000, 2_000); // at true 2 s the clock goes from 2.1 s to 7.1 s
    expect(c.trueTimeOf(4_000)).toBe(2_000);
    expect(c.trueTimeOf(1_100)).toBe(1_000);
    c.jump(1_000, 4_000); // at true 4 s: 9.1 s to 10.1 s
    expect(c.trueTimeOf(9_500)).toBe(4_000);
    expect(c.trueTimeOf(8_100)).toBe(3_000);
    expect(c.trueTimeOf(4_000)).toBe(2_000);
  });

  test('after a backward jump a reading is placed where the clock reached it most recently', () => {
    const c = new Clock(spec);
    c.jump(-5_000, 10_000); // at true 10 s the clock goes from 10.1 s back to 5.1 s
    expect(c.trueTimeOf(6_100)).toBe(11_000); // reached again in the current segment
    expect(c.trueTimeOf(3_100)).toBe(3_000); // only ever reached before the jump
  });

  test('a cache entry whose expiry a forward jump skips ends at the jump, not before its fill', () => {
    const clock = new Clock({ skewMs: 0, driftPpm: 0, jumps: [] });
    const ends: number[] = [];
    const observer = { ...lossRecorder(), entryEnd: (_c: number, _r: number, _k: number, _v: number, time: number) => ends.push(time) };
    const cache = new RegionCache(0, 0, 1, Infinity, clock, observer);
    cache.store(0, 1, 1_000, 10_000); // expires at local 11 s
    clock.jump(30_000, 5_000);
    expect(cache.lookup(0, 6_000)).toBe(-1);
    expect(ends).toEqual([5_000]);
  });
});

describe('Bus verbs', () => {
  const busSpec = (over: Partial<BusSpec> = {}): BusSpec => ({
    delay: constant(100),
    loss: 0,
    duplicate: 0,
    delivery: 'at-most-once',
    redeliveryTimeoutMs: 1_000,
    onPartition: 'retain',
    ...over,
  });
  function makeBus(over: Partial<BusSpec> = {}, outages: { cuts?: CutWindow[]; losses?: LossWindow[] } = {}) {
    const observer = lossRecorder();
    const deliveries: [number, number, number, number][] = [];
    const spec = busSpec(over);
    const windows = new BusOutages(spec.loss, 2, outages.losses ?? [], outages.cuts ?? []);
    const bus = new Bus(spec, 2, 10, new Indexed(3), windows, 60_000, observer, (...d) => deliveries.push(d));
    return { bus, observer, deliveries };
  }

  test('hold/release: held deliveries are re-sent at the release instant in arrival order, after the last of nested holds', () => {
    const { bus, deliveries } = makeBus();
    expect(bus.admit(1, 5, 1, 10)).toBe(true);
    bus.hold(1);
    bus.hold(1);
    expect(bus.admit(1, 5, 2, 20)).toBe(false);
    expect(bus.admit(1, 3, 1, 30)).toBe(false);
    expect(bus.admit(0, 3, 1, 30)).toBe(true);
    bus.release(1, 40);
    expect(deliveries).toEqual([]);
    bus.release(1, 50);
    expect(deliveries).toEqual([
      [50, 1, 5, 2],
      [50, 1, 3, 1],
    ]);
    expect(bus.held(1)).toBe(0);
  });

  test('a cut window [5, 15): deliveries arriving in it are lost (counted), then pass again', () => {
    const { bus, observer, deliveries } = makeBus({}, { cuts: [{ region: 0, fromMs: 5, untilMs: 15 }] });
    expect(bus.admit(0, 4, 1, 4)).toBe(true);
    expect(bus.admit(0, 4, 1, 10)).toBe(false);
    expect(bus.admit(1, 4, 1, 10)).toBe(true);
    expect(bus.admit(0, 4, 2, 15)).toBe(true);
    expect(observer.lost).toEqual([4]);
    expect(deliveries).toEqual([]);
  });

  test('under at-least-once a delivery dropped by a partition is sent again one redelivery timeout later, and pays the bus delay', () => {
    const { bus, observer, deliveries } = makeBus({ delivery: 'at-least-once' }, { cuts: [{ region: 1, fromMs: 0, untilMs: 500 }] });
    expect(bus.admit(1, 4, 1, 10)).toBe(false);
    expect(observer.lost).toEqual([4]);
    expect(deliveries).toEqual([[1_010 + 100, 1, 4, 1]]);
  });

  test('the resend of a dropped delivery can be lost too, like any attempt', () => {
    const { bus, observer, deliveries } = makeBus({ delivery: 'at-least-once', loss: 1 }, { cuts: [{ region: 1, fromMs: 0, untilMs: 500 }] });
    expect(bus.admit(1, 4, 1, 10)).toBe(false);
    // Dropped at 10 ms, then the resends at 1 010, 2 010, … 59 010 ms lost: 1 + 59 (the next would leave after the 60 s run).
    expect(observer.lost.length).toBe(60);
    // Certain to be lost (a loss of 1), the 59 resends are counted in one step.
    expect(observer.reports).toEqual([1, 59]);
    expect(deliveries).toEqual([]);
  });

  test('attempts leaving while the region is cut off are lost at departure, counted together; the first after it goes', () => {
    const { bus, observer, deliveries } = makeBus({ delivery: 'at-least-once' }, { cuts: [{ region: 1, fromMs: 0, untilMs: 10_000 }] });
    bus.send(1, 4, 1, 500);
    // Attempts at 0.5, 1.5, … 9.5 s are lost (10), the one at 10.5 s arrives 100 ms later.
    expect(observer.reports).toEqual([10]);
    expect(deliveries).toEqual([[10_600, 1, 4, 1]]);
    // At most once, the message is lost with its first attempt.
    const once = makeBus({}, { cuts: [{ region: 1, fromMs: 0, untilMs: 10_000 }] });
    once.bus.send(1, 4, 1, 500);
    expect([once.observer.reports, once.deliveries]).toEqual([[1], []]);
  });

  test('a dropping partition wins over a hold while both are in force', () => {
    const { bus, observer } = makeBus({}, { cuts: [{ region: 1, fromMs: 0, untilMs: 100 }] });
    bus.hold(1);
    expect(bus.admit(1, 2, 1, 10)).toBe(false);
    expect(bus.held(1)).toBe(0);
    expect(observer.lost).toEqual([2]);
  });

  test('a loss window of 1 loses every message sent in it; the scenario loss holds outside', () => {
    const { bus, observer, deliveries } = makeBus({}, { losses: [{ fromMs: 0, untilMs: 10, loss: 1 }] });
    bus.send(0, 1, 1, 0);
    bus.send(0, 1, 2, 10);
    expect(observer.lost).toEqual([1]);
    expect(deliveries).toEqual([[110, 0, 1, 2]]);
  });

  test('a resend meets the loss in force when it leaves, not the one its message was sent under', () => {
    // Dropped by a cut at 10 ms; the resend leaves at 1 010, inside a window losing everything, and the next at 2 010 gets through.
    const { bus, observer, deliveries } = makeBus(
      { delivery: 'at-least-once' },
      { cuts: [{ region: 1, fromMs: 0, untilMs: 500 }], losses: [{ fromMs: 1_000, untilMs: 2_000, loss: 1 }] },
    );
    expect(bus.admit(1, 4, 1, 10)).toBe(false);
    expect(observer.reports).toEqual([1, 1]);
    expect(deliveries).toEqual([[2_110, 1, 4, 1]]);
  });
});

describe('BusOutages', () => {
  test('overlapping loss windows: the one started last is in force until it ends, then the other; windows are half-open', () => {
    const outages = new BusOutages(0.1, 1, [
      { fromMs: 10, untilMs: 50, loss: 0.5 },
      { fromMs: 20, untilMs: 30, loss: 0.2 },
    ], []);
    expect([9, 10, 19, 20, 29, 30, 49, 50].map((t) => outages.lossAt(t))).toEqual([0.1, 0.5, 0.5, 0.2, 0.2, 0.5, 0.5, 0.1]);
  });

  test('windows starting together: the later fault is in force', () => {
    const outages = new BusOutages(0, 1, [
      { fromMs: 10, untilMs: 50, loss: 0.5 },
      { fromMs: 10, untilMs: 30, loss: 0.2 },
    ], []);
    expect([10, 30].map((t) => outages.lossAt(t))).toEqual([0.2, 0.5]);
  });

  test('overlapping cuts of a region join; other regions are not cut; a cut ends at its end', () => {
    const outages = new BusOutages(0, 2, [], [
      { region: 0, fromMs: 10, untilMs: 30 },
      { region: 0, fromMs: 20, untilMs: 40 },
      { region: 0, fromMs: 40, untilMs: 45 },
    ]);
    expect([9, 10, 35, 44, 45].map((t) => outages.isCut(0, t))).toEqual([false, true, true, true, false]);
    expect(outages.isCut(1, 20)).toBe(false);
    expect(outages.lostUntil(0, 12)).toBe(45);
    expect(outages.lostUntil(1, 12)).toBe(12);
  });

  test('lostUntil runs on through a cut into a window of loss 1, and stops where an attempt may get through', () => {
    const outages = new BusOutages(0, 1, [{ fromMs: 30, untilMs: 60, loss: 1 }], [{ region: 0, fromMs: 10, untilMs: 30 }]);
    expect(outages.lostUntil(0, 15)).toBe(60);
    expect(outages.lostUntil(0, 60)).toBe(60);
    expect(new BusOutages(1, 1, [], []).lostUntil(0, 5)).toBe(Infinity);
    expect(new BusOutages(1, 1, [{ fromMs: 10, untilMs: 20, loss: 0.5 }], []).lostUntil(0, 5)).toBe(10);
  });
});

describe('Database verbs', () => {
  function makeDatabase() {
    const applies: [number, number, number, number][] = [];
    const scenario = makeScenario({ regions: [region('us', { primary: true }), region('eu', { replicaLag: constant(100) })], workload: { keys: 10 } });
    return { db: new Database(scenario, 0, new Indexed(5), (...a) => applies.push(a)), applies };
  }

  test('pause/resume: applies arriving while paused are re-sent at the resume instant in commit order, after the last pause', () => {
    const { db, applies } = makeDatabase();
    db.pauseReplication(1);
    db.pauseReplication(1);
    expect(db.admit(1, 2, 1)).toBe(false);
    expect(db.admit(1, 2, 2)).toBe(false);
    expect(db.admit(1, 1, 1)).toBe(false);
    db.resumeReplication(1, 500);
    expect(applies).toEqual([]);
    expect(db.held(1)).toBe(3);
    db.resumeReplication(1, 600);
    expect(applies).toEqual([
      [600, 1, 2, 1],
      [600, 1, 2, 2],
      [600, 1, 1, 1],
    ]);
    expect(db.held(1)).toBe(0);
    expect(db.admit(1, 2, 3)).toBe(true);
  });

  test('spikeLag: writes committed in the window take the spike lag; visibility stays in commit order after it', () => {
    const { db } = makeDatabase();
    expect(db.visibleAt(1, 0, 1_000, 0)).toBe(1_100);
    db.spikeLag(1, 3, constant(5_000));
    db.spikeLag(1, 4, constant(2_000));
    expect(db.visibleAt(1, 0, 2_000, 1)).toBe(4_000); // the later window wins
    db.endLagSpike(1, 4);
    expect(db.visibleAt(1, 0, 2_500, 2)).toBe(7_500); // the earlier one is still open
    db.endLagSpike(1, 3);
    expect(db.visibleAt(1, 0, 3_000, 3)).toBe(7_500); // own lag again, but not before the previous version
    expect(db.visibleAt(1, 0, 8_000, 4)).toBe(8_100);
  });
});

describe('FaultSchedule', () => {
  /** Build the model's pieces for `faults` and run the schedule's events in (time, seq) order, checking `probe` between them. */
  function runSchedule(faults: FaultSpec[], scenarioOverrides: Partial<Scenario> = {}) {
    const scenario = { ...threeRegions(), faults, ...scenarioOverrides };
    const observer = lossRecorder();
    const topology = new Topology(scenario, new Indexed(1));
    const clocks = scenario.regions.map((r) => new Clock(r.clock));
    const world = {
      regionIndex: (name: string) => topology.regionIndex(name),
      topology,
      clocks,
      caches: clocks.map((clock, i) => new RegionCache(i, i, 10, Infinity, clock, observer)),
      l1sIn: () => [],
      bus: new Bus(scenario.bus, 3, 10, new Indexed(2), busOutages(scenario, (name) => topology.regionIndex(name), 0), scenario.durationMs, observer, noop),
      database: new Database(scenario, 0, new Indexed(3), noop),
    };
    const schedule = new FaultSchedule(scenario, world);
    const events: { time: number; index: number; phase: FaultPhase }[] = [];
    schedule.start((time, index, phase) => events.push({ time, index, phase }));
    events.sort((x, y) => x.time - y.time); // stable: same-time events keep their scheduling order
    return {
      world,
      events,
      /** Fire every event up to and including `time`. */
      until(time: number) {
        while (events.length > 0 && events[0].time <= time) {
          const e = events.shift() as (typeof events)[number];
          schedule.fire(e.index, e.phase, e.time);
        }
      },
    };
  }

  test('network_partition: unreachable inside the window, reachable after; replication and deliveries to the cut-off side held', () => {
    const run = runSchedule([{ kind: 'network_partition', atMs: 1_000, forMs: 2_000, a: 'eu', b: 'us' }]);
    const { topology, bus, database } = run.world;
    run.until(999);
    expect(topology.reachable(1, 0)).toBe(true);
    run.until(1_000);
    expect([topology.reachable(1, 0), topology.reachable(0, 1), topology.reachable(1, 2)]).toEqual([false, false, true]);
    expect([database.admit(1, 0, 1), database.admit(2, 0, 1)]).toEqual([false, true]);
    expect([bus.admit(1, 0, 1, 1_500), bus.admit(0, 0, 1, 1_500), bus.admit(2, 0, 1, 1_500)]).toEqual([false, true, true]);
    run.until(3_000);
    expect(topology.reachable(1, 0)).toBe(true);
    expect([database.held(1), bus.held(1)]).toEqual([0, 0]);
  });

  test('network_partition between two replicas cuts only reachability', () => {
    const run = runSchedule([{ kind: 'network_partition', atMs: 0, forMs: 1_000, a: 'eu', b: 'ap' }]);
    run.until(0);
    const { topology, bus, database } = run.world;
    expect(topology.reachable(1, 2)).toBe(false);
    expect([database.admit(1, 0, 1), database.admit(2, 0, 1), bus.admit(1, 0, 1, 0), bus.admit(2, 0, 1, 0)]).toEqual([true, true, true, true]);
  });

  test('bus_partition of the primary region affects every region’s deliveries; from: primary on it holds no replication', () => {
    const run = runSchedule([{ kind: 'bus_partition', atMs: 0, forMs: 1_000, region: 'us', from: 'both' }]);
    run.until(0);
    const { bus, database } = run.world;
    expect([0, 1, 2].map((r) => bus.admit(r, 0, 1, 10))).toEqual([false, false, false]);
    expect(database.admit(1, 0, 1)).toBe(true);
    run.until(1_000);
    expect([0, 1, 2].map((r) => bus.held(r))).toEqual([0, 0, 0]);
  });

  test('bus_partition from: bus/primary/both act on the bus, on replication, on both', () => {
    const probe = (from: 'bus' | 'primary' | 'both') => {
      const run = runSchedule([{ kind: 'bus_partition', atMs: 0, forMs: 1_000, region: 'eu', from }]);
      run.until(0);
      return { bus: run.world.bus.admit(1, 0, 1, 0), replication: run.world.database.admit(1, 0, 1), other: run.world.bus.admit(2, 0, 1, 0) };
    };
    expect(probe('bus')).toEqual({ bus: false, replication: true, other: true });
    expect(probe('primary')).toEqual({ bus: true, replication: false, other: true });
    expect(probe('both')).toEqual({ bus: false, replication: false, other: true });
  });

  test('consumer_pause holds even when on_partition is drop (nothing lost)', () => {
    const base = threeRegions();
    const run = runSchedule([{ kind: 'consumer_pause', atMs: 0, forMs: 1_000, region: 'eu' }], { bus: { ...base.bus, onPartition: 'drop' } });
    run.until(0);
    expect(run.world.bus.admit(1, 0, 1, 10)).toBe(false);
    expect(run.world.bus.held(1)).toBe(1);
  });

  test('a pause nested in a partition of the same replica releases only when the last ends', () => {
    const run = runSchedule([
      { kind: 'network_partition', atMs: 0, forMs: 3_000, a: 'us', b: 'eu' },
      { kind: 'replication_pause', atMs: 1_000, forMs: 1_000, region: 'eu' },
    ]);
    const { database } = run.world;
    run.until(0);
    expect(database.admit(1, 0, 1)).toBe(false);
    run.until(2_000);
    expect(database.held(1)).toBe(1);
    run.until(3_000);
    expect(database.held(1)).toBe(0);
  });

  test('a clock stepping back first ends its region’s expired entries: they do not come back; live ones live longer', () => {
    const scenario = threeRegions();
    scenario.regions[1].clock.jumps = [{ atMs: 10_000, byMs: -5_000 }];
    const run = runSchedule([], { regions: scenario.regions });
    const eu = run.world.caches[1];
    eu.store(0, 1, 1_000, 2_000); // expired at 3 s, and nobody looked since
    eu.store(1, 1, 9_000, 2_000); // alive at the step, until the clock reads 11 s again
    run.until(10_000);
    expect(eu.size).toBe(1);
    expect(eu.lookup(0, 10_500)).toBe(-1); // the clock reads 5.5 s, before the old expiry: still gone
    expect(eu.lookup(1, 15_500)).toBe(1); // reads 10.5 s
    expect(eu.lookup(1, 16_000)).toBe(-1);
  });

  test('clock jumps are events after the faults, each stepping its region’s clock at its instant', () => {
    const scenario = threeRegions();
    scenario.regions[2].clock.jumps = [{ atMs: 5_000, byMs: 60_000 }];
    const run = runSchedule([{ kind: 'cache_restart', atMs: 1_000, region: 'eu' }], { regions: scenario.regions });
    expect(run.events).toEqual([
      { time: 1_000, index: 0, phase: FaultPhase.Start },
      { time: 5_000, index: 1, phase: FaultPhase.Start },
    ]);
    run.until(5_000);
    expect(run.world.clocks[2].read(5_000)).toBe(65_000);
    expect(run.world.clocks[1].read(5_000)).toBe(5_000);
  });
});
