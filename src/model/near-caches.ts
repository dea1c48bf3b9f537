/**
 * The L1s: a near cache in each app server of each region, in front of the regional cache.
 * A session always uses the same server of its region (sessions dealt round-robin over them).
 * Each L1 is a cache of its own, numbered after the regional caches (CacheLayout): a
 * BoundedCache, whose memory follows its capacity, when that is well below the key space.
 */
import type { L1Spec } from '../scenario/types.js';
import { BoundedCache } from './bounded-cache.js';
import { RegionCache } from './cache.js';
import type { Cache } from './slot-cache.js';
import { CacheLayout, l1IsSparse } from './cache-layout.js';
import type { Clock } from './clock.js';
import { L1Holders } from './l1-holders.js';
import type { Observer } from './observer.js';

/** The L1s that invalidations reach (none without L1s, or when they only expire), for the strategies. */
export interface InvalidatedL1s {
  /** Every one in `region`, in server order. */
  all(region: number): readonly Cache[];
  /** Those in `region` with an entry for `key` (maybe expired, not yet looked at), in server order: valid until the next call. */
  holding(region: number, key: number): readonly Cache[];
}

const NO_CACHES: readonly Cache[] = [];

export class NearCaches implements InvalidatedL1s {
  readonly layout: CacheLayout;
  /** Servers per region (0: no L1s): the layout's, kept at hand for `of`, which every read with L1s calls. */
  readonly hosts: number;
  /** What an L1 entry lives for, on its region's clock. */
  readonly ttlMs: number;
  /** Region by region, server by server. */
  private readonly caches: Cache[];
  /** The server each session uses, within its region. */
  private readonly hostOfSession: Int32Array;
  /** Per region, the L1s the strategy's invalidations reach (none when they only expire). */
  private readonly invalidated: readonly (readonly Cache[])[];
  /** Which of those hold which key: null when invalidations reach none. */
  private readonly holders: L1Holders | null;
  /** Scratch for `holding`. */
  private readonly found: Cache[] = [];

  constructor(spec: L1Spec | null, clocks: readonly Clock[], keys: number, sessionsByRegion: readonly Int32Array[], sessions: number, observer: Observer) {
    const regions = clocks.length;
    this.layout = new CacheLayout(regions, spec?.hosts ?? 0);
    this.hosts = this.layout.l1Hosts;
    this.ttlMs = spec?.ttlMs ?? 0;
    const capacity = spec?.capacity ?? Infinity;
    // Typed arrays over the key space are faster; a map over a few slots is smaller: small L1s over many keys take the second.
    const bounded = l1IsSparse(capacity, keys);
    const invalidated = this.hosts > 0 && (spec?.invalidated ?? false);
    this.holders = invalidated ? new L1Holders(this.layout, keys, bounded ? capacity : keys) : null;
    this.caches = clocks.flatMap((clock, r) =>
      Array.from({ length: this.hosts }, (_, h) => {
        const id = this.layout.l1(r, h);
        const cache = bounded ? new BoundedCache(id, r, capacity, clock, observer) : new RegionCache(id, r, keys, capacity, clock, observer);
        cache.slotWatch = this.holders;
        return cache;
      }),
    );
    this.hostOfSession = new Int32Array(sessions);
    if (this.hosts > 0) sessionsByRegion.forEach((inRegion) => inRegion.forEach((session, i) => (this.hostOfSession[session] = i % this.hosts)));
    this.invalidated = clocks.map((_, r) => (invalidated ? this.in(r) : NO_CACHES));
  }

  all(region: number): readonly Cache[] {
    return this.invalidated[region];
  }

  holding(region: number, key: number): readonly Cache[] {
    if (!this.holders) return NO_CACHES;
    const l1s = this.holders.holding(region, key);
    const found = this.found;
    found.length = l1s.length;
    for (let i = 0; i < l1s.length; i++) found[i] = this.caches[l1s[i]];
    return found;
  }

  /** The L1 of the app server `session` uses in `region`. */
  of(region: number, session: number): Cache {
    return this.caches[region * this.hosts + this.hostOfSession[session]];
  }

  /** Every L1 in `region`, in server order. */
  in(region: number): readonly Cache[] {
    return this.caches.slice(region * this.hosts, (region + 1) * this.hosts);
  }

  /** The L1 with cache number `id`. */
  byId(id: number): Cache {
    return this.caches[id - this.layout.regions];
  }

  sweepExpired(now: number): void {
    for (const cache of this.caches) cache.sweepExpired(now);
  }
}
