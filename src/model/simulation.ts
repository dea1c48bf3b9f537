/**
 * One run of one strategy over a scenario: wires the engine, the workload, the database,
 * the caches, the bus, the faults and the strategy, and routes every event to the piece it
 * concerns. What happens is reported to an Observer; the simulation keeps no metrics.
 *
 * Read path (cache-aside): with L1s, the client first asks its app server's own, in process;
 * then it asks its region's cache (a local round trip), and a hit there is copied to its L1
 * on the way back. On a hit the strategy may still refuse the value (a session token ahead of
 * it). On a miss, a leased strategy may make the client wait and ask again; otherwise the
 * client reads the refill source (its region's database copy, or the primary), and the
 * strategy may send the read on to the primary when the replica is behind what it knows. The
 * answer returns to the client, and the cache is set one local hop later, if the strategy's
 * guards accept the value (and the client's L1 with it). Without a cache (no-cache), or while
 * a remote marker stands, the read goes straight to the database and fills nothing.
 *
 * Write path: the writer sends to the primary, which commits, replicates asynchronously to
 * every replica, acknowledges to the writer, and lets the strategy react — at commit, and
 * again as each replica applies the write (change-stream strategies).
 */
import { Engine, type EventHandler } from '../engine/engine.js';
import { Streams } from '../random/streams.js';
import type { Scenario, StrategySpec, UnreachablePolicy } from '../scenario/types.js';
import { LEASE_DENIED } from '../strategies/mechanisms/leases.js';
import { findPreset } from '../strategies/registry.js';
import { Strategy } from '../strategies/strategy.js';
import { Bus } from './bus.js';
import { type Cache, RegionCache } from './cache.js';
import { Clock } from './clock.js';
import { Database } from './database.js';
import { type FaultPhase, FaultSchedule } from './faults.js';
import { InflightReads } from './inflight.js';
import { NearCaches } from './near-caches.js';
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
  /** a = in-flight read slot: the client asks the cache again (lease wait over) */
  CacheRetry,
  /** a = in-flight read slot: the request reaches the database copy it asks */
  SourceRead,
  /** a = in-flight read slot */
  Fill,
  /** a = region, b = key, c = version */
  Deliver,
  /** a = fault index, b = phase */
  Fault,
  /** a = region, b = key, c = version: a change-stream tailer acts on the region's cache */
  ChangeArrived,
  /** a = L1 cache number, b = key, c = version: a value from the regional cache reaches the client's L1 */
  L1Fill,
  /** a = key, b = version: the strategy sends a commit's bus message again (delayed double delete) */
  Resend,
}

