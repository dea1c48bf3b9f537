/**
 * What the strategy comparison shows: which metrics, in which order and groups, how each is
 * formatted and which direction is better. The terminal table and the markdown summary both
 * render this one list, so they cannot drift apart.
 */
import { metricValue } from '../metrics/metric-names.js';
import type { MetricSet, ScenarioResults, StrategyResult } from '../metrics/results.js';
import { STALE_CAUSES, type StaleCauseName } from '../metrics/stale-causes.js';
import { STALE_CAUSE_WORDS } from './stale-cause-words.js';
import { NONE, formatCount, formatDuration, formatRatio } from './format.js';
import { isSeedSet, traceCommandLine } from '../replay.js';

export type ValueKind = 'count' | 'ratio' | 'duration';
/** `none`: a fact, not a score (how many reads ran, how many fills a guard refused). */
export type Better = 'lower' | 'higher' | 'none';

export interface ComparisonRow {
  label: string;
  /** Flattened metric name (see metric-names.ts). */
  metric: string;
  kind: ValueKind;
  better: Better;
  /** A count metric that, when 0, means this row's value does not exist (no write converged → no convergence). */
  onlyIf?: string;
  /** Shown only when some strategy has a value (a metric of an optional part of the model, such as L1s). */
  optional?: boolean;
  /** Shown only when some strategy's value is above 0 (a count of what an optional mechanism did). */
  onlyWhenUsed?: boolean;
}

const row = (label: string, metric: string, kind: ValueKind, better: Better, onlyIf?: string): ComparisonRow => ({
  label,
  metric,
  kind,
  better,
  onlyIf,
});

/** Groups are drawn with a rule between them. */
export const COMPARISON_GROUPS: readonly (readonly ComparisonRow[])[] = [
  [
    row('reads', 'reads', 'count', 'none'),
    row('stale read ratio', 'stale_read_ratio', 'ratio', 'lower'),
    row('staleness p50', 'staleness_p50', 'duration', 'lower'),
    row('staleness p99', 'staleness_p99', 'duration', 'lower'),
    row('staleness p999', 'staleness_p999', 'duration', 'lower'),
    row('staleness max', 'staleness_max', 'duration', 'lower'),
    // Over no stale read, 0 (as in the JSON, and as expectations judge it): none was older.
    row('stale age p50', 'stale_age_p50', 'duration', 'lower'),
    row('stale age p99', 'stale_age_p99', 'duration', 'lower'),
    row('version lag max', 'version_lag_max', 'count', 'lower'),
  ],
  [
    row('RYW violations', 'ryw_violations', 'count', 'lower'),
    row('monotonic violations', 'monotonic_violations', 'count', 'lower'),
    row('stale refills', 'stale_refills', 'count', 'lower'),
    row('refused fills', 'refused_fills', 'count', 'none'),
  ],
  [
    row('hit ratio', 'hit_ratio', 'ratio', 'higher'),
    { ...row('L1 hit ratio', 'l1_hit_ratio', 'ratio', 'higher'), optional: true },
    row('db reads primary', 'db_reads_primary', 'count', 'lower'),
    row('db reads replica', 'db_reads_replica', 'count', 'lower'),
    row('db reads peak/s', 'db_reads_peak_per_second', 'count', 'lower'),
    // Part of the database reads above: the price of serving past the TTL, not a score.
    { ...row('background refreshes', 'refreshes', 'count', 'none'), onlyWhenUsed: true },
    row('messages sent', 'messages_sent', 'count', 'lower'),
    // Losses follow from the bus's loss rate and from sending at all; fewer is not a merit.
    row('messages lost', 'messages_lost', 'count', 'none'),
  ],
  [
    row('failed reads', 'failed_reads', 'count', 'lower'),
    row('failed writes', 'failed_writes', 'count', 'lower'),
    row('read latency p50', 'read_latency_p50', 'duration', 'lower'),
    row('read latency p99', 'read_latency_p99', 'duration', 'lower'),
  ],
  [
    row('convergence p50', 'convergence_p50', 'duration', 'lower', 'convergence_count'),
    row('convergence p99', 'convergence_p99', 'duration', 'lower', 'convergence_count'),
    row('unconverged writes', 'unconverged_writes', 'count', 'lower'),
  ],
];

