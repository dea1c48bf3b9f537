/**
 * One run of one strategy over a scenario: wires the engine, the workload, the database,
 * the caches and the bus, and routes every event to the piece it concerns. What happens is
 * reported to an Observer; the simulation keeps no metrics of its own.
 *
 * Read path (cache-aside): the client asks its region's cache (a local round trip); on a
 * hit it has its answer. On a miss it reads the refill source (its own region's database
 * copy, or the primary), gets the answer back, and sets the cache (one more local hop).
 * Write path: the writer sends to the primary, which commits, replicates asynchronously to
 * every replica, acknowledges to the writer, and lets the strategy react.
 */
import { Engine, type EventHandler } from '../engine/engine.js';
import { Streams } from '../random/streams.js';
import type { Scenario, StrategySpec } from '../scenario/types.js';
import { composeStrategy, type Strategy } from '../strategies/strategy.js';
import { findPreset } from '../strategies/registry.js';
import { Bus } from './bus.js';
import { RegionCache } from './cache.js';
import { Clock } from './clock.js';
import { Database } from './database.js';
import { InflightReads } from './inflight.js';
import { type Observer, ReadSource } from './observer.js';
import { Topology } from './topology.js';
import { type Choice, Workload } from './workload.js';

/** Event kinds (the engine only sees these numbers). */
const enum Ev {
  ReadArrival,
  WriteArrival,
  /** a = write number, b = key, c = session */
  Commit,
  /** a = session, b = key, c = version */
  WriteAck,
  /** a = region, b = key, c = version */
  ReplicaApply,
  /** a = in-flight read slot */
  SourceRead,
  /** a = in-flight read slot */
  Fill,
  /** a = region, b = key, c = version */
  Deliver,
}

