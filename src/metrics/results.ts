/**
 * The Results object: everything a reporter may read. JSON names follow SPEC §4/§5 and are
 * part of the user contract; key order here is the order they are printed in.
 */
import type { StaleCauseName } from './stale-causes.js';

/** Percentiles of a distribution, in the metric's unit. All zero when `count` is 0. */
export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Coarse staleness histogram for terminals and charts: `counts[i]` reads with staleness ≤ `upper_ms[i]` (and above the previous bound); the last bound is `null` (above everything). */
export interface CoarseHistogram {
  upper_ms: (number | null)[];
  counts: number[];
}

/** A point of an empirical CDF: fraction of reads with staleness ≤ `ms`. */
export interface CdfPoint {
  ms: number;
  fraction: number;
}

/**
 * Reads over simulated time: bucket i covers [start_ms + i·bucket_ms, start_ms + (i+1)·bucket_ms),
 * from the end of the warmup to the end of the run (the last bucket may reach past the end).
 * Reads are counted by when they were issued, database reads by when they were made.
 */
export interface TimelineResult {
  start_ms: number;
  bucket_ms: number;
  reads: number[];
  stale_reads: number[];
  /** Reads served by a cache (regional or L1). */
  hits: number[];
  /** Reads of the primary and of replicas together. */
  db_reads: number[];
  /** Database reads made after the end, answering reads issued before it: in no bucket. */
  db_reads_after_end: number;
}

/** Ratios over no reads at all (a region nobody reads in) are NaN: `null` in JSON, `—` in reports. */
export interface MetricSet {
  reads: number;
  stale_reads: number;
  stale_read_ratio: number;
  /** Reads served by a cache, the regional one or an L1. */
  hit_ratio: number;
  /** Reads served by the client's own L1; present only when the strategy ran with L1s. */
  l1_hit_ratio?: number;
  staleness_ms: Summary;
  stale_age_ms: Summary;
  version_lag: { max: number; mean: number };
  ryw_violations: number;
  monotonic_violations: number;
  stale_refills: number;
  failed_reads: number;
  db_reads: { primary: number; replica: number };
  read_latency_ms: Summary;
  staleness_histogram: CoarseHistogram;
  /** Stale reads by why they were stale (they add up to `stale_reads`). */
  stale_causes: Record<StaleCauseName, number>;
  timeline: TimelineResult;
}

/** A MetricSet's numbers without its timeline: what a window of time reports. */
export type MetricCounts = Omit<MetricSet, 'timeline'>;

/**
 * The per-read metrics over one window of simulated time, [from_ms, until_ms), that an
 * `expect:` entry names (`stale_read_ratio from 3m20s`): reads counted by when they were
 * issued, database reads and fills by when they happened.
 */
export interface WindowResult extends MetricCounts {
  from_ms: number;
  until_ms: number;
  regions: Record<string, MetricCounts>;
}

/** A key and how its measured reads went. */
export interface StaleKey {
  key: number;
  reads: number;
  stale_reads: number;
  /** When the key's first measured stale read was issued (where its story is worth telling from). */
  first_stale_ms: number;
}

/**
 * What is counted of writes, messages, fills and database load, over all regions or in one:
 * a region's writes are those its clients made, its messages those addressed to it.
 */
export interface RunCounts {
  writes: number;
  /** Writes that could not reach the primary (network partitions); never committed. */
  failed_writes: number;
  messages: { sent: number; delivered: number; lost: number; duplicated: number };
  /** Per write committed after the warmup: commit → no region's cache (in a region: none of its caches) can serve an older version of that key; for an unconverged write, commit → the end of the run (it took at least that). */
  convergence_ms: Summary;
  /** Writes whose convergence had not happened when the run ended (in `convergence_ms` at the end, a lower bound). */
  unconverged_writes: number;
  /** Fills the strategy's guards refused (version floor, lease token, …). */
  refused_fills: number;
  /** Background refreshes of entries served past their TTL (stale-while-revalidate). */
  refreshes: number;
  /** Highest number of database reads (primary + replicas) in any one simulated second. */
  db_reads_peak_per_second: number;
  staleness_cdf: CdfPoint[];
}

/** One region's metrics: every metric but the run's stale keys (SPEC §4). */
export type RegionResult = MetricCounts & RunCounts & { timeline: TimelineResult };

export interface StrategyResult extends MetricSet, RunCounts {
  /** The preset this entry ran (`pubsub` for a variant `pubsub-5s`). */
  preset: string;
  /** The keys with the most stale reads, most first (at most five; none without stale reads). */
  stale_keys: StaleKey[];
  /** Windows the scenario's expectations of this strategy name, in order of first mention; absent when none. */
  windows?: WindowResult[];
  /** Events the engine processed for this strategy (a measure of simulated work). */
  events: number;
  regions: Record<string, RegionResult>;
}

export interface ExpectationResult {
  strategy: string;
  metric: string;
  condition: string;
  /** `null` when the metric does not exist for that strategy (which fails the expectation). */
  actual: number | null;
  pass: boolean;
  /** `FILE:LINE:COL` of the expectation in the scenario. */
  at: string;
}

/** What names an expectation: its strategy, metric, condition and place in the scenario. */
export type ExpectationRef = Pick<ExpectationResult, 'strategy' | 'metric' | 'condition' | 'at'>;

/** A scheduled fault or clock jump, for reports to mark on timelines. */
export interface FaultWindow {
  /** The fault's name in the scenario (`bus_partition`, …), or `clock_jump`. */
  kind: string;
  label: string;
  at_ms: number;
  /** End of the window; `null` for an instant (a cache restart, a clock jump). */
  until_ms: number | null;
}

export interface ScenarioResults {
  version: 1;
  scenario: string;
  description: string;
  file: string;
  seed: number;
  duration_ms: number;
  warmup_ms: number;
  /** Scheduled faults and clock jumps, in time order. */
  faults: FaultWindow[];
  /** In the order the scenario lists them, whatever order they ran in. */
  strategies: Record<string, StrategyResult>;
  expectations: ExpectationResult[];
  /** Expectations about strategies the run left out (`--strategy`), which it could not check; absent when none. */
  skipped_expectations?: ExpectationRef[];
  /** How to reproduce this run exactly. */
  replay: string;
  /** The `--set` overrides the run was given, in order (reports name them beside the seed). */
  sets: string[];
}