/** Hop numbers addressing a read's latency draws: the cache round trip, then one per further hop. */
const enum ReadHop {
  CacheRequest,
  CacheResponse,
  Next,
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
  private readonly l1s: NearCaches;
  /** L1s per region (0: none): read on every read, so kept here. */
  private readonly l1Hosts: number;
  /** Some reads do not start at the regional cache (no cache at all, or L1s in front of it). */
  private readonly readsBesideCache: boolean;
  /** Stale-while-revalidate: a hit past its TTL makes its app server refresh the entry. */
  private readonly refreshesStale: boolean;
  private readonly bus: Bus;
  private readonly strategy: Strategy;
  private readonly faults: FaultSchedule;
  private readonly inflight = new InflightReads();
  private readonly choice: Choice = { region: 0, session: 0, key: 0 };
  private readonly ttlMs: number;
  private readonly ttlJitter: number;
  private readonly refillFromPrimary: boolean;
  private readonly onUnreachable: UnreachablePolicy;
  private readonly primary: number;
  private readonly durationMs: number;
  private reads = 0;
  private writes = 0;
  /** The engine's streams of read and of write arrivals (one pending arrival each). */
  private readonly readArrivals: number;
  private readonly writeArrivals: number;

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
    this.primary = this.topology.primary;
    this.workload = new Workload(scenario);
    this.database = new Database(scenario, this.primary, this.streams.replicaLag, (time, region, key, version) =>
      this.engine.at(time, Ev.ReplicaApply, region, key, version),
    );
    this.clocks = scenario.regions.map((r) => new Clock(r.clock));
    this.caches = scenario.regions.map(
      (_, i) => new RegionCache(i, i, keys, spec.cache.capacity, this.clocks[i], observer, spec.cache.staleWhileRevalidateMs),
    );
    this.refreshesStale = spec.cache.staleWhileRevalidateMs > 0;
    this.l1s = new NearCaches(spec.cache.l1, this.clocks, keys, this.workload.sessionsByRegion, this.workload.sessionRegion.length, observer);
    this.l1Hosts = this.l1s.hosts;
    const parts = preset.parts(spec.options);
    this.bus = new Bus(
      scenario.bus,
      scenario.regions.length,
      keys,
      this.streams.bus,
      scenario.durationMs,
      observer,
      (time, region, key, version) => this.engine.at(time, Ev.Deliver, region, key, version),
      parts.invalidation === 'update',
    );
    this.readsBesideCache = !parts.caching || this.l1Hosts > 0;
    this.strategy = new Strategy(parts, {
      caches: this.caches,
      clocks: this.clocks,
      bus: this.bus,
      primary: this.primary,
      keys,
      invalidatedL1s: this.l1s.invalidated,
      scheduleChange: (time, region, key, version) => this.engine.at(time, Ev.ChangeArrived, region, key, version),
      scheduleResend: (time, key, version) => this.engine.at(time, Ev.Resend, key, version),
      updateTtl: (cache, key, version) => (this.l1s.layout.isL1(cache.id) ? this.l1s.ttlMs : this.drawTtl(key, version, cache.region + 1)),
    });
    this.faults = new FaultSchedule(scenario, {
      regionIndex: (name) => this.topology.regionIndex(name),
      caches: this.caches,
      clocks: this.clocks,
      bus: this.bus,
      database: this.database,
      topology: this.topology,
    });
    this.ttlMs = spec.cache.ttlMs;
    this.ttlJitter = spec.cache.ttlJitter;
    this.refillFromPrimary = spec.cache.refillFrom === 'primary';
    this.onUnreachable = scenario.onUnreachable;
    this.readArrivals = this.engine.stream(Ev.ReadArrival);
    this.writeArrivals = this.engine.stream(Ev.WriteArrival);
  }

  /**
   * Run the scenario; returns the number of events processed. Operations arrive until the
   * scenario's duration; then the run continues until everything in flight has landed, so
   * every strategy completes (and counts) exactly the same reads.
   */
  run(): number {
    if (this.workload.hasReads) this.scheduleArrival(this.readArrivals, this.workload.nextReadGap(this.streams.readArrivals));
    if (this.workload.hasWrites) this.scheduleArrival(this.writeArrivals, this.workload.nextWriteGap(this.streams.writeArrivals));
    this.faults.start((time, index, phase) => this.engine.at(time, Ev.Fault, index, phase));
    this.engine.run(Infinity, this);
    for (const cache of this.caches) cache.sweepExpired(this.engine.now);
    this.l1s.sweepExpired(this.engine.now);
    return this.engine.processed;
  }

  /** When the oldest read not yet answered was issued: none recorded from now on was issued earlier. */
  oldestUnansweredRead(): number {
    return Math.min(this.engine.now, this.inflight.oldestIssued());
  }

  private scheduleArrival(stream: number, at: number): void {
    if (at < this.durationMs) this.engine.next(stream, at);
  }

  handle(kind: number, a: number, b: number, c: number): void {
    const now = this.engine.now;
    switch (kind as Ev) {
      case Ev.ReadArrival:
        return this.readArrives(now);
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
        return this.askCacheAgain(a, now);
      case Ev.SourceRead:
        return this.readSource(a, now);
      case Ev.Fill:
        return this.fill(a, now);
      case Ev.Deliver:
        // A partitioned or paused consumer holds (or drops) the message; the bus re-sends held ones on release.
        if (!this.bus.admit(a, b, c, now)) return;
        this.observer.messageDelivered(a, b, c, now);
        this.strategy.delivered(a, b, c, now);
        return this.bus.landed(b, c);
      case Ev.Fault:
        return this.faults.fire(a, b as FaultPhase, now);
      case Ev.ChangeArrived:
        return this.strategy.changeArrived(a, b, c, now);
      case Ev.L1Fill:
        this.storeNear(this.l1s.byId(a), b, c, now);
        return this.observer.fillLanded(b, c);
      case Ev.Resend:
        return this.strategy.publish(a, b, now);
    }
  }

  // --- reads ---------------------------------------------------------------------------

  private readArrives(now: number): void {
    const index = this.reads++;
    this.scheduleArrival(this.readArrivals, now + this.workload.nextReadGap(this.streams.readArrivals));
    this.workload.chooseRead(this.streams.readChoices, this.choice);
    const { region, session, key } = this.choice;
    if (this.readsBesideCache && this.servedBesideCache(index, region, session, key, now)) return;
    const operation = 2 * index;
    const roundTrip =
      this.topology.latency(region, region, operation, ReadHop.CacheRequest) + this.topology.latency(region, region, operation, ReadHop.CacheResponse);
    if (this.strategy.bypassesRegion(region, key)) {
      // A remote marker: the region's copies are behind a write from here.
      this.fetchWithoutFill(this.inflight.acquire(region, session, key, index, now, ReadHop.Next), this.primary, now + roundTrip);
      return;
    }
    const cached = this.caches[region].lookup(key, now);
    if (cached >= 0 && this.strategy.acceptHit(session, key, cached)) {
      this.returnValue(region, session, key, now, roundTrip, cached, ReadSource.Cache);
      if (this.l1Hosts > 0) this.copyToL1(region, session, key, cached, now + roundTrip);
      if (this.refreshesStale && this.caches[region].isStale(key, now)) this.refreshInBackground(region, session, key, cached, index, ReadHop.Next, now + roundTrip);
      return;
    }
    this.missed(this.inflight.acquire(region, session, key, index, now, ReadHop.Next), now + roundTrip);
  }

  /**
   * The reads that do not start at the regional cache (kept out of the common path): without
   * a cache the client goes straight to the database; with L1s it asks its app server's L1
   * first, in process. True when the read was taken care of here.
   */
  private servedBesideCache(index: number, region: number, session: number, key: number, now: number): boolean {
    if (!this.strategy.caching) {
      const slot = this.inflight.acquire(region, session, key, index, now, ReadHop.Next);
      this.fetchWithoutFill(slot, this.refillSource(slot), now);
      return true;
    }
    const held = this.l1s.of(region, session).lookup(key, now);
    if (held >= 0 && this.strategy.acceptHit(session, key, held)) {
      this.returnValue(region, session, key, now, 0, held, ReadSource.L1);
      return true;
    }
    return false;
  }

  /** A regional hit's value reaches the client's L1 at `at`; on its way it is a copy the checkers must not forget. */
  private copyToL1(region: number, session: number, key: number, version: number, at: number): void {
    this.observer.fillInFlight(key, version);
    this.engine.at(at, Ev.L1Fill, this.l1s.of(region, session).id, key, version);
  }

  private returnValue(region: number, session: number, key: number, issued: number, latencyMs: number, version: number, source: ReadSource): void {
    this.strategy.readReturned(session, key, version);
    this.observer.read(region, session, key, issued, latencyMs, version, source);
  }

  /** At `at` the client knows the cache could not serve it. */
  private missed(slot: number, at: number): void {
    const leases = this.strategy.leases;
    if (leases) {
      const pool = this.inflight;
      const token = leases.acquire(pool.region[slot], pool.key[slot], at);
      // A background refresh leaves the refill to whoever holds the lease.
      if (token === LEASE_DENIED && pool.background[slot] === 1) return this.endWithoutValue(slot);
      if (token === LEASE_DENIED && pool.attempts[slot] < leases.settings.maxRetries) {
        pool.attempts[slot]++;
        this.engine.at(at + leases.settings.retryAfterMs, Ev.CacheRetry, slot);
        return;
      }
      // Out of patience: read the database without a lease, and so fill nothing.
      if (token === LEASE_DENIED) return this.fetchWithoutFill(slot, this.refillSource(slot), at);
      pool.lease[slot] = token;
    }
    this.fetch(slot, this.refillSource(slot), at);
  }

  /** Where a miss of the read in `slot` reads: the primary, or its region's replica. */
  private refillSource(slot: number): number {
    return this.refillFromPrimary ? this.primary : this.inflight.region[slot];
  }

  /**
   * A hit past its TTL (stale-while-revalidate): its client has its answer; its app server now
   * reads where misses read and stores the value, as a miss would, with no one waiting — once
   * per key and cache at a time. `stale` is the version served; `firstHop` numbers the
   * refresh's latency draws after the read's own.
   */
  private refreshInBackground(region: number, session: number, key: number, stale: number, index: number, firstHop: number, at: number): void {
    if (!this.caches[region].startRefresh(key)) return;
    this.observer.refreshStarted(region, key, stale, at);
    const slot = this.inflight.acquire(region, session, key, index, at, firstHop);
    this.inflight.background[slot] = 1;
    this.missed(slot, at);
  }

  /** The read ends without a value: a client's counts as failed; a background refresh just stops. */
  private endWithoutValue(slot: number): void {
    const pool = this.inflight;
    if (pool.background[slot] === 1) this.caches[pool.region[slot]].endRefresh(pool.key[slot]);
    else this.observer.readFailed(pool.region[slot], pool.session[slot], pool.key[slot], pool.issued[slot]);
    pool.release(slot);
  }

  /** Read `source`'s database copy and return the value, storing it in no cache. */
  private fetchWithoutFill(slot: number, source: number, at: number): void {
    this.inflight.skipFill[slot] = 1;
    this.fetch(slot, source, at);
  }

  /** A client that was refused a lease asks the cache again. */
  private askCacheAgain(slot: number, now: number): void {
    const pool = this.inflight;
    const region = pool.region[slot];
    const roundTrip = this.nextHop(slot, region, region) + this.nextHop(slot, region, region);
    const cached = this.caches[region].lookup(pool.key[slot], now);
    if (cached >= 0 && this.strategy.acceptHit(pool.session[slot], pool.key[slot], cached)) {
      const session = pool.session[slot];
      const key = pool.key[slot];
      this.returnValue(region, session, key, pool.issued[slot], now + roundTrip - pool.issued[slot], cached, ReadSource.Cache);
      if (this.l1Hosts > 0) this.copyToL1(region, session, key, cached, now + roundTrip);
      const index = pool.index[slot];
      const hop = pool.hop[slot];
      pool.release(slot);
      if (this.refreshesStale && this.caches[region].isStale(key, now)) this.refreshInBackground(region, session, key, cached, index, hop, now + roundTrip);
      return;
    }
    this.missed(slot, now + roundTrip);
  }

  /** The latency of the read's next hop, each hop its own draw. */
  private nextHop(slot: number, from: number, to: number): number {
    const pool = this.inflight;
    return this.topology.latency(from, to, 2 * pool.index[slot], pool.hop[slot]++);
  }

  /** Send the read from its region to `source`'s database copy at `at`, relaying around a partition if allowed. */
  private fetch(slot: number, source: number, at: number): void {
    const pool = this.inflight;
    const region = pool.region[slot];
    pool.source[slot] = source;
    pool.relay[slot] = -1;
    if (this.topology.reachable(region, source)) {
      this.engine.at(at + this.nextHop(slot, region, source), Ev.SourceRead, slot);
      return;
    }
    this.unreachable(slot, source, at);
  }

  /** The source cannot be reached from the read's region: apply `network.on_unreachable`. */
  private unreachable(slot: number, source: number, at: number): void {
    const pool = this.inflight;
    const region = pool.region[slot];
    if (this.onUnreachable === 'route') {
      const relay = this.relayFor(region, source);
      if (relay >= 0) {
        pool.relay[slot] = relay;
        this.engine.at(at + this.nextHop(slot, region, relay) + this.nextHop(slot, relay, source), Ev.SourceRead, slot);
        return;
      }
    } else if (this.onUnreachable === 'serve-stale' && source !== region) {
      // Serve the region's own database copy, however far behind: availability over freshness.
      pool.source[slot] = region;
      pool.anyVersion[slot] = 1;
      this.engine.at(at + this.nextHop(slot, region, region), Ev.SourceRead, slot);
      return;
    }
    this.endWithoutValue(slot);
  }

  /** The first region (in scenario order) that both sides can reach, or -1. */
  private relayFor(from: number, to: number): number {
    for (let r = 0; r < this.topology.regionCount; r++) {
      if (r !== from && r !== to && this.topology.reachable(from, r) && this.topology.reachable(r, to)) return r;
    }
    return -1;
  }

  /** The read reaches the database copy it asked for. */
  private readSource(slot: number, now: number): void {
    const pool = this.inflight;
    const region = pool.region[slot];
    const source = pool.source[slot];
    const key = pool.key[slot];
    const session = pool.session[slot];
    const version = this.database.readLocal(source, key);
    const from = source === this.primary ? ReadSource.Primary : ReadSource.Replica;
    this.observer.databaseRead(region, from, now);
    if (from === ReadSource.Replica && pool.anyVersion[slot] === 0) {
      const belowFloor = !this.strategy.floorAdmits(region, key, version);
      // The cache refuses the replica's value (a refused fill), and the read goes on to the primary.
      if (belowFloor && pool.skipFill[slot] === 0) this.observer.fill(region, key, version, now, false, now);
      if (belowFloor || !this.strategy.acceptHit(session, key, version)) {
        this.replicaBehind(slot, now);
        return;
      }
    }
    if (pool.anyVersion[slot] === 1 && !this.strategy.acceptHit(session, key, version)) {
      // Even a degraded read must not break a session's guarantee: fail it instead.
      this.endWithoutValue(slot);
      return;
    }
    pool.version[slot] = version;
    pool.readAt[slot] = now;
    const fills = pool.skipFill[slot] === 0;
    if (fills) this.observer.fillInFlight(key, version);
    const relay = pool.relay[slot];
    const back = relay >= 0 ? this.nextHop(slot, source, relay) + this.nextHop(slot, relay, region) : this.nextHop(slot, source, region);
    const answered = now + back;
    if (pool.background[slot] === 0) this.returnValue(region, session, key, pool.issued[slot], answered - pool.issued[slot], version, from);
    if (fills) this.engine.at(answered + this.nextHop(slot, region, region), Ev.Fill, slot);
    else pool.release(slot);
  }

  /** The replica's value is older than the strategy allows: poll it again, or go to the primary. */
  private replicaBehind(slot: number, now: number): void {
    const pool = this.inflight;
    const wait = this.strategy.sessionSettings;
    if (wait?.onBehind === 'wait') {
      if (pool.waitingSince[slot] < 0) pool.waitingSince[slot] = now;
      if (now + wait.pollMs - pool.waitingSince[slot] <= wait.maxWaitMs) {
        this.engine.at(now + wait.pollMs, Ev.SourceRead, slot);
        return;
      }
    }
    const region = pool.region[slot];
    this.fetch(slot, this.primary, now + this.nextHop(slot, pool.source[slot], region));
  }

  private fill(slot: number, now: number): void {
    const pool = this.inflight;
    const region = pool.region[slot];
    const key = pool.key[slot];
    const version = pool.version[slot];
    const stored = this.strategy.acceptFill(region, key, version, pool.lease[slot], pool.issued[slot], now);
    if (stored) this.caches[region].store(key, version, now, this.drawTtl(pool.index[slot]));
    this.observer.fill(region, key, version, now, stored, pool.readAt[slot]);
    if (pool.background[slot] === 1) this.caches[region].endRefresh(key);
    // The client keeps in its L1 what the regional cache accepted (a background refresh has no client).
    else if (stored && this.l1Hosts > 0) this.storeNear(this.l1s.of(region, pool.session[slot]), key, version, now);
    this.observer.fillLanded(key, version);
    pool.release(slot);
  }

  private storeNear(near: Cache, key: number, version: number, now: number): void {
    if (this.strategy.acceptCopy(near, key, version)) near.store(key, version, now, this.l1s.ttlMs);
  }

  /**
   * A regional entry's TTL, within ttl·(1 ± jitter), its draw addressed by what stores it: a
   * fill by its read's number `(i)`, an update by `(key, version ≥ 1, region + 1)`.
   */
  private drawTtl(a: number, b = 0, c = 0): number {
    if (this.ttlJitter === 0) return this.ttlMs;
    return this.ttlMs * (1 + this.ttlJitter * (2 * this.streams.ttlJitter.u(a, b, c) - 1));
  }

  // --- writes --------------------------------------------------------------------------

  private writeArrives(now: number): void {
    const index = this.writes++;
    this.scheduleArrival(this.writeArrivals, now + this.workload.nextWriteGap(this.streams.writeArrivals));
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
    this.observer.commit(key, version, now, writeIndex, writer);
    for (let region = 0; region < this.topology.regionCount; region++) {
      if (region === this.primary) continue;
      this.engine.at(this.database.visibleAt(region, key, now, writeIndex), Ev.ReplicaApply, region, key, version);
    }
    this.engine.at(now + this.topology.latency(this.primary, writer, 2 * writeIndex + 1, WriteHop.Ack), Ev.WriteAck, session, key, version);
    this.strategy.committed(key, version, writeIndex, writer, now);
  }
}
