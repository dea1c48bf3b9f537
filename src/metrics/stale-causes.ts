/**
 * Why a stale read was stale: for a read served by a regional cache, what the entry it read
 * went through since it was stored — stored already stale (a refill from a lagging replica or
 * racing a write, a late update), or stored current and then not removed because the newer
 * write's invalidation was never sent to the region, was on its way, was lost, or arrived and
 * was ignored (or held at the region by a partition); a read of a database copy behind the
 * primary; a read of an L1 copy. One byte
 * of flags per region and key, reset whenever the regional cache stores the key.
 *
 * An L1 that invalidations reach is judged by the messages about versions newer than the one
 * it served (the newest sent, delivered, lost and held to its region): its copy outlived an
 * invalidation still on its way, lost or held, or was stored after one went by. An L1 that
 * only expires is the cause itself (`l1_copy`).
 */
import { ReadSource } from '../model/observer.js';

/** The causes, in the order reports list them; JSON names (`stale_causes.<name>`). */
export const STALE_CAUSES = [
  'stored_stale',
  'not_invalidated',
  'invalidation_late',
  'invalidation_held',
  'invalidation_lost',
  'invalidation_ignored',
  'replica_behind',
  'l1_copy',
] as const;

export type StaleCauseName = (typeof STALE_CAUSES)[number];

export const enum StaleCause {
  StoredStale,
  NotInvalidated,
  InvalidationLate,
  InvalidationHeld,
  InvalidationLost,
  InvalidationIgnored,
  ReplicaBehind,
  L1Copy,
}

const enum Flag {
  StoredStale = 1,
  /** A message about a newer version was sent to the region since the store. */
  NewerSent = 2,
  NewerLost = 4,
  NewerDelivered = 8,
  /** Held at the region by a partition or a paused consumer. */
  NewerHeld = 16,
}

/** The newest version of each (region, key) that a message was sent, delivered, lost or held about (invalidated L1s only). */
interface NewestMessages {
  sent: Int32Array;
  delivered: Int32Array;
  lost: Int32Array;
  held: Int32Array;
}

export class StaleCauses {
  private readonly flags: Uint8Array;
  private readonly newest: NewestMessages | null;

  constructor(
    regions: number,
    private readonly keys: number,
    /** The version `region`'s cache holds of `key` now, or -1 (its owner already keeps it). */
    private readonly cachedVersion: (region: number, key: number) => number,
    /** Whether the strategy's L1s hear the invalidations (false without L1s). */
    l1sInvalidated = false,
  ) {
    this.flags = new Uint8Array(regions * keys);
    const cells = () => new Int32Array(regions * keys);
    this.newest = l1sInvalidated ? { sent: cells(), delivered: cells(), lost: cells(), held: cells() } : null;
  }

  /** The region's cache stored a version of `key`; `stale`: older than the latest committed. */
  stored(region: number, key: number, stale: boolean): void {
    this.flags[region * this.keys + key] = stale ? Flag.StoredStale : 0;
  }

  /** A message about `version` was sent to the region. */
  sent(region: number, key: number, version: number): void {
    this.markIfNewer(region, key, version, Flag.NewerSent);
    if (this.newest) raise(this.newest.sent, region * this.keys + key, version);
  }

  lost(region: number, key: number, version: number): void {
    this.markIfNewer(region, key, version, Flag.NewerLost);
    if (this.newest) raise(this.newest.lost, region * this.keys + key, version);
  }

  held(region: number, key: number, version: number): void {
    this.markIfNewer(region, key, version, Flag.NewerHeld);
    if (this.newest) raise(this.newest.held, region * this.keys + key, version);
  }

  /** Told before the strategy acts on it: if the entry survives, the cache ignored it. */
  delivered(region: number, key: number, version: number): void {
    this.markIfNewer(region, key, version, Flag.NewerDelivered);
    if (this.newest) raise(this.newest.delivered, region * this.keys + key, version);
  }

  /** What happened to a message matters only if it is about a version newer than the entry. */
  private markIfNewer(region: number, key: number, version: number, flag: Flag): void {
    const cached = this.cachedVersion(region, key);
    if (cached >= 0 && version > cached) this.flags[region * this.keys + key] |= flag;
  }

  /** Why a stale read of `version` of `key` in `region`, served from `source`, was stale. */
  cause(region: number, key: number, source: ReadSource, version: number): StaleCause {
    if (source === ReadSource.L1) return this.newest ? invalidatedL1Cause(this.newest, region * this.keys + key, version) : StaleCause.L1Copy;
    if (source !== ReadSource.Cache) return StaleCause.ReplicaBehind;
    const flags = this.flags[region * this.keys + key];
    if (flags & Flag.StoredStale) return StaleCause.StoredStale;
    if (flags & Flag.NewerDelivered) return StaleCause.InvalidationIgnored;
    if (flags & Flag.NewerLost) return StaleCause.InvalidationLost;
    if (flags & Flag.NewerHeld) return StaleCause.InvalidationHeld;
    if (flags & Flag.NewerSent) return StaleCause.InvalidationLate;
    return StaleCause.NotInvalidated;
  }
}

function raise(newest: Int32Array, cell: number, version: number): void {
  if (version > newest[cell]) newest[cell] = version;
}

/** Why an L1 that invalidations reach served `version` stale: by what became of the messages about newer versions. */
function invalidatedL1Cause(newest: NewestMessages, cell: number, version: number): StaleCause {
  // One went by, yet the L1 has the old value: it was stored after (a fill that raced the write).
  if (newest.delivered[cell] > version) return StaleCause.StoredStale;
  if (newest.lost[cell] > version) return StaleCause.InvalidationLost;
  if (newest.held[cell] > version) return StaleCause.InvalidationHeld;
  if (newest.sent[cell] > version) return StaleCause.InvalidationLate;
  return StaleCause.NotInvalidated;
}
