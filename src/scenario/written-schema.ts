/**
 * The scenario as written (SPEC §2): snake_case keys, units as strings, every optional key
 * optional. One zod schema serves three readers: validation (messages built here say what
 * is wrong and what is allowed), the TypeScript type of a validated scenario, and the JSON
 * Schema for editors. It holds no defaults and no transforms — normalise.ts fills and
 * converts — so the JSON Schema describes exactly what may be typed.
 */
import { z } from 'zod';
import { presetNames } from '../strategies/registry.js';
import { CONDITION_PATTERN, parseCondition } from './condition.js';
import { DEFAULTS } from './defaults.js';
import {
  distribution,
  duration,
  exactlyOneKey,
  hasExactlyOne,
  integerFrom,
  type Most,
  list,
  map,
  numberFrom,
  positiveDuration,
  presetName,
  probability,
  regionName,
  regionRef,
  signedDuration,
  strategyName,
  ttlSchema,
  word,
} from './schema-values.js';
import { type Customiser, says } from './messages.js';
import { PERCENT_PATTERN } from './units.js';
import { listOf } from './wording.js';

/** A clock's rate is 1 + drift/10⁶: at -10⁶ or below it would stand still or run backwards. */
function driftPpm() {
  const customiser = says('a drift', 'a number of parts per million above -1000000 (may be negative)');
  return z.number(customiser).gt(-1_000_000, customiser);
}

const clockSchema = map('a clock', {
  skew: signedDuration.optional().describe('Offset from true time; may be negative. Default: 0.'),
  drift_ppm: driftPpm()
    .optional()
    .describe('Rate error in parts per million, above -1000000 (the clock must move forward). Default: 0.'),
  jumps: z
    .array(
      map('a clock jump', { at: duration.describe('When, in true (simulated) time.'), by: signedDuration.describe('How far the clock steps: forward, or back when negative.') }),
      says('a list of jumps', 'a list of {at, by}'),
    )
    .optional()
    .describe('Step changes: at true time `at`, the clock moves by `by`. Default: none.'),
});

const regionSchema = map('a region', {
  name: regionName().describe('Region name, used by weights, links, faults, expectations and reports.'),
  primary: z
    .boolean(says('true or false', 'true or false'))
    .optional()
    .describe('The region holding the primary database. Exactly one region is primary. Default: false.'),
  replica_lag: distribution.optional().describe('Replication lag of this region’s replica. Default: 0.'),
  clock: clockSchema.optional().describe('Clock skew, drift and jumps. Default: a perfect clock.'),
});

const networkSchema = map('a network section', {
  local_latency: distribution.optional().describe(`One-way latency inside a region. Default: ${DEFAULTS.localLatency}.`),
  default_latency: distribution.optional().describe(`One-way latency between regions. Default: ${DEFAULTS.defaultLatency}.`),
  links: z
    .record(z.string(), distribution, says('a map of links', 'a map from "a<->b" to a latency distribution'))
    .optional()
    .describe('Per-pair latency overrides, symmetric, keyed "a<->b".'),
  on_unreachable: word('an unreachable policy', ['serve-stale', 'fail', 'route'])
    .optional()
    .describe(`What a region does with a read it cannot serve during a network partition. Default: ${DEFAULTS.onUnreachable}.`),
});

const busSchema = map('a bus section', {
  delay: distribution.optional().describe(`Delivery delay of one message to one region. Default: ${DEFAULTS.busDelay}.`),
  loss: probability().optional().describe('Probability that one delivery is lost. Default: 0.'),
  duplicate: probability().optional().describe('Probability that a delivery happens twice. Default: 0.'),
  delivery: word('a delivery mode', ['at-least-once', 'at-most-once'])
    .optional()
    .describe(`at-most-once: a lost delivery is gone; at-least-once: it is sent again after redelivery_timeout. Default: ${DEFAULTS.delivery}.`),
  redelivery_timeout: positiveDuration
    .optional()
    .describe(`at-least-once: a lost delivery is retried after this long. Default: ${DEFAULTS.redeliveryTimeout}.`),
  on_partition: word('a partition policy', ['retain', 'drop'])
    .optional()
    .describe(`retain: held and delivered on heal; drop: lost. Default: ${DEFAULTS.onPartition}.`),
});

const weights = () =>
  z.record(
    z.string(),
    numberFrom(0, 'a weight'),
    says('a map of weights', 'a map from region name to a weight ≥ 0'),
  );

