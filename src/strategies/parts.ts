/**
 * A strategy is a composition of shared mechanisms. A preset declares which pieces it
 * uses and with what settings; `composeStrategy` runs each piece (src/strategies/mechanisms/)
 * at its hook. Presets never copy a mechanism: they switch it on.
 */

/** What a committed write sends through the bus to every region's cache. */
export type Invalidation =
  /** Nothing: caches learn of writes only when their TTL runs out. */
  | 'none'
  /** "Delete key k": the receiving cache drops its entry, whatever version it holds. */
  | 'delete'
  /** "Key k is now at version v": only older entries go, and the cache remembers v as a floor. */
  | 'versioned';

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

export interface StrategyParts {
  invalidation: Invalidation;
  versionSource: VersionSource;
  lease: LeaseSettings | null;
  sessionToken: SessionTokenSettings | null;
}

export const PLAIN_PARTS: StrategyParts = { invalidation: 'none', versionSource: 'counter', lease: null, sessionToken: null };
