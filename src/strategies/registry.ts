/**
 * The one list of strategy presets. The CLI (`cache-sim strategies`), scenario validation
 * (names and option schemas) and the model (which mechanisms to switch on) all read it.
 */
import { z } from 'zod';
import { whenClean } from '../scenario/schema-values.js';
import { formatMs } from '../scenario/units.js';
import { booleanOption, countOption, durationOption, wordOption } from './options.js';
import { PLAIN_PARTS, type StrategyParts, type VersionSource } from './parts.js';
import { groupThousands } from '../util/thousands.js';

export interface Preset {
  name: string;
  /** One paragraph: what it does. */
  summary: string;
  /** What it promises, in terms of the metrics. */
  guarantees: string;
  /** What it costs: messages, database load, latency. */
  costs: string;
  /** Preset-specific options a strategy entry may set (besides `cache`); defaults filled by the schema. */
  options: z.ZodObject;
  /** The mechanisms this preset switches on, given its validated options. */
  parts(options: Record<string, unknown>): StrategyParts;
}

const noOptions = z.object({}).strict();

/** Delayed double delete, for the presets that delete through the bus. */
const deleteAgainOption = {
  delete_again_after: durationOption(
    0,
    'delayed double delete: send each delete once more this long after the first (0: never), to remove what a refill from a lagging replica stored in between; it works when this is longer than the replication lag',
  ),
};

const versionedOptions = z
  .object({
    version_source: wordOption(
      ['counter', 'timestamp', 'hlc'],
      'counter',
      'a version source',
      'where version stamps come from: the commit counter, the writer region wall clock, or a hybrid logical clock',
    ),
  })
  .strict();

/** Every retry and poll is an event: how many one read may make, so that a run always ends in useful time. */
const MOST_REPEATS = 100_000;
/**
 * The shortest wait between a read's retries or polls: shorter, adding it to the clock of a
 * long run would not move it (a float's spacing near 100000h is about 0.06 µs), and the read
 * would repeat at one instant forever.
 */
const LEAST_REPEAT_MS = 0.001;

const leaseOptions = z
  .object({
    ...deleteAgainOption,
    lease_ttl: durationOption(2_000, 'how long a lease stays valid if its holder never fills'),
    retry_after: durationOption(10, 'how long a client refused a lease waits before asking again'),
    max_retries: countOption(50, 'refusals after which a client reads the database without a lease (and does not fill)', MOST_REPEATS),
  })
  .strict()
  // Without retries the wait is unused.
  .refine((o) => o.max_retries === 0 || o.retry_after >= LEAST_REPEAT_MS, {
    ...whenClean,
    path: ['retry_after'],
    error: (issue) =>
      `${formatMs((issue.input as { retry_after: number }).retry_after)} would retry at one instant; allowed: with max_retries above 0, at least 1us`,
  })
  // A lease that ends as it is granted voids every fill: the strategy would cache nothing.
  .refine((o) => o.lease_ttl > 0, { ...whenClean, path: ['lease_ttl'], error: 'a lease of 0 ends as it is granted, so every fill would be refused; allowed: a duration above 0' });

const sessionTokenOptions = z
  .object({
    on_behind: wordOption(['primary', 'wait'], 'primary', 'a way to wait', 'when the replica is behind the token: read the primary, or poll the replica'),
    poll: durationOption(50, 'with on_behind: wait, how often the replica is asked again'),
    max_wait: durationOption(1_000, 'with on_behind: wait, how long before giving up and reading the primary'),
  })
  .strict()
  // Every poll is an event: a poll too short to move the clock would repeat at one instant
  // forever, and a million polls per read would not let a run end in useful time. Without waiting, poll is unused.
  .refine((o) => o.on_behind !== 'wait' || (o.poll >= LEAST_REPEAT_MS && o.max_wait / o.poll <= MOST_REPEATS), {
    ...whenClean,
    path: ['poll'],
    error: (issue) => {
      const o = issue.input as { poll: number; max_wait: number };
      const allowed = `allowed: with on_behind: wait, a poll of at least 1us and ≥ max_wait / ${groupThousands(MOST_REPEATS)} (${formatMs(o.max_wait / MOST_REPEATS)} here)`;
      if (o.poll < LEAST_REPEAT_MS) return `${formatMs(o.poll)} would poll the replica at one instant forever; ${allowed}`;
      return `${formatMs(o.poll)} polls up to ${groupThousands(Math.floor(o.max_wait / o.poll))} times a read within max_wait ${formatMs(o.max_wait)}; ${allowed}`;
    },
  });