function formatValue(kind: ValueKind, value: number): string {
  if (kind === 'ratio') return formatRatio(value);
  if (kind === 'duration') return formatDuration(value);
  return formatCount(value);
}

/** The row's value for one strategy, or undefined when it does not exist. */
export function rowValue(r: ComparisonRow, result: StrategyResult): number | undefined {
  if (r.onlyIf !== undefined && metricValue(result, r.onlyIf) === 0) return undefined;
  return metricValue(result, r.metric);
}

function rowText(r: ComparisonRow, value: number | undefined): string {
  return value === undefined ? NONE : formatValue(r.kind, value);
}

/**
 * Columns holding the row's best value. Nothing is best when the row is not a score, fewer
 * than two values exist, or all look equal (highlighting every column says nothing). Ties
 * are decided on the printed text: two cells that read `510µs` are both best, whatever
 * digits rounding hid.
 */
export function bestColumns(r: ComparisonRow, values: readonly (number | undefined)[]): Set<number> {
  const present = values.filter((v): v is number => v !== undefined && !Number.isNaN(v));
  if (r.better === 'none' || present.length < 2) return new Set();
  const bestText = rowText(r, r.better === 'lower' ? Math.min(...present) : Math.max(...present));
  if (present.every((v) => rowText(r, v) === bestText)) return new Set();
  return new Set(values.flatMap((v, i) => (v !== undefined && rowText(r, v) === bestText ? [i] : [])));
}

export interface ComparedRow {
  label: string;
  /** One per strategy, in the results' order. */
  cells: { text: string; best: boolean }[];
}

/** The comparison of one scenario's strategies, in COMPARISON_GROUPS' groups and order. */
export function compareStrategies(r: ScenarioResults): ComparedRow[][] {
  const strategies = Object.values(r.strategies);
  return COMPARISON_GROUPS.map((rows) =>
    rows.flatMap((row) => {
      const values = strategies.map((s) => rowValue(row, s));
      if (row.optional && values.every((v) => v === undefined)) return [];
      if (row.onlyWhenUsed && values.every((v) => v === undefined || v <= 0)) return [];
      const best = bestColumns(row, values);
      return [{ label: row.label, cells: values.map((v, i) => ({ text: rowText(row, v), best: best.has(i) })) }];
    }),
  );
}

/** Every region that appears in any strategy, in first-seen order (the scenario's order). */
export function regionNames(results: ScenarioResults): string[] {
  const names = new Set<string>();
  for (const s of Object.values(results.strategies)) for (const name of Object.keys(s.regions)) names.add(name);
  return [...names];
}

/** The regions where at least one strategy served a read: the only ones a ratio or a chart of reads can show. */
export function regionsWithReads(results: ScenarioResults): string[] {
  return regionNames(results).filter((region) => Object.values(results.strategies).some((s) => (s.regions[region]?.reads ?? 0) > 0));
}

/** Per-region cell: stale read ratio and staleness p99, the two numbers that locate a problem. */
export function regionCellText(set: MetricSet | undefined): string {
  if (!set || set.reads === 0) return NONE;
  return `${formatRatio(set.stale_read_ratio)} · ${formatDuration(set.staleness_ms.p99)}`;
}

export const REGION_CELL_CAPTION = 'stale read ratio · staleness p99';

/** What a run was, after its file: the seed to replay it, simulated time and warmup. */
export function runFacts(r: ScenarioResults): string[] {
  return [
    `seed ${r.seed}`,
    // As configured, not rounded (a warmup of 9999ms is not 10s).
    `${formatDuration(r.duration_ms, { exact: true })} simulated`,
    ...(r.warmup_ms > 0 ? [`warmup ${formatDuration(r.warmup_ms, { exact: true })}`] : []),
    // What the command line changed is part of what ran (the seed's own --set is already said).
    ...r.sets.filter((set) => !isSeedSet(set)).map((set) => `--set ${set}`),
  ];
}