const popularitySchema = () => {
  const customiser = says('a popularity', 'uniform or {zipf: s} with s ≥ 0');
  const zipf = numberFrom(0, 'a zipf exponent').describe('The key of rank k (0 the most popular) is chosen in proportion to 1/(k+1)^s; 0 is uniform.');
  return z.union([z.literal('uniform', customiser), map('a popularity', { zipf })], customiser);
};

/**
 * The model keeps per-key state in typed arrays and names a (session, key) pair by one exact
 * integer: these bounds keep every index and pair id exact (and memory within reach: about
 * 60 bytes per key per run).
 */
const MOST_KEYS: Most = { value: 100_000_000, said: '100 million' };
const MOST_SESSIONS: Most = { value: 10_000_000, said: '10 million' };

const workloadSchema = map('a workload section', {
  keys: integerFrom(1, 'a key count', MOST_KEYS).describe('Number of distinct keys.'),
  popularity: popularitySchema().optional().describe('Key popularity: uniform or {zipf: s}. Default: uniform.'),
  reads_per_second: numberFrom(0, 'a rate').describe('Reads per second, all regions together (Poisson).'),
  writes_per_second: numberFrom(0, 'a rate').optional().describe('Writes per second (Poisson). Default: 0.'),
  read_regions: weights().optional().describe('Share of reads per region; unlisted regions get 0. Default: even.'),
  write_regions: weights().optional().describe('Share of writes per region; unlisted regions get 0. Default: even.'),
  sessions: integerFrom(1, 'a session count', MOST_SESSIONS).optional().describe(`Client sessions. Default: ${DEFAULTS.sessions}.`),
});

/** Entry counts per cache: a whole number, or no bound. */
function capacitySchema() {
  const capacity = says('a capacity', 'an integer ≥ 1 or unbounded');
  return z.union([z.number(capacity).int(capacity).min(1, capacity), z.literal('unbounded', capacity)], capacity);
}

/** A near cache in each app server, in front of the region's cache; `none` switches a default one off. */
const MOST_L1_HOSTS: Most = { value: 10_000, said: '10,000' };

function l1Schema() {
  const customiser = says('an L1 cache', 'none or a map with keys hosts, ttl, capacity, invalidated');
  return z.union(
    [
      z.literal('none', customiser),
      map('an L1 cache', {
        hosts: integerFrom(1, 'a host count', MOST_L1_HOSTS).optional().describe(`App servers per region, each with its own L1; sessions are spread over them. Default: ${DEFAULTS.l1Hosts}.`),
        ttl: ttlSchema().optional().describe(`How long an L1 serves its copy, on its region's clock. Default: ${DEFAULTS.l1Ttl}.`),
        capacity: capacitySchema().optional().describe('Entries per app server, LRU beyond it. Default: unbounded.'),
        invalidated: z
          .boolean(says('true or false', 'true or false'))
          .optional()
          .describe(`Whether the strategy's invalidations reach the L1s too (false: they only expire). Default: ${DEFAULTS.l1Invalidated}.`),
      }),
    ],
    customiser,
  );
}

function cacheSchema() {
  const jitter = says('a TTL jitter', 'a fraction from 0 to 1 or a percentage like 10%');
  return map('a cache section', {
    ttl: ttlSchema().optional().describe(`How long the cache serves an entry after storing it, on its region's clock; infinite: until evicted or invalidated. Default: ${DEFAULTS.ttl}.`),
    ttl_jitter: z
      .union([z.number(jitter).min(0, jitter).max(1, jitter), z.string(jitter).regex(new RegExp(PERCENT_PATTERN), jitter)], jitter)
      .optional()
      .describe('Each fill’s TTL is drawn from ttl·(1 ± jitter). Default: 0.'),
    stale_while_revalidate: duration
      .optional()
      .describe(
        'After an entry’s TTL, for this long more it is still served (a hit), and the first read to get it makes the app server refresh it in the background from where misses read (once per key at a time). Default: 0 (off).',
      ),
    capacity: capacitySchema().optional().describe('Entries per region, LRU beyond it. Default: unbounded.'),
    refill_from: word('a refill source', ['replica', 'primary'])
      .optional()
      .describe(`Where a miss reads from. Default: ${DEFAULTS.refillFrom}.`),
    l1: l1Schema()
      .optional()
      .describe('A near cache (L1) in each app server, in front of this regional cache (L2): asked first, filled with what the client gets. Default: none.'),
  });
}

