/**
 * One run of one strategy over a scenario: wires the engine, the workload, the database,
 * the caches, the bus, the faults and the strategy, and routes every event to the piece it
 * concerns. What happens is reported to an Observer; the simulation keeps no metrics. The
 * read path is its own piece (read-path.ts).
 *
 * Write path: the writer sends to the primary, which commits, replicates asynchronously to
 * every replica, acknowledges to the writer, and lets the strategy react — at commit, and
 * again as each replica applies the write (change-stream strategies).
 */
import { Engine, type EventHandler } from '../engine/engine.js';
import { Streams } from '../random/streams.js';
import type { Scenario, StrategySpec } from '../scenario/types.js';
import { findPreset } from '../strategies/registry.js';
import { Strategy } from '../strategies/strategy.js';
import { Bus } from './bus.js';
import { RegionCache } from './cache.js';
import { Clock } from './clock.js';
import { Database } from './database.js';
import { Ev } from './events.js';
import { busOutages, type FaultPhase, FaultSchedule } from './faults.js';
import { NearCaches } from './near-caches.js';
import type { Hindsight, Observer } from './observer.js';
import { ReadPath } from './read-path.js';
import { Topology } from './topology.js';
import { TtlDraws } from './ttl-draws.js';
import { type Choice, Workload } from './workload.js';
import { VersionsOnTheirWay } from '../util/versions-on-their-way.js';

const enum WriteHop {
  ToPrimary,
  Ack,
}

export class Simulation implements EventHandler {
  readonly engine = new Engine();
  private readonly streams: Streams;
  private readonly topology: Topology;
  private readonly workload: Workload;
  private readonly database: Database;
  private readonly clocks: Clock[];
  private readonly caches: RegionCache[];
  private readonly l1s: NearCaches;
  private readonly bus: Bus;
  private readonly strategy: Strategy;
  private readonly faults: FaultSchedule;
  private readonly reads: ReadPath;
  private readonly choice: Choice = { region: 0, session: 0, key: 0 };
  private readonly primary: number;
  private readonly durationMs: number;
  private writes = 0;
  /** The engine's stream of write arrivals (one pending arrival). */
  private readonly writeArrivals: number;
  /** Versions that messages (bus deliveries, change-stream and resend events) carry, where their stamps are forgotten once none does. */
  private readonly carried: VersionsOnTheirWay | null;

  constructor(
    scenario: Scenario,
    spec: StrategySpec,
    private readonly observer: Observer,
    /** Where the observer can tell it: how old a copy can still be (client and strategy state that cannot matter is forgotten). */
    hindsight?: Hindsight,
  ) {
    const preset = findPreset(spec.use);
    if (!preset) throw new Error(`unknown strategy preset ${spec.use}`);
    const keys = scenario.workload.keys;
    this.durationMs = scenario.durationMs;
    this.streams = new Streams(scenario.seed);
    this.topology = new Topology(scenario, this.streams.network);
    this.primary = this.topology.primary;
    this.workload = new Workload(scenario);
    this.database = new Database(scenario, this.primary, this.streams.replicaLag, (time, region, key, version) =>
      this.engine.at(time, Ev.ReplicaApply, region, key, version),
    );
    this.clocks = scenario.regions.map((r) => new Clock(r.clock));
    this.caches = scenario.regions.map(
      (_, i) => new RegionCache(i, i, keys, spec.cache.capacity, this.clocks[i], observer, spec.cache.staleWhileRevalidateMs),
    );
    this.l1s = new NearCaches(spec.cache.l1, this.clocks, keys, this.workload.sessionsByRegion, this.workload.sessionRegion.length, observer);
    const ttl = new TtlDraws(spec.cache.ttlMs, spec.cache.ttlJitter, this.streams.ttlJitter);
    const parts = preset.parts(spec.options);
    // Version stamps other than the counter are kept per version (versioned invalidation alone compares them).
    const carried = hindsight && parts.invalidation === 'versioned' && parts.versionSource !== 'counter' ? new VersionsOnTheirWay(keys) : null;
    this.carried = carried;
    this.bus = new Bus(
      scenario.bus,
      scenario.regions.length,
      keys,
      this.streams.bus,
      busOutages(scenario, (name) => this.topology.regionIndex(name), this.primary),
      scenario.durationMs,
      observer,
      (time, region, key, version) => this.engine.at(time, Ev.Deliver, region, key, version),
      parts.invalidation === 'update' ? { add: (key, version) => observer.fillInFlight(key, version), remove: (key, version) => observer.fillLanded(key, version) } : carried,
    );
    this.strategy = new Strategy(parts, {
      caches: this.caches,
      clocks: this.clocks,
      bus: this.bus,
      primary: this.primary,
      keys,
      invalidatedL1s: this.l1s,
      scheduleChange: (time, region, key, version) => {
        carried?.add(key, version);
        this.engine.at(time, Ev.ChangeArrived, region, key, version);
      },
      scheduleResend: (time, key, version) => {
        carried?.add(key, version);
        this.engine.at(time, Ev.Resend, key, version);
      },
      updateTtl: (cache, key, version) => (this.l1s.layout.isL1(cache.id) ? this.l1s.ttlMs : ttl.draw(key, version, cache.region + 1)),
      servedAtLeast: hindsight && ((session, key) => hindsight.servedAtLeast(session, key)),
      oldestCarried: carried && hindsight ? (key) => Math.min(hindsight.oldestCopy(key), carried.oldest(key)) : undefined,
    });
    this.faults = new FaultSchedule(scenario, {
      regionIndex: (name) => this.topology.regionIndex(name),
      caches: this.caches,
      l1sIn: (region) => this.l1s.in(region),
      clocks: this.clocks,
      bus: this.bus,
      database: this.database,
      topology: this.topology,
    });
    this.reads = new ReadPath({
      engine: this.engine,
      streams: this.streams,
      topology: this.topology,
      workload: this.workload,
      database: this.database,
      caches: this.caches,
      l1s: this.l1s,
      strategy: this.strategy,
      observer,
      ttl,
      refillFromPrimary: spec.cache.refillFrom === 'primary',
      refreshesStale: spec.cache.staleWhileRevalidateMs > 0,
      onUnreachable: scenario.onUnreachable,
      durationMs: scenario.durationMs,
    });
    this.writeArrivals = this.engine.stream(Ev.WriteArrival);
  }