/** How many of its most stale keys a report names per strategy (the JSON has five). */
const STALE_KEYS_NAMED = 3;

/** A strategy's most stale keys as reports name them: `key 0 99.3%` (the share of the key's reads that were stale). */
export function staleKeyTexts(s: StrategyResult): string[] {
  return s.stale_keys.slice(0, STALE_KEYS_NAMED).map((k) => `key ${k.key} ${formatRatio(k.stale_reads / k.reads)}`);
}

/**
 * The command that tells the story of the key with the most stale reads under any strategy
 * (the first in order on a tie), or undefined when no read was stale. Expiry alone (ttl) is
 * most scenarios' baseline, not their subject: its keys are told only when no other strategy
 * has a stale one.
 */
export function staleKeyTrace(r: ScenarioResults): string | undefined {
  const withStaleKeys = Object.entries(r.strategies).filter(([, s]) => s.stale_keys.length > 0);
  const subjects = withStaleKeys.filter(([, s]) => s.preset !== 'ttl');
  const candidates = subjects.length > 0 ? subjects : withStaleKeys;
  const found = candidates.reduce<(typeof candidates)[number] | undefined>(
    (best, entry) => (best === undefined || entry[1].stale_keys[0].stale_reads > best[1].stale_keys[0].stale_reads ? entry : best),
    undefined,
  );
  if (!found) return undefined;
  const { key, first_stale_ms: first, stale_reads } = found[1].stale_keys[0];
  const perSecond = stale_reads / Math.max(1, (r.duration_ms - r.warmup_ms) / 1_000);
  return traceCommandLine({ file: r.file, seed: r.seed, sets: r.sets, key, strategy: found[0], window: storyWindow(first, perSecond) });
}

/** About how many of the key's stale reads the suggested story goes on for. */
const STORY_STALE_READS = 40;

/**
 * Where a key's story is told: from a second before its first stale read (the write, the
 * refill or the delete that made it stale are usually there) to when some forty of its stale
 * reads have come, at the key's average pace (two seconds at most), on tenths of a second. A
 * hot key's whole story runs to tens of thousands of lines; this, to a few hundred at most,
 * and --from/--until widen it.
 */
function storyWindow(firstStaleMs: number, stalePerSecond: number): { from: string; until: string } {
  const after = Math.min(2_000, Math.max(100, (1_000 * STORY_STALE_READS) / stalePerSecond));
  const exact = (ms: number) => formatDuration(ms, { exact: true });
  return { from: exact(Math.max(0, Math.floor((firstStaleMs - 1_000) / 100) * 100)), until: exact(Math.ceil((firstStaleMs + after) / 100) * 100) };
}

export const STALE_KEYS_CAPTION = 'Keys with the most stale reads, and the share of their reads that were stale';

export const STALE_CAUSES_CAPTION = 'Why reads were stale: share of each strategy’s stale reads';

/**
 * One row per cause some strategy's stale reads had, in STALE_CAUSES order: its words, and per
 * strategy the share of that strategy's stale reads (— for a strategy never stale). None when
 * no strategy read anything stale.
 */
export function staleCauseRows(r: ScenarioResults): { cause: StaleCauseName; label: string; cells: string[] }[] {
  const strategies = Object.values(r.strategies);
  return STALE_CAUSES.filter((cause) => strategies.some((s) => s.stale_causes[cause] > 0)).map((cause) => ({
    cause,
    label: STALE_CAUSE_WORDS[cause],
    cells: strategies.map((s) => (s.stale_reads === 0 ? NONE : formatRatio(s.stale_causes[cause] / s.stale_reads))),
  }));
}

/**
 * A fix for a cause of staleness. `onlyFor`: the presets it applies to (an option of theirs);
 * `notFor`: the presets it is no news to (they already do it); `unless`: what the run shows
 * it already does.
 */
interface Remedy {
  text: string;
  onlyFor?: readonly string[];
  notFor?: readonly string[];
  unless?: (s: StrategyResult) => boolean;
}

/** A strategy none of whose reads went to a replica already refills from the primary. */
const readsNoReplica = (s: StrategyResult) => s.db_reads.replica === 0;

