/**
 * A strategy is a composition of shared mechanisms. A preset declares which pieces it
 * uses and with what settings; `Strategy` (strategy.ts) runs each piece (src/strategies/mechanisms/)
 * at its hook. Presets never copy a mechanism: they switch it on.
 */

/** What a committed write sends through the bus to every region's cache. */
export type Invalidation =
  /** Nothing: caches learn of writes only when their TTL runs out. */
  | 'none'
  /** "Delete key k": the receiving cache drops its entry, whatever version it holds. */
  | 'delete'
  /** "Key k is now at version v": only older entries go, and the cache remembers v as a floor. */
  | 'versioned'
  /** "Key k is now v", with the value: the receiving cache stores it instead of dropping its entry. */
  | 'update';

/** How a cache applies an update message (write-update). */
export interface UpdateSettings {
  /** `present`: only caches holding the key take the new value; `all`: every cache stores it. */
  scope: 'present' | 'all';
  /** An update never replaces a newer cached version (false: the last to arrive wins, so a late one rolls back). */
  keepNewer: boolean;
}

/**
 * Where the versions that caches compare come from: the database's commit counter (always
 * right), the writer's wall clock (breaks under clock skew), or a hybrid logical clock
 * merged at the primary (clock-like values that still respect commit order).
 */
export type VersionSource = 'counter' | 'timestamp' | 'hlc';

export interface LeaseSettings {
  /** How long a lease stays valid if its holder never fills. */
  leaseTtlMs: number;
  /** How long a client that was refused a lease waits before asking the cache again. */
  retryAfterMs: number;
  /** After this many refusals the client reads the database without a lease (and does not fill). */
  maxRetries: number;
}

export interface SessionTokenSettings {
  /** When the replica is behind the token: read the primary, or poll the replica. */
  onBehind: 'primary' | 'wait';
  pollMs: number;
  /** Polling gives up and reads the primary after this long. */
  maxWaitMs: number;
}

/**
 * Invalidation from each region's change stream (change data capture) instead of the bus: a
 * tailer beside every region's replica sees each write as the replica applies it (the primary
 * region's, at commit) and acts on the local cache `tailDelayMs` later.
 */
export interface ChangeStreamSettings {
  tailDelayMs: number;
  /** Remote markers on writes from outside the primary region (remote-markers.ts). */
  remoteMarkers: boolean;
}

export interface StrategyParts {
  /** False: no cache at all; every read goes to the database (a baseline). */
  caching: boolean;
  invalidation: Invalidation;
  /** Null: invalidations travel the bus after each commit. */
  changeStream: ChangeStreamSettings | null;
  versionSource: VersionSource;
  /** With `invalidation: 'update'`. */
  update: UpdateSettings | null;
  lease: LeaseSettings | null;
  sessionToken: SessionTokenSettings | null;
  /**
   * Delayed double delete: the bus message of each commit goes out once more this long after
   * the first (0: once only), to catch a refill from a lagging replica that raced the first.
   */
  resendAfterMs: number;
}

export const PLAIN_PARTS: StrategyParts = {
  caching: true,
  invalidation: 'none',
  changeStream: null,
  versionSource: 'counter',
  update: null,
  lease: null,
  sessionToken: null,
  resendAfterMs: 0,
};
