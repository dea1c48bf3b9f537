/**
 * Memcache-style leases (Nishtala et al., NSDI'13): on a miss the cache hands out one token
 * per key at a time. Only the holder reads the database and fills; other missers wait and
 * ask again, so a hot key's expiry sends one read to the database, not a stampede. A delete
 * voids the outstanding token, so a holder whose value raced the invalidation cannot store
 * it. Tokens expire, so a holder that never returns does not block the key for ever.
 */
import type { LeaseSettings } from '../parts.js';
import { FillRefusal } from '../../model/observer.js';

/** What `acquire` returns to a client that must wait. */
export const LEASE_DENIED = -1;
/** The token of a read that gave up waiting: it may read but never fill. */
export const NO_LEASE = 0;

export class Leases {
  private readonly tokens: Int32Array;
  private readonly expiries: Float64Array;
  private nextToken = 1;

  constructor(
    readonly settings: LeaseSettings,
    private readonly keys: number,
    regions: number,
  ) {
    this.tokens = new Int32Array(regions * keys);
    this.expiries = new Float64Array(regions * keys);
  }

  /** A token for the caller, or LEASE_DENIED while another holder's lease is valid. */
  acquire(region: number, key: number, now: number): number {
    const cell = region * this.keys + key;
    if (this.tokens[cell] !== NO_LEASE && this.expiries[cell] > now) return LEASE_DENIED;
    const token = this.nextToken++;
    this.tokens[cell] = token;
    this.expiries[cell] = now + this.settings.leaseTtlMs;
    return token;
  }

  /** The key was invalidated: any outstanding token is void. */
  voidLease(region: number, key: number): void {
    this.tokens[region * this.keys + key] = NO_LEASE;
  }

  /** A fill carrying `token` may store only if that token is still the outstanding, unexpired one; it is used up either way. */
  redeem(region: number, key: number, token: number, now: number): FillRefusal {
    const cell = region * this.keys + key;
    if (token === NO_LEASE || this.tokens[cell] !== token) return FillRefusal.LeaseVoided;
    this.tokens[cell] = NO_LEASE;
    return this.expiries[cell] > now ? FillRefusal.None : FillRefusal.LeaseExpired;
  }
}