/** The presets that act on every write (by bus or change stream). */
const INVALIDATING = ['pubsub', 'versioned', 'lease', 'session-token', 'write-update', 'cdc', 'remote-marker'];
/** The presets whose deletes come from each region's change stream, never ahead of its replica. */
const CHANGE_STREAM = ['cdc', 'remote-marker'];

/** What helps against each cause, in the order worth trying. */
const STALE_CAUSE_REMEDIES: Record<StaleCauseName, readonly Remedy[]> = {
  stored_stale: [
    { text: 'keep_newer: true (if it is off) refuses a late update older than the cached value', onlyFor: ['write-update'] },
    { text: 'versioned refuses such refills', notFor: ['versioned'] },
    { text: 'cdc never races the replica', notFor: CHANGE_STREAM },
    { text: 'lease refuses a refill that raced the delete (read before it, stored after)', onlyFor: ['pubsub'] },
    { text: 'delete_again_after deletes them again', onlyFor: ['pubsub', 'lease'] },
    { text: 'refill_from primary never reads a lagging copy', unless: readsNoReplica },
  ],
  not_invalidated: [
    { text: 'invalidate on write (pubsub, cdc, write-update)', notFor: INVALIDATING },
    { text: 'a change stream acts only once the region’s replica has the write, so a shorter replication lag shortens it', onlyFor: CHANGE_STREAM },
    { text: 'shorten the TTL' },
  ],
  invalidation_late: [{ text: 'bounded by the bus delay: only a faster bus shortens it' }],
  invalidation_held: [{ text: 'held until the partition heals or the consumer resumes: meanwhile only the TTL bounds it' }],
  invalidation_lost: [{ text: 'at-least-once delivery resends them' }, { text: 'otherwise only the TTL ends them' }],
  invalidation_ignored: [{ text: 'skewed clocks order the version stamps wrongly: version_source hlc or counter' }],
  replica_behind: [{ text: 'refill_from primary', unless: readsNoReplica }, { text: 'session tokens for the sessions that wrote', notFor: ['session-token'] }],
  l1_copy: [
    {
      text: 'an L1 that only expires keeps its copy until its TTL ends: shorten the L1 TTL, or let invalidations reach the L1s (l1.invalidated: true)',
    },
  ],
};

/** What helps against `cause` for strategy `s`: the remedies that apply to it and that it does not already use. */
function helpFor(cause: StaleCauseName, s: StrategyResult): string {
  return STALE_CAUSE_REMEDIES[cause]
    .filter((remedy) => (remedy.onlyFor?.includes(s.preset) ?? true) && !remedy.notFor?.includes(s.preset) && !remedy.unless?.(s))
    .map((remedy) => remedy.text)
    .join('; ');
}

/** A cause that makes up at least this share of a strategy's stale reads is its main one. */
const MAIN_CAUSE_SHARE = 0.5;

/**
 * The causes that are some strategy's main one (at least half its stale reads), in
 * STALE_CAUSES order: their words, the strategies with their shares, and what helps.
 */
export function mainStaleCauses(r: ScenarioResults): { cause: string; strategies: string; help: string }[] {
  const mains = Object.entries(r.strategies).flatMap(([name, s]) => {
    const main = STALE_CAUSES.find((cause) => s.stale_reads > 0 && s.stale_causes[cause] >= MAIN_CAUSE_SHARE * s.stale_reads);
    return main ? [{ name, main, share: s.stale_causes[main] / s.stale_reads, help: helpFor(main, s) }] : [];
  });
  // One line per cause and advice: a strategy that already is a remedy gets a line without it.
  const lines = STALE_CAUSES.flatMap((cause) => [...new Set(mains.filter((m) => m.main === cause).map((m) => m.help))].map((help) => ({ cause, help })));
  return lines.map(({ cause, help }) => ({
    cause: STALE_CAUSE_WORDS[cause],
    strategies: mains
      .filter((m) => m.main === cause && m.help === help)
      .map((m) => `${m.name} ${formatRatio(m.share)}`)
      .join(', '),
    help,
  }));
}
