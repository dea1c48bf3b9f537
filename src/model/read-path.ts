/**
 * The read path (cache-aside): with L1s, the client first asks its app server's own, in
 * process; then it asks its region's cache (a local round trip), and a hit there is copied to
 * its L1 on the way back. On a hit the strategy may still refuse the value (a session token
 * ahead of it). On a miss, a leased strategy may make the client wait and ask again;
 * otherwise the client reads the refill source (its region's database copy, or the primary),
 * and the strategy may send the read on to the primary when the replica is behind what it
 * knows. The answer returns to the client, and the cache is set one local hop later, if the
 * strategy's guards accept the value (and the client's L1 with it). Without a cache
 * (no-cache), or while a remote marker stands, the read goes straight to the database and
 * fills nothing. Reads not answered at once wait in a pool of slots, whose numbers travel in
 * the events.
 */
import type { Engine } from '../engine/engine.js';
import type { Streams } from '../random/streams.js';
import type { UnreachablePolicy } from '../scenario/types.js';
import { MissAnswer, type Strategy } from '../strategies/strategy.js';
import type { RegionCache } from './cache.js';
import type { Cache } from './slot-cache.js';
import type { Database } from './database.js';
import { Ev } from './events.js';
import { InflightReads } from './inflight.js';
import type { NearCaches } from './near-caches.js';
import { FillRefusal, LeaseAnswer, type Observer, ReadFailure, ReadSource } from './observer.js';
import type { Topology } from './topology.js';
import type { TtlDraws } from './ttl-draws.js';
import type { Choice, Workload } from './workload.js';

/** Hop numbers addressing a read's latency draws: the cache round trip, then one per further hop. */
const enum ReadHop {
  CacheRequest,
  CacheResponse,
  Next,
}

/** What the read path works with: the run's pieces, built by the simulation. */
export interface ReadPathParts {
  engine: Engine;
  streams: Streams;
  topology: Topology;
  workload: Workload;
  database: Database;
  caches: RegionCache[];
  l1s: NearCaches;
  strategy: Strategy;
  observer: Observer;
  ttl: TtlDraws;
  refillFromPrimary: boolean;
  /** Whether hits past their TTL are served while a refresh runs (stale-while-revalidate). */
  refreshesStale: boolean;
  onUnreachable: UnreachablePolicy;
  /** Reads arrive until then. */
  durationMs: number;
}

export class ReadPath {
  private readonly engine: Engine;
  private readonly streams: Streams;
  private readonly topology: Topology;
  private readonly workload: Workload;
  private readonly database: Database;
  private readonly caches: RegionCache[];
  private readonly l1s: NearCaches;
  /** L1s per region (0: none): read on every read, so kept here. */
  private readonly l1Hosts: number;
  /** Some reads do not start at the regional cache (no cache at all, or L1s in front of it). */
  private readonly readsBesideCache: boolean;
  /** Stale-while-revalidate: a hit past its TTL makes its app server refresh the entry. */
  private readonly refreshesStale: boolean;
  private readonly strategy: Strategy;
  private readonly observer: Observer;
  private readonly ttl: TtlDraws;
  private readonly refillFromPrimary: boolean;
  private readonly onUnreachable: UnreachablePolicy;
  private readonly primary: number;
  private readonly durationMs: number;
  private readonly inflight = new InflightReads();
  private readonly choice: Choice = { region: 0, session: 0, key: 0 };
  /** The engine's stream of read arrivals (one pending arrival). */
  private readonly arrivals: number;
  private reads = 0;

  constructor(parts: ReadPathParts) {
    this.engine = parts.engine;
    this.streams = parts.streams;
    this.topology = parts.topology;
    this.workload = parts.workload;
    this.database = parts.database;
    this.caches = parts.caches;
    this.l1s = parts.l1s;
    this.l1Hosts = parts.l1s.hosts;
    this.strategy = parts.strategy;
    this.readsBesideCache = !parts.strategy.caching || this.l1Hosts > 0;
    this.refreshesStale = parts.refreshesStale;
    this.observer = parts.observer;
    this.ttl = parts.ttl;
    this.refillFromPrimary = parts.refillFromPrimary;
    this.onUnreachable = parts.onUnreachable;
    this.primary = parts.topology.primary;
    this.durationMs = parts.durationMs;
    this.arrivals = this.engine.stream(Ev.ReadArrival);
  }

  /** Schedules the first read, if the workload has reads. */
  start(): void {
    if (this.workload.hasReads) this.scheduleNext(0);
  }

  /** When the oldest read not yet answered was issued: none recorded from now on was issued earlier. */
  oldestUnanswered(): number {
    return Math.min(this.engine.now, this.inflight.oldestIssued());
  }

