/**
 * A strategy at run time: the hooks the simulation calls, composed from the mechanisms its
 * preset switches on (parts.ts). Each hook asks only the mechanisms that are on; a preset
 * with none of them behaves as plain cache-aside with a TTL.
 */
import type { Bus } from '../model/bus.js';
import type { RegionCache } from '../model/cache.js';
import type { Cache } from '../model/slot-cache.js';
import type { InvalidatedL1s } from '../model/near-caches.js';
import type { Clock } from '../model/clock.js';
import { FillRefusal } from '../model/observer.js';
import { deleteIfOlder, publishToEveryRegion } from './mechanisms/invalidation.js';
import { LEASE_DENIED, Leases, NO_LEASE } from './mechanisms/leases.js';
import { RemoteMarkers } from './mechanisms/remote-markers.js';
import { type ServedAtLeast, SessionTokens } from './mechanisms/session-tokens.js';
import { VersionFloor } from './mechanisms/version-floor.js';
import { VersionStamps } from './mechanisms/version-stamps.js';
import type { ChangeStreamSettings, Invalidation, SessionTokenSettings, StrategyParts, UpdateSettings } from './parts.js';

/** The parts of the model a strategy may act on. */
export interface CoherenceWorld {
  caches: readonly RegionCache[];
  /** The L1s that invalidations reach (none without L1s, or when they only expire). */
  invalidatedL1s: InvalidatedL1s;
  clocks: readonly Clock[];
  bus: Bus;
  primary: number;
  keys: number;
  /** Have `changeArrived(region, key, version)` called at `time` (a change stream's tail delay). */
  scheduleChange(time: number, region: number, key: number, version: number): void;
  /** Have `publish(key, version)` called at `time` (a delayed double delete). */
  scheduleResend(time: number, key: number, version: number): void;
  /** The TTL `cache` gives `version` of `key` when an update message stores it. */
  updateTtl(cache: Cache, key: number, version: number): number;
  /** Where known, the oldest version a session could still be served: session tokens no older are forgotten. */
  servedAtLeast?: ServedAtLeast;
  /** Where known, the oldest version of a key that a copy or a message may still carry: older version stamps are forgotten. */
  oldestCarried?: (key: number) => number;
}

/** What a client whose read missed is told instead of a lease token (leases only). */
export const enum MissAnswer {
  /** Wait `retryAfterMs` and ask the cache again. */
  Retry = -2,
  /** Out of patience: read the database without a lease, and so fill nothing. */
  ReadWithoutFill = -3,
  /** A background refresh leaves the refill to whoever holds the lease. */
  Stop = -4,
}

export class Strategy {
  /** Present when the preset uses leases: asked on a miss and on a fill. */
  private readonly leases: Leases | null;
  /** Present when the preset uses session tokens: how to treat a replica that is behind. */
  readonly sessionSettings: SessionTokenSettings | null;
  /** False for the no-cache baseline: reads skip the cache and fill nothing. */
  readonly caching: boolean;
  private readonly invalidation: Invalidation;
  private readonly changeStream: ChangeStreamSettings | null;
  private readonly update: UpdateSettings | null;
  private readonly markers: RemoteMarkers | null;
  private readonly stamps: VersionStamps;
  private readonly floor: VersionFloor | null;
  private readonly tokens: SessionTokens | null;
  private readonly resendAfterMs: number;

  constructor(
    parts: StrategyParts,
    private readonly world: CoherenceWorld,
  ) {
    const regions = world.caches.length;
    this.caching = parts.caching;
    this.invalidation = parts.invalidation;
    this.changeStream = parts.changeStream;
    this.update = parts.update;
    this.markers = parts.changeStream?.remoteMarkers ? new RemoteMarkers(world.keys, regions, world.primary) : null;
    this.stamps = new VersionStamps(parts.versionSource, world.clocks, world.primary, world.keys, world.oldestCarried);
    this.floor = parts.invalidation === 'versioned' ? new VersionFloor(world.keys, regions) : null;
    this.leases = parts.lease ? new Leases(parts.lease, world.keys, regions) : null;
    this.tokens = parts.sessionToken ? new SessionTokens(world.keys, world.servedAtLeast) : null;
    this.sessionSettings = parts.sessionToken;
    this.resendAfterMs = parts.resendAfterMs;
  }

  /** A write of `key` leaves `region` for the primary; with remote markers, the region marks the key and drops its entry. */
  writeIssued(writeIndex: number, region: number, key: number, now: number): void {
    this.stamps.writeIssued(writeIndex, region, now);
    if (this.markers?.writeIssued(region, key, now)) this.dropInRegion(region, key, now);
  }

  /** The primary committed `version` of `key`, written from `writerRegion`: invalidate, if the preset does. */
  committed(key: number, version: number, writeIndex: number, writerRegion: number, now: number): void {
    this.stamps.committed(key, version, writeIndex, now);
    this.markers?.committed(writerRegion, key, version);
    if (this.invalidation === 'none') return;
    if (this.changeStream) this.changeSeen(this.world.primary, key, version, now);
    else {
      this.publish(key, version, now);
      if (this.resendAfterMs > 0) this.world.scheduleResend(now + this.resendAfterMs, key, version);
    }
  }

  /** A commit's bus message to every region: at commit, and again for a delayed double delete. */
  publish(key: number, version: number, now: number): void {
    publishToEveryRegion(this.world.bus, this.world.caches.length, key, version, now);
  }

  /** `region`'s replica applied `version` of `key`: its change stream shows the write. */
  replicaApplied(region: number, key: number, version: number, now: number): void {
    if (this.changeStream && this.invalidation !== 'none') this.changeSeen(region, key, version, now);
  }