  /**
   * Run the scenario; returns the number of events processed. Operations arrive until the
   * scenario's duration; then the run continues until everything in flight has landed, so
   * every strategy completes (and counts) exactly the same reads.
   */
  run(): number {
    this.reads.start();
    if (this.workload.hasWrites) this.scheduleWrite(this.workload.nextWriteGap(this.streams.writeArrivals));
    this.faults.start((time, index, phase) => this.engine.at(time, Ev.Fault, index, phase));
    this.engine.run(Infinity, this);
    for (const cache of this.caches) cache.sweepExpired(this.engine.now);
    this.l1s.sweepExpired(this.engine.now);
    return this.engine.processed;
  }

  /** When the oldest read not yet answered was issued: none recorded from now on was issued earlier. */
  oldestUnansweredRead(): number {
    return this.reads.oldestUnanswered();
  }

  private scheduleWrite(at: number): void {
    if (at < this.durationMs) this.engine.next(this.writeArrivals, at);
  }

  handle(kind: number, a: number, b: number, c: number): void {
    const now = this.engine.now;
    switch (kind as Ev) {
      case Ev.ReadArrival:
        return this.reads.arrive(now);
      case Ev.WriteArrival:
        return this.writeArrives(now);
      case Ev.Commit:
        return this.commit(a, b, c, now);
      case Ev.WriteAck:
        this.strategy.writeAcked(a, b, c);
        return this.observer.writeAck(a, b, c, now);
      case Ev.ReplicaApply:
        // A partitioned or paused replica holds the version; the database re-sends it on release.
        if (!this.database.admit(a, b, c)) return;
        this.database.apply(a, b, c);
        this.observer.replicaApply(a, b, c, now);
        return this.strategy.replicaApplied(a, b, c, now);
      case Ev.CacheRetry:
        return this.reads.askCacheAgain(a, now);
      case Ev.SourceRead:
        return this.reads.readSource(a, now);
      case Ev.Fill:
        return this.reads.fill(a, now);
      case Ev.Deliver:
        // A partitioned or paused consumer holds (or drops) the message; the bus re-sends held ones on release.
        if (!this.bus.admit(a, b, c, now)) return;
        this.observer.messageDelivered(a, b, c, now);
        this.strategy.delivered(a, b, c, now);
        return this.bus.landed(b, c);
      case Ev.Fault:
        return this.faults.fire(a, b as FaultPhase, now);
      case Ev.ChangeArrived:
        this.strategy.changeArrived(a, b, c, now);
        return this.carried?.remove(b, c);
      case Ev.L1Fill:
        this.reads.storeNear(this.l1s.byId(a), b, c, now);
        return this.observer.fillLanded(b, c);
      case Ev.Resend:
        this.strategy.publish(a, b, now);
        return this.carried?.remove(a, b);
    }
  }

  // --- writes --------------------------------------------------------------------------

  private writeArrives(now: number): void {
    const index = this.writes++;
    this.scheduleWrite(now + this.workload.nextWriteGap(this.streams.writeArrivals));
    this.workload.chooseWrite(this.streams.writeChoices, this.choice);
    const { region, session, key } = this.choice;
    if (!this.topology.reachable(region, this.primary)) {
      this.observer.writeFailed(region, session, key, now);
      return;
    }
    this.strategy.writeIssued(index, region, key, now);
    const toPrimary = this.topology.latency(region, this.primary, 2 * index + 1, WriteHop.ToPrimary);
    this.engine.at(now + toPrimary, Ev.Commit, index, key, session);
  }

  private commit(writeIndex: number, key: number, session: number, now: number): void {
    const version = this.database.commit(key);
    const writer = this.workload.sessionRegion[session];
    this.observer.commit(key, version, now, writer);
    for (let region = 0; region < this.topology.regionCount; region++) {
      if (region === this.primary) continue;
      this.engine.at(this.database.visibleAt(region, key, now, writeIndex), Ev.ReplicaApply, region, key, version);
    }
    this.engine.at(now + this.topology.latency(this.primary, writer, 2 * writeIndex + 1, WriteHop.Ack), Ev.WriteAck, session, key, version);
    this.strategy.committed(key, version, writeIndex, writer, now);
  }
}