/** Preset options are open here: each preset's own schema checks them (rules-strategies.ts). */
const strategyVariantSchema = z.looseObject(
  {
    name: strategyName().describe('Display and result name.'),
    use: presetName().optional().describe('The preset this variant is based on. Default: the name.'),
    cache: cacheSchema().optional().describe('Overrides of the top-level cache settings.'),
  },
  says('a strategy', `a preset name (${listOf(presetNames)}) or a map {name, use, cache, ...options}`),
);

const strategySchema = () => {
  const customiser = says('a strategy', `a preset name (${listOf(presetNames)}) or a map {name, use, cache, ...options}`);
  return z.union([presetName(), strategyVariantSchema], customiser);
};

const FAULT_KINDS = [
  'partition',
  'network_partition',
  'replica_lag',
  'replication_pause',
  'cache_restart',
  'bus_loss',
  'consumer_pause',
] as const;

/** The one fault that is an instant, not a window. */
const INSTANT_FAULTS: readonly string[] = ['cache_restart'];

const FAULT_WORDING = `a map {at, for, KIND: {...}} with exactly one KIND of ${listOf(FAULT_KINDS)}`;

/** A list of the wrong length is told its length (`[eu-west]`: one region), not only that it is no pair. */
const regionPairSays: Customiser = {
  error: (issue) => {
    const allowed = 'a list [a, b] of two region names';
    if (!Array.isArray(issue.input)) return says('a region pair', allowed).error(issue);
    const n = issue.input.length;
    return `a list of ${n} ${n === 1 ? 'item' : 'items'} is not a region pair; allowed: ${allowed}`;
  },
};

function faultSchema() {
  const inRegion = (noun: string) => map(noun, { region: regionRef().describe('The region it happens in.') });
  const customiser = says('a fault', FAULT_WORDING);
  return z
    .strictObject(
      {
        at: duration.describe('Start, in simulated time.'),
        for: positiveDuration.optional().describe('Length of the window (every fault but cache_restart).'),
        partition: map('a partition', {
          region: regionRef().describe('The region cut off.'),
          from: word('a partition side', ['bus', 'primary', 'both'])
            .optional()
            .describe('bus: its deliveries are held (or dropped, per bus.on_partition); primary: replication to it is held; both. Default: bus.'),
        })
          .optional()
          .describe('Cuts a region off from the bus, from the primary, or both, for the window.'),
        network_partition: map('a network partition', {
          between: z.tuple([regionRef(), regionRef()], regionPairSays).describe('The two regions.'),
        })
          .optional()
          .describe('Two regions cannot reach each other: replication and deliveries across are held or dropped; writes that cannot reach the primary fail.'),
        replica_lag: map('a replica lag fault', { region: regionRef().describe('The region whose replica lags.'), lag: distribution.describe('Replication lag in the window.') })
          .optional()
          .describe("Writes committed in the window reach the region's replica after a lag drawn from `lag`."),
        replication_pause: inRegion('a replication pause').optional().describe("The region's replica applies nothing in the window, then everything in commit order."),
        cache_restart: inRegion('a cache restart').optional().describe("The region's cache loses every entry at `at` (no `for`)."),
        bus_loss: map('a bus loss fault', { loss: probability().describe('Probability that a delivery attempt in the window is lost.') })
          .optional()
          .describe('Delivery attempts leaving in the window are lost with probability `loss`.'),
        consumer_pause: inRegion('a consumer pause').optional().describe("The region's bus consumer stops; messages queue and all arrive when the window ends."),
      },
      customiser,
    )
    .refine(hasExactlyOne(FAULT_KINDS), exactlyOneKey('a fault', FAULT_KINDS, FAULT_WORDING));
}

/** The kind of a fault (its one key naming a kind). */
export function faultKind(fault: object): string {
  return Object.keys(fault).find((key) => (FAULT_KINDS as readonly string[]).includes(key)) ?? '';
}

/** Whether a fault has `for` exactly when its kind is a window (a rule tells which is wrong). */
export function windowMatchesKind(fault: object): boolean {
  return ('for' in fault) !== isInstantFault(fault);
}

export function isInstantFault(fault: object): boolean {
  return INSTANT_FAULTS.includes(faultKind(fault));
}