  private changeSeen(region: number, key: number, version: number, now: number): void {
    const delay = (this.changeStream as ChangeStreamSettings).tailDelayMs;
    if (delay === 0) this.changeArrived(region, key, version, now);
    else this.world.scheduleChange(now + delay, region, key, version);
  }

  /** `region`'s change-stream tailer acts on `version` of `key`: invalidates the local cache and lifts a remote marker. */
  changeArrived(region: number, key: number, version: number, now: number): void {
    this.invalidate(region, key, version, now);
    this.markers?.applied(region, key, version);
  }

  writeAcked(session: number, key: number, version: number): void {
    this.tokens?.saw(session, key, version);
  }

  /** A bus message about `key` (carrying `version`) reached `region`. */
  delivered(region: number, key: number, version: number, now: number): void {
    if (this.update) this.applyUpdate(this.update, region, key, version, now);
    else this.invalidate(region, key, version, now);
  }

  /** Write-update: the region's caches (those invalidations reach) take the new value instead of dropping theirs. */
  private applyUpdate(update: UpdateSettings, region: number, key: number, version: number, now: number): void {
    this.updateCache(update, this.world.caches[region], key, version, now);
    // Only an update to every L1 stores where nothing is held.
    const l1s = update.scope === 'all' ? this.world.invalidatedL1s.all(region) : this.world.invalidatedL1s.holding(region, key);
    for (const near of l1s) this.updateCache(update, near, key, version, now);
  }

  private updateCache(update: UpdateSettings, cache: Cache, key: number, version: number, now: number): void {
    const cached = cache.held(key, now);
    if (cached < 0 && update.scope === 'present') return;
    if (cached >= version && update.keepNewer) return;
    cache.store(key, version, now, this.world.updateTtl(cache, key, version));
  }

  private invalidate(region: number, key: number, version: number, now: number): void {
    if (this.floor) {
      const stamp = this.stamps.of(key, version);
      this.floor.heard(region, key, stamp);
      deleteIfOlder(this.world.caches[region], key, this.stamps, stamp, now);
      for (const near of this.world.invalidatedL1s.holding(region, key)) deleteIfOlder(near, key, this.stamps, stamp, now);
    } else {
      this.dropInRegion(region, key, now);
    }
    this.leases?.voidLease(region, key);
  }

  /** Drop `key` from the region's cache and from the L1s invalidations reach. */
  private dropInRegion(region: number, key: number, now: number): void {
    this.world.caches[region].invalidate(key, now);
    for (const near of this.world.invalidatedL1s.holding(region, key)) near.invalidate(key, now);
  }

  /** True while a remote marker says `region`'s copies of `key` are behind its own write: read the primary, fill nothing. */
  bypassesRegion(region: number, key: number): boolean {
    return this.markers !== null && this.markers.marked(region, key);
  }

  /** May a cached `version` be returned to `session`? */
  acceptHit(session: number, key: number, version: number): boolean {
    return this.tokens === null || version >= this.tokens.token(session, key);
  }

  /**
   * May a value read from a replica fill `region`'s cache, or is it older than the version
   * floor (a refused fill: the read goes on to the primary)?
   */
  floorAdmits(region: number, key: number, version: number): boolean {
    return this.floor === null || this.floor.admits(region, key, this.stamps.of(key, version));
  }

  /** A value was returned to `session`. */
  readReturned(session: number, key: number, version: number): void {
    this.tokens?.saw(session, key, version);
  }

  /**
   * A read of `key` in `region` missed at `now`, after `refusals` lease refusals (`background`:
   * a refresh no client waits for). The lease token its fill will carry (NO_LEASE without
   * leases), or, when another holder's lease stands, a MissAnswer.
   */
  onMiss(region: number, key: number, now: number, refusals: number, background: boolean): number {
    if (!this.leases) return NO_LEASE;
    const token = this.leases.acquire(region, key, now);
    if (token !== LEASE_DENIED) return token;
    if (background) return MissAnswer.Stop;
    return refusals < this.leases.settings.maxRetries ? MissAnswer.Retry : MissAnswer.ReadWithoutFill;
  }

  /** How long a client refused a lease waits before asking the cache again. */
  get retryAfterMs(): number {
    return this.leases?.settings.retryAfterMs ?? 0;
  }

  /**
   * Why this fill, for a read issued at `issued`, may not be stored (None: it may). Versioned
   * caches refuse values older than what they hold or have heard of; leased fills must carry
   * the outstanding token; with remote markers, a fill that a write from the region raced is
   * refused.
   */
  fillRefusal(region: number, key: number, version: number, leaseToken: number, issued: number, now: number): FillRefusal {
    if (this.leases) {
      const lease = this.leases.redeem(region, key, leaseToken, now);
      if (lease !== FillRefusal.None) return lease;
    }
    if (this.markers?.racedAMark(region, key, issued)) return FillRefusal.Marked;
    return this.copyRefusal(this.world.caches[region], key, version, now);
  }

  /**
   * May `cache` (a regional cache or an L1) store `version`? Versioned caches refuse what is
   * older than they hold or have heard of; write-update caches keeping the newer value, what
   * is older than they hold (a refill that an update overtook).
   */
  copyRefusal(cache: Cache, key: number, version: number, now: number): FillRefusal {
    if (this.update?.keepNewer) return cache.held(key, now) <= version ? FillRefusal.None : FillRefusal.OlderThanHeld;
    if (!this.floor) return FillRefusal.None;
    const stamp = this.stamps.of(key, version);
    if (!this.floor.admits(cache.region, key, stamp)) return FillRefusal.OlderThanHeard;
    const cached = cache.held(key, now);
    return cached < 0 || this.stamps.of(key, cached) <= stamp ? FillRefusal.None : FillRefusal.OlderThanHeld;
  }
}
