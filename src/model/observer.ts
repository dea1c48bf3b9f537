/**
 * What the model reports as it runs. The model never prints or computes metrics: it tells
 * an observer what happened, and checkers (src/metrics) or tracers (one key's story) fold
 * these observations into results. Times are true simulated times in milliseconds.
 */

/**
 * What the checkers can tell the model in return (optional): how old a copy can still be,
 * so the model forgets client and strategy state that no copy can make matter any more, and
 * its memory follows what is at risk, not the length of the run.
 */
export interface Hindsight {
  /** The oldest version of `key` a read by `session` could still be served from now on. */
  servedAtLeast(session: number, key: number): number;
  /** The oldest version of `key` any copy holds or has on its way to a cache: cache entries, replicas, database reads to fill. */
  oldestCopy(key: number): number;
}

/** Where a read's value came from. */
export const enum ReadSource {
  Cache = 0,
  Replica = 1,
  Primary = 2,
  /** The near cache (L1) in the client's own app server. */
  L1 = 3,
}

/** Why a cache refused a value offered to it (a refused fill), or None when it stored it. */
export const enum FillRefusal {
  None = 0,
  /** Leases: the fill's lease was voided (an invalidation came while it read) or replaced, or it had none. */
  LeaseVoided = 1,
  /** Leases: the fill's lease ran out before it came back. */
  LeaseExpired = 2,
  /** Remote markers: a write from the region marked the key while the value was read. */
  Marked = 3,
  /** Versioned: stamped older than a version the region has heard of (with timestamps, even a newer version may be). */
  OlderThanHeard = 4,
  /** Older than the entry the cache holds (versioned, or a write-update cache keeping the newer value). */
  OlderThanHeld = 5,
}

/** Why a read could not be served. */
export const enum ReadFailure {
  /** The database copy it needed was out of reach (`network.on_unreachable`: fail, or route with no region to relay through). */
  Unreachable = 0,
  /** Cut off from the primary, the region's replica was behind what the session has seen or written (session tokens). */
  BehindSession = 1,
}

/** What a miss was told when it asked for a lease (leases only). */
export const enum LeaseAnswer {
  /** It holds the lease: it reads the database and fills. */
  Granted = 0,
  /** Another read holds it: wait and ask the cache again. */
  Refused = 1,
  /** Out of retries: read the database without filling. */
  GaveUp = 2,
}

/** Why a cache entry stopped being servable. */
export const enum EntryEnd {
  Expired = 0,
  Invalidated = 1,
  Replaced = 2,
  Evicted = 3,
  Restarted = 4,
}

export interface Observer {
  /** A write from a client in `writerRegion` reached the primary and became version `version` of `key`. */
  commit(key: number, version: number, time: number, writerRegion: number): void;
  /** A write could not reach the primary (a network partition) and was not committed. */
  writeFailed(region: number, session: number, key: number, time: number): void;
  /** The writer's session received the acknowledgement of `version`. */
  writeAck(session: number, key: number, version: number, time: number): void;
  /** A replica made `version` visible. */
  replicaApply(region: number, key: number, version: number, time: number): void;
  /**
   * A read completed. `issued` is when the client asked (staleness is judged against
   * the truth at that instant, SPEC §4); `latencyMs` is how long the client waited.
   * `version` 0 means the key had never been written.
   */
  read(region: number, session: number, key: number, issued: number, latencyMs: number, version: number, source: ReadSource): void;
  /** A read could not be served at all (counted in `failed_reads`), and why. */
  readFailed(region: number, session: number, key: number, issued: number, why: ReadFailure): void;
  /** A database read, on behalf of a read in `region`, reached the primary or a replica. */
  databaseRead(region: number, source: ReadSource, time: number): void;
  /**
   * A miss's value from the database was offered to the region's cache; `refusal` says which
   * guard refused it (`FillRefusal.None`: stored). `readAt` is when the database was read (what
   * the value may have raced).
   */
  fill(region: number, key: number, version: number, time: number, refusal: FillRefusal, readAt: number): void;
  /** A miss in `region` asked for a lease on `key` and was answered (leases only). */
  leaseAnswered(region: number, key: number, time: number, answer: LeaseAnswer): void;
  /** A database read whose value is on its way to a cache (for convergence: it may still store `version`). */
  fillInFlight(key: number, version: number): void;
  /** The in-flight value announced by `fillInFlight` landed (stored or not). */
  fillLanded(key: number, version: number): void;
  /**
   * A hit on `version` past its TTL (stale-while-revalidate) made the app server start
   * refreshing the regional cache of `region` in the background.
   */
  refreshStarted(region: number, key: number, version: number, time: number): void;
  /**
   * A cache now holds `version` of `key`. `cache` numbers every cache of the run: a region's
   * regional cache has the region's number, L1s come after them (see cacheIds). From
   * `servableUntil` on (true time; Infinity for an entry that never expires) the entry can
   * never be served again, even if it ends only when next looked at (expiry is lazy): its
   * `entryEnd` will then say that time.
   */
  stored(cache: number, region: number, key: number, version: number, time: number, servableUntil: number): void;
  /** The entry holding `version` in `cache` (in `region`) stopped being servable at `time`. */
  entryEnd(cache: number, region: number, key: number, version: number, time: number, why: EntryEnd): void;
  /** A message was handed to the bus for `region`. */
  messageSent(region: number, key: number, version: number, time: number): void;
  messageDelivered(region: number, key: number, version: number, time: number): void;
  /** The bus will deliver this message a second time. */
  messageDuplicated(region: number, key: number, version: number, time: number): void;
  /**
   * `attempts` delivery attempts were lost, leaving at `time`, `time + everyMs`, … (more than
   * one while every attempt is lost: a cut, a loss of 1); `retried`: at-least-once sends it
   * again after the last (it is late, not gone).
   */
  messageLost(region: number, key: number, version: number, time: number, retried: boolean, attempts: number, everyMs: number): void;
  /** A delivery reached a region whose consumer cannot take it (a retaining partition, a paused consumer): held until released. */
  messageHeld(region: number, key: number, version: number, time: number): void;
}