const writeUpdateOptions = z
  .object({
    update: wordOption(['present', 'all'], 'present', 'an update scope', 'which caches take an update: only those holding the key, or every cache (warming them all)'),
    keep_newer: booleanOption(true, 'an update never replaces a newer cached version; false: the last to arrive wins, so a late update rolls a cache back'),
  })
  .strict();

const changeStreamOptions = z
  .object({
    tail_delay: durationOption(0, 'how long after a replica applies a write its change-stream tailer acts on the local cache'),
  })
  .strict();

export const presets: readonly Preset[] = [
  {
    name: 'ttl',
    summary: 'Cache-aside with expiry only: a miss reads the refill source and stores the value for the TTL; writes send nothing.',
    guarantees:
      "Staleness of a cache hit is bounded by the TTL, as the cache's own clock measures it (plus replica lag when refilling from a replica): a clock that jumps back or drifts slow stretches it, and stale_while_revalidate serves past it while the refresh runs.",
    costs: 'No messages. Database reads grow as the TTL shrinks; every write is invisible to readers until expiry.',
    options: noOptions,
    parts: () => PLAIN_PARTS,
  },
  {
    name: 'pubsub',
    summary:
      'Cache-aside plus invalidation: after each commit a "delete key" message goes through the bus to every region, whose cache drops the entry; the TTL stays as a safety net for lost messages.',
    guarantees:
      'Staleness is bounded by the bus delay when no message is lost and no refill races the delete; otherwise it falls back to the TTL bound. A lost or late message, a refill that read the old value just before the write and stores it after the delete arrived, or a refill from a lagging replica each leave the old value cached until the next delete or expiry.',
    costs:
      'One message per write per region (two with delete_again_after). A delete that overtakes replication lets a lagging replica refill the old value (a stale refill); a second delete after the lag removes it.',
    options: z.object(deleteAgainOption).strict(),
    parts: (o) => ({ ...PLAIN_PARTS, invalidation: 'delete', resendAfterMs: o.delete_again_after as number }),
  },
  {
    name: 'versioned',
    summary:
      'Invalidations and entries carry the version: a message deletes only older entries, and each cache remembers the newest version it has heard of per key, refusing older fills and sending such reads on to the primary.',
    guarantees:
      'No cache replaces a newer value by an older one, and once a region has heard of a version it never serves or stores an older one: stale refills from lagging replicas are refused. A region cut off from the primary under network.on_unreachable: serve-stale (the default) still serves the older value its replica holds. With version_source: timestamp, clock skew between writers can order versions wrongly (newer writes refused or ignored), and so can latency with no skew at all (a write issued first from a region far from the primary commits last, with the older stamp); hlc and counter keep commit order.',
    costs: 'One message per write per region, one number per key per region for the floor, and primary reads while a replica lags behind what the cache has heard.',
    options: versionedOptions,
    parts: (o) => ({ ...PLAIN_PARTS, invalidation: 'versioned', versionSource: o.version_source as VersionSource }),
  },
  {
    name: 'lease',
    summary:
      'Memcache-style leases on top of delete invalidation: on a miss one client per key gets a lease token and refills; the others wait and retry instead of stampeding the database; a delete voids the token, so a fill that raced an invalidation is refused.',
    guarantees: 'No fill that raced an invalidation is stored (no stale set after a delete), and one leased database read per key per region at a time (no thundering herd), except that a delete voids the lease of a read in flight (its fill is then refused) and a new lease is granted beside it; a client out of retries reads without one.',
    costs: 'Waiting clients pay retry latency; refused fills (shown as refused_fills) mean more misses. Stale values from a lagging replica read after the delete can still be stored.',
    options: leaseOptions,
    parts: (o) => ({
      ...PLAIN_PARTS,
      invalidation: 'delete',
      lease: { leaseTtlMs: o.lease_ttl as number, retryAfterMs: o.retry_after as number, maxRetries: o.max_retries as number },
      resendAfterMs: o.delete_again_after as number,
    }),
  },
  {
    name: 'session-token',
    summary:
      'Delete invalidation plus a per-session token: each session carries, per key, the highest version it has written or read; a cached or replica value below it is not returned, and the read goes to the primary (or waits for the replica).',
    guarantees:
      'Read-your-writes and monotonic reads for every session (zero ryw_violations and monotonic_violations), as long as the primary can be reached; cut off from it, a read its region\'s replica is too far behind for fails (failed_reads) rather than break them, even under network.on_unreachable: serve-stale.',
    costs: 'Cross-region reads to the primary (db_reads.primary, read latency) whenever a session is ahead of its region; other sessions still see stale data.',
    options: sessionTokenOptions,
    parts: (o) => ({
      ...PLAIN_PARTS,
      invalidation: 'delete',
      sessionToken: { onBehind: o.on_behind as 'primary' | 'wait', pollMs: o.poll as number, maxWaitMs: o.max_wait as number },
    }),
  },
  {
    name: 'write-update',
    summary:
      'After each commit a message carrying the new value goes through the bus to every region, whose cache stores it (with a fresh TTL) instead of dropping its entry: readers keep hitting, and see the write once it arrives. The TTL stays as a safety net for lost messages.',
    guarantees:
      'Like pubsub, staleness is bounded by the bus delay when no message is lost, but hot keys stay cached through writes (a higher hit ratio, fewer database reads). With keep_newer (the default) no update replaces a newer value by an older one; without it, a late or duplicated update rolls a cache back until the next write or the TTL.',
    costs:
      "One message per write per region, each carrying the value; with update: all, every region caches every written key whether it is read there or not. A refill from a lagging replica can still store an old value after the update (a stale refill).",
    options: writeUpdateOptions,
    parts: (o) => ({ ...PLAIN_PARTS, invalidation: 'update', update: { scope: o.update as 'present' | 'all', keepNewer: o.keep_newer as boolean } }),
  },
  {
    name: 'cdc',
    summary:
      "Invalidation from each region's change stream (change data capture, as memcache's McSqueal): a tailer beside every replica sees each write as that replica applies it (the primary region's, at commit) and deletes the key from the local cache. No bus; the TTL stays as a safety net.",
    guarantees:
      "The delete never overtakes replication, so a refill after it reads at least the version that caused it (pubsub's stale refill from a lagging replica cannot happen), and a region's cache falls behind its own replica only for tail_delay (plus a refill in flight as the replica catches up). No message can be lost or held by a bus partition.",
    costs:
      'No bus messages (the change stream rides on replication), but a region hears of a write only when its replica applies it: staleness follows replication lag, so with refill_from: primary it can be worse than pubsub.',
    options: changeStreamOptions,
    parts: (o) => ({ ...PLAIN_PARTS, invalidation: 'delete', changeStream: { tailDelayMs: o.tail_delay as number, remoteMarkers: false } }),
  },
  {
    name: 'remote-marker',
    summary:
      "cdc plus remote markers (memcache's answer for writes outside the primary region): such a write first marks the key in its own region and deletes it there; while the mark stands, that region's reads of the key go to the primary and fill nothing; the change stream lifts the mark when the local replica applies the write.",
    guarantees:
      "Read-your-writes for sessions outside the primary region as well as in it, as long as the primary can be reached (and L1s, if any, hear the invalidations): exactly with zero local latency and tail_delay; otherwise a write from the primary region (which marks nothing) leaves the old value servable there until the change stream deletes it, and a refill in flight as the mark is lifted can slip an older value in. Everything cdc guarantees.",
    costs:
      "Cross-region reads to the primary (db_reads.primary, read latency) for every read of a key just written from the region, until its replica catches up; one mark per (region, key).",
    options: changeStreamOptions,
    parts: (o) => ({ ...PLAIN_PARTS, invalidation: 'delete', changeStream: { tailDelayMs: o.tail_delay as number, remoteMarkers: true } }),
  },
  {
    name: 'no-cache',
    summary: 'No cache at all: every read goes to the refill source (the local replica, or the primary). The baseline the others are measured against.',
    guarantees:
      "The database's own staleness: none with refill_from: primary (a read sees every write committed before it reaches the primary, so read-your-writes and monotonic reads hold too) while the primary can be reached (network.on_unreachable: serve-stale reads the region's replica when it cannot), replication lag with refill_from: replica.",
    costs: 'Every read is a database read (db_reads) and pays its round trip (read_latency_ms); hit_ratio is 0.',
    options: noOptions,
    parts: () => ({ ...PLAIN_PARTS, caching: false }),
  },
];

const byName = new Map(presets.map((p) => [p.name, p]));

export const presetNames: readonly string[] = presets.map((p) => p.name);

export function findPreset(name: string): Preset | undefined {
  return byName.get(name);
}