function conditionSchema() {
  const plain = says('a condition', 'a number, or "OP VALUE" with OP one of <, <=, >, >=, == and VALUE a number or a duration ("<= 2s")');
  // `regions: {eu-west: {reads: …}}`, or `--set expect.s.regions.eu-west.reads=…`: a per-region metric split at its dots.
  const nested = '; a per-region metric is one name, "regions.<region>.<metric>" (in --set, in double quotes: expect.<strategy>."regions.eu-west.reads"=…)';
  const customiser = {
    error: (issue: { input?: unknown }) => `${plain.error(issue)}${issue.input !== null && typeof issue.input === 'object' && !Array.isArray(issue.input) ? nested : ''}`,
  };
  // A number too large for a double (1e400) would compare as infinity: refused, written either way.
  const finite = (value: number | string) => Number.isFinite(parseCondition(value).value);
  return z.union([z.number(customiser), z.string(customiser).regex(new RegExp(CONDITION_PATTERN), customiser)], customiser).refine(finite, customiser);
}

/** A key of `expect:` (strategy or metric): anything but `__proto__`, which would vanish as a JS object key without a word. */
function expectKey(what: string) {
  const customiser = says(what, `a ${what} other than __proto__`);
  return z.string(customiser).refine((key) => key !== '__proto__', customiser);
}

// An empty section (every line under it commented out) is an empty one, not a mistake: `.nullable()`.
const expectSchema = z.record(
  expectKey('strategy name'),
  z.record(expectKey('metric name'), conditionSchema(), says('a map of conditions', 'a map from metric name to condition')).nullable(),
  says('an expect section', 'a map from strategy name to {metric: condition}'),
);

const TOP_LEVEL_KEYS = 'name, duration, regions, workload and optionally description, seed, warmup, network, bus, cache, strategies, faults, expect';

/**
 * Printed to terminals: an escape sequence in a name would restyle (or rewrite) the report,
 * and a bidirectional override would show its text in another order than it reads.
 */
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/;
const NO_CONTROL_BUT_LINES = /^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;

export const scenarioSchema = z
  .strictObject(
    {
      $schema: z.string(says('a schema reference', 'a path or URL')).optional().describe('For editors; ignored.'),
      name: z
        .string(says('a scenario name', 'a non-empty string without control characters or bidirectional overrides'))
        .min(1, says('a scenario name', 'a non-empty string without control characters or bidirectional overrides'))
        .regex(NO_CONTROL, says('a scenario name', 'a non-empty string without control characters or bidirectional overrides'))
        .describe('Scenario name, shown in every report.'),
      description: z
        .string(says('a description', 'a string without control characters or bidirectional overrides (line breaks and tabs are fine)'))
        .regex(NO_CONTROL_BUT_LINES, says('a description', 'a string without control characters or bidirectional overrides (line breaks and tabs are fine)'))
        .optional()
        .describe('What the scenario shows, in a few sentences; printed under its name in reports.'),
      seed: integerFrom(0, 'a seed', { value: Number.MAX_SAFE_INTEGER, said: '9007199254740991 (2^53 − 1)' }).optional().describe(`Root seed of every random stream. Default: ${DEFAULTS.seed}.`),
      duration: positiveDuration.describe('Simulated time to run.'),
      warmup: duration.optional().describe('Reads before this time are not measured. Default: 0.'),
      regions: list('a list of regions', 'a non-empty list of regions {name, primary, replica_lag, clock}', regionSchema).describe(
        'The regions, each with a cache and a copy of the database; exactly one holds the primary.',
      ),
      network: networkSchema.optional().describe('Latencies inside and between regions.'),
      bus: busSchema.optional().describe('The invalidation/update channel between regions.'),
      workload: workloadSchema.describe('Keys, reads, writes and the client sessions that make them.'),
      cache: cacheSchema().optional().describe('Cache settings every strategy starts from.'),
      strategies: list('a list of strategies', 'a non-empty list of preset names or variants', strategySchema())
        .optional()
        .describe('Strategies to compare. Default: every preset.'),
      faults: z
        .array(faultSchema(), says('a list of faults', `a list of ${FAULT_WORDING}`))
        .nullable()
        .optional()
        .describe('Scheduled faults.'),
      expect: expectSchema
        .nullable()
        .optional()
        .describe('strategy -> metric -> condition, checked after the run. A per-read metric may name a window of simulated time: "stale_read_ratio from 3m until 5m".'),
    },
    says('a scenario', `a map with keys ${TOP_LEVEL_KEYS}`),
  )
  .meta({ title: 'cache-sim scenario', description: 'A cache-sim scenario (see the README for every key).' });

export type WrittenScenario = z.output<typeof scenarioSchema>;
export type WrittenCache = NonNullable<WrittenScenario['cache']>;
export type WrittenStrategy = NonNullable<WrittenScenario['strategies']>[number];
export type WrittenFault = NonNullable<WrittenScenario['faults']>[number];
export type WrittenWeights = NonNullable<WrittenScenario['workload']['read_regions']>;