  private scheduleNext(now: number): void {
    const at = now + this.workload.nextReadGap(this.streams.readArrivals);
    if (at < this.durationMs) this.engine.next(this.arrivals, at);
  }

  /** A client issues a read. */
  arrive(now: number): void {
    const index = this.reads++;
    this.scheduleNext(now);
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
    const pool = this.inflight;
    const answer = this.strategy.onMiss(pool.region[slot], pool.key[slot], at, pool.attempts[slot], pool.background[slot] === 1);
    if (answer === MissAnswer.Stop) return this.stopRefresh(slot); // only a background refresh is told to stop
    if (answer === MissAnswer.Retry) {
      this.observer.leaseAnswered(pool.region[slot], pool.key[slot], at, LeaseAnswer.Refused);
      pool.attempts[slot]++;
      this.engine.at(at + this.strategy.retryAfterMs, Ev.CacheRetry, slot);
      return;
    }
    if (answer === MissAnswer.ReadWithoutFill) {
      this.observer.leaseAnswered(pool.region[slot], pool.key[slot], at, LeaseAnswer.GaveUp);
      return this.fetchWithoutFill(slot, this.refillSource(slot), at);
    }
    // A token (without leases, none: NO_LEASE).
    if (answer > 0) this.observer.leaseAnswered(pool.region[slot], pool.key[slot], at, LeaseAnswer.Granted);
    pool.lease[slot] = answer;
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
    this.missed(this.inflight.acquire(region, session, key, index, at, firstHop, true), at);
  }

  /** The read ends without a value: a client's counts as failed (`why`); a background refresh just stops. */
  private endWithoutValue(slot: number, why: ReadFailure): void {
    const pool = this.inflight;
    if (pool.background[slot] === 1) return this.stopRefresh(slot);
    this.observer.readFailed(pool.region[slot], pool.session[slot], pool.key[slot], pool.issued[slot], why);
    pool.release(slot);
  }

  /** A background refresh ends without storing anything. */
  private stopRefresh(slot: number): void {
    this.caches[this.inflight.region[slot]].endRefresh(this.inflight.key[slot]);
    this.inflight.release(slot);
  }

  /** Read `source`'s database copy and return the value, storing it in no cache. */
  private fetchWithoutFill(slot: number, source: number, at: number): void {
    this.inflight.skipFill[slot] = 1;
    this.fetch(slot, source, at);
  }

  /** A client that was refused a lease asks the cache again. */
  askCacheAgain(slot: number, now: number): void {
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
    this.endWithoutValue(slot, ReadFailure.Unreachable);
  }

  /** The first region (in scenario order) that both sides can reach, or -1. */
  private relayFor(from: number, to: number): number {
    for (let r = 0; r < this.topology.regionCount; r++) {
      if (r !== from && r !== to && this.topology.reachable(from, r) && this.topology.reachable(r, to)) return r;
    }
    return -1;
  }

  /** The read reaches the database copy it asked for. */
  readSource(slot: number, now: number): void {
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
      if (belowFloor && pool.skipFill[slot] === 0) this.observer.fill(region, key, version, now, FillRefusal.OlderThanHeard, now);
      if (belowFloor || !this.strategy.acceptHit(session, key, version)) {
        this.replicaBehind(slot, now);
        return;
      }
    }
    if (pool.anyVersion[slot] === 1 && !this.strategy.acceptHit(session, key, version)) {
      // Even a degraded read must not break a session's guarantee: fail it instead.
      this.endWithoutValue(slot, ReadFailure.BehindSession);
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

  fill(slot: number, now: number): void {
    const pool = this.inflight;
    const region = pool.region[slot];
    const key = pool.key[slot];
    const version = pool.version[slot];
    const refusal = this.strategy.fillRefusal(region, key, version, pool.lease[slot], pool.issued[slot], now);
    const stored = refusal === FillRefusal.None;
    if (stored) this.caches[region].store(key, version, now, this.ttl.draw(pool.index[slot]));
    this.observer.fill(region, key, version, now, refusal, pool.readAt[slot]);
    if (pool.background[slot] === 1) this.caches[region].endRefresh(key);
    // The client keeps in its L1 what the regional cache accepted (a background refresh has no client).
    else if (stored && this.l1Hosts > 0) this.storeNear(this.l1s.of(region, pool.session[slot]), key, version, now);
    this.observer.fillLanded(key, version);
    pool.release(slot);
  }

  /** A value reaches an L1 (or the client keeps what its regional cache accepted). */
  storeNear(near: Cache, key: number, version: number, now: number): void {
    if (this.strategy.copyRefusal(near, key, version, now) === FillRefusal.None) near.store(key, version, now, this.l1s.ttlMs);
  }
}