/** Hop numbers within one read, addressing its latency draws. */
const enum ReadHop {
  CacheRequest,
  CacheResponse,
  SourceRequest,
  SourceResponse,
  CacheSet,
}

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
  private readonly bus: Bus;
  private readonly strategy: Strategy;
  private readonly inflight = new InflightReads();
  private readonly choice: Choice = { region: 0, session: 0, key: 0 };
  private readonly ttlMs: number;
  private readonly ttlJitter: number;
  private readonly refillFromPrimary: boolean;
  private readonly durationMs: number;
  private reads = 0;
  private writes = 0;

  constructor(
    scenario: Scenario,
    spec: StrategySpec,
    private readonly observer: Observer,
  ) {
    const preset = findPreset(spec.use);
    if (!preset) throw new Error(`unknown strategy preset ${spec.use}`);
    const keys = scenario.workload.keys;
    this.durationMs = scenario.durationMs;
    this.streams = new Streams(scenario.seed);
    this.topology = new Topology(scenario, this.streams.network);
    this.workload = new Workload(scenario);
    this.database = new Database(scenario, this.topology.primary, this.streams.replicaLag);
    this.clocks = scenario.regions.map((r) => new Clock(r.clock));
    this.caches = scenario.regions.map((_, i) => new RegionCache(i, keys, spec.cache.capacity, this.clocks[i], observer));
    this.bus = new Bus(scenario.bus, scenario.regions.length, keys, this.streams.bus, scenario.durationMs, observer, (time, region, key, version) =>
      this.engine.at(time, Ev.Deliver, region, key, version),
    );
    this.strategy = composeStrategy(preset.parts(spec.options), { caches: this.caches, bus: this.bus });
    this.ttlMs = spec.cache.ttlMs;
    this.ttlJitter = spec.cache.ttlJitter;
    this.refillFromPrimary = spec.cache.refillFrom === 'primary';
  }

  /**
   * Run the scenario; returns the number of events processed. Operations arrive until the
   * scenario's duration; then the run continues until everything in flight has landed, so
   * every strategy completes (and counts) exactly the same reads.
   */
  run(): number {
    if (this.workload.hasReads) this.scheduleArrival(Ev.ReadArrival, this.workload.nextReadGap(this.streams.readArrivals));
    if (this.workload.hasWrites) this.scheduleArrival(Ev.WriteArrival, this.workload.nextWriteGap(this.streams.writeArrivals));
    this.engine.run(Infinity, this);
    for (const cache of this.caches) cache.sweepExpired(this.engine.now);
    return this.engine.processed;
  }

  private scheduleArrival(kind: Ev.ReadArrival | Ev.WriteArrival, at: number): void {
    if (at < this.durationMs) this.engine.at(at, kind);
  }

  handle(kind: number, a: number, b: number, c: number): void {
    switch (kind as Ev) {
      case Ev.ReadArrival:
        return this.readArrives();
      case Ev.WriteArrival:
        return this.writeArrives();
      case Ev.Commit:
        return this.commit(a, b, c);
      case Ev.WriteAck:
        return this.observer.writeAck(a, b, c, this.engine.now);
      case Ev.ReplicaApply:
        this.database.apply(a, b, c);
        return this.observer.replicaApply(a, b, c, this.engine.now);
      case Ev.SourceRead:
        return this.readSource(a);
      case Ev.Fill:
        return this.fill(a);
      case Ev.Deliver:
        this.observer.messageDelivered(a, b, c, this.engine.now);
        return this.strategy.delivered(a, b, c, this.engine.now);
    }
  }

  private readArrives(): void {
    const now = this.engine.now;
    const index = this.reads++;
    this.scheduleArrival(Ev.ReadArrival, now + this.workload.nextReadGap(this.streams.readArrivals));
    const { region, session, key } = this.pickRead();
    const operation = 2 * index;
    const cacheRoundTrip =
      this.topology.latency(region, region, operation, ReadHop.CacheRequest) + this.topology.latency(region, region, operation, ReadHop.CacheResponse);
    const cached = this.caches[region].lookup(key, now);
    if (cached >= 0) {
      this.observer.read(region, session, key, now, cacheRoundTrip, cached, ReadSource.Cache);
      return;
    }
    const source = this.refillFromPrimary ? this.topology.primary : region;
    const slot = this.inflight.acquire(region, session, key, index, now, source);
    const toSource = this.topology.latency(region, source, operation, ReadHop.SourceRequest);
    this.engine.at(now + cacheRoundTrip + toSource, Ev.SourceRead, slot);
  }

  private pickRead(): Choice {
    this.workload.chooseRead(this.streams.readChoices, this.choice);
    return this.choice;
  }

  private readSource(slot: number): void {
    const now = this.engine.now;
    const pool = this.inflight;
    const region = pool.region[slot];
    const source = pool.source[slot];
    const key = pool.key[slot];
    const version = this.database.readLocal(source, key);
    const from = source === this.topology.primary ? ReadSource.Primary : ReadSource.Replica;
    pool.version[slot] = version;
    this.observer.databaseRead(region, from, now);
    this.observer.fillInFlight(key, version);
    const operation = 2 * pool.index[slot];
    const answered = now + this.topology.latency(source, region, operation, ReadHop.SourceResponse);
    this.observer.read(region, pool.session[slot], key, pool.issued[slot], answered - pool.issued[slot], version, from);
    this.engine.at(answered + this.topology.latency(region, region, operation, ReadHop.CacheSet), Ev.Fill, slot);
  }

  private fill(slot: number): void {
    const now = this.engine.now;
    const pool = this.inflight;
    const region = pool.region[slot];
    const key = pool.key[slot];
    const version = pool.version[slot];
    this.caches[region].store(key, version, now, this.drawTtl(pool.index[slot]));
    this.observer.fill(region, key, version, now, true);
    this.observer.fillLanded(key, version);
    pool.release(slot);
  }

  private drawTtl(readIndex: number): number {
    if (this.ttlJitter === 0) return this.ttlMs;
    return this.ttlMs * (1 + this.ttlJitter * (2 * this.streams.ttlJitter.u(readIndex) - 1));
  }

  private writeArrives(): void {
    const now = this.engine.now;
    const index = this.writes++;
    this.scheduleArrival(Ev.WriteArrival, now + this.workload.nextWriteGap(this.streams.writeArrivals));
    this.workload.chooseWrite(this.streams.writeChoices, this.choice);
    const { region, session, key } = this.choice;
    const toPrimary = this.topology.latency(region, this.topology.primary, 2 * index + 1, WriteHop.ToPrimary);
    this.engine.at(now + toPrimary, Ev.Commit, index, key, session);
  }

  private commit(writeIndex: number, key: number, session: number): void {
    const now = this.engine.now;
    const primary = this.topology.primary;
    const version = this.database.commit(key);
    this.observer.commit(key, version, now, writeIndex);
    for (let region = 0; region < this.topology.regionCount; region++) {
      if (region === primary) continue;
      this.engine.at(this.database.visibleAt(region, key, now, writeIndex), Ev.ReplicaApply, region, key, version);
    }
    const writer = this.workload.sessionRegion[session];
    this.engine.at(now + this.topology.latency(primary, writer, 2 * writeIndex + 1, WriteHop.Ack), Ev.WriteAck, session, key, version);
    this.strategy.committed(key, version, now);
  }
}
