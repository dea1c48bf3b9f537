/**
 * Running counts and histograms for one region (or, merged, for all): the streaming form
 * of a MetricSet. Fixed memory whatever the number of reads.
 */
import { Histogram } from './histogram.js';
import { STALE_CAUSES, type StaleCause, type StaleCauseName } from './stale-causes.js';
import { Timeline, type TimelineShape } from './timeline.js';
import type { CdfPoint, CoarseHistogram, MetricCounts, MetricSet, RunCounts, Summary } from './results.js';
import { round } from '../util/round.js';

/** Bounds of the coarse staleness histogram shown in terminals (ms). */
const COARSE_BOUNDS_MS = [0, 10, 100, 1_000, 10_000, 60_000];
/**
 * Where the staleness CDF is sampled (ms): 1-2-5 steps, then hours and days up to the longest
 * run (100,000 h), so that the points always reach the largest staleness (fraction 1).
 */
const CDF_POINTS_MS = [
  0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000,
  7_200_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000, 2_592_000_000, 8_640_000_000, 31_536_000_000, 360_000_000_000,
];

export class Tally {
  reads = 0;
  staleReads = 0;
  hits = 0;
  l1Hits = 0;
  versionLagSum = 0;
  versionLagMax = 0;
  rywViolations = 0;
  monotonicViolations = 0;
  staleRefills = 0;
  failedReads = 0;
  primaryReads = 0;
  replicaReads = 0;
  /** Writes, messages and fills: counted only in the run's tallies, never in a window's. */
  writes = 0;
  failedWrites = 0;
  messagesSent = 0;
  messagesDelivered = 0;
  messagesLost = 0;
  messagesDuplicated = 0;
  refusedFills = 0;
  refreshes = 0;
  readonly staleness = new Histogram();
  readonly staleAge = new Histogram();
  readonly latency = new Histogram();
  /** Stale reads by cause (stale-causes.ts). */
  readonly staleCauses = new Float64Array(STALE_CAUSES.length);
  /** Over time; `null` for a window's tally (a window reports its numbers only). */
  readonly timeline: Timeline | null;

  constructor(shape: TimelineShape | null) {
    this.timeline = shape ? new Timeline(shape) : null;
  }

  /**
   * A measured read: `versionLag` (V(t) − v), `ageMs` (t − C(v+1)) and `cause` matter only when
   * `stale`. Positional on purpose: a scratch object filled per read measured 4 % slower.
   */
  recordRead(
    issued: number,
    latencyMs: number,
    hit: boolean,
    l1: boolean,
    ryw: boolean,
    monotonic: boolean,
    stale: boolean,
    ageMs: number,
    versionLag: number,
    cause: StaleCause,
  ): void {
    this.reads++;
    if (hit) this.hits++;
    if (l1) this.l1Hits++;
    if (ryw) this.rywViolations++;
    if (monotonic) this.monotonicViolations++;
    this.latency.record(latencyMs);
    if (stale) {
      this.staleReads++;
      this.staleCauses[cause]++;
      this.staleness.record(ageMs);
      this.staleAge.record(ageMs);
      this.versionLagSum += versionLag;
      if (versionLag > this.versionLagMax) this.versionLagMax = versionLag;
    } else {
      this.staleness.record(0);
    }
    this.timeline?.read(issued, stale, hit);
  }

  recordDatabaseRead(fromPrimary: boolean, time: number): void {
    if (fromPrimary) this.primaryReads++;
    else this.replicaReads++;
    this.timeline?.databaseRead(time);
  }

  merge(other: Tally): void {
    this.reads += other.reads;
    this.staleReads += other.staleReads;
    this.hits += other.hits;
    this.l1Hits += other.l1Hits;
    this.versionLagSum += other.versionLagSum;
    this.versionLagMax = Math.max(this.versionLagMax, other.versionLagMax);
    this.rywViolations += other.rywViolations;
    this.monotonicViolations += other.monotonicViolations;
    this.staleRefills += other.staleRefills;
    this.failedReads += other.failedReads;
    this.primaryReads += other.primaryReads;
    this.replicaReads += other.replicaReads;
    this.writes += other.writes;
    this.failedWrites += other.failedWrites;
    this.messagesSent += other.messagesSent;
    this.messagesDelivered += other.messagesDelivered;
    this.messagesLost += other.messagesLost;
    this.messagesDuplicated += other.messagesDuplicated;
    this.refusedFills += other.refusedFills;
    this.refreshes += other.refreshes;
    this.staleness.merge(other.staleness);
    this.staleAge.merge(other.staleAge);
    this.latency.merge(other.latency);
    for (let i = 0; i < this.staleCauses.length; i++) this.staleCauses[i] += other.staleCauses[i];
    if (this.timeline && other.timeline) this.timeline.merge(other.timeline);
  }

  /** `withL1`: the run had L1s, so the share of reads they served is reported. */
  toMetricSet(withL1: boolean): MetricSet {
    if (!this.timeline) throw new Error('bug: a MetricSet of a tally without a timeline');
    return { ...this.toCounts(withL1), timeline: this.timeline.toResult() };
  }

  /** The numbers alone, without the timeline (what a window reports). */
  toCounts(withL1: boolean): MetricCounts {
    return {
      reads: this.reads,
      stale_reads: this.staleReads,
      stale_read_ratio: ratio(this.staleReads, this.reads),
      hit_ratio: ratio(this.hits, this.reads),
      ...(withL1 ? { l1_hit_ratio: ratio(this.l1Hits, this.reads) } : {}),
      // Over no reads there is nothing to measure (null in JSON, — in reports), as for the ratios;
      // over reads none of which was stale, a stale age of 0 is true (no stale read was older).
      staleness_ms: this.reads === 0 ? NO_VALUES : summarise(this.staleness),
      stale_age_ms: this.reads === 0 ? NO_VALUES : summarise(this.staleAge),
      version_lag: this.reads === 0 ? { max: Number.NaN, mean: Number.NaN } : { max: this.versionLagMax, mean: round(this.versionLagSum / this.reads) },
      ryw_violations: this.rywViolations,
      monotonic_violations: this.monotonicViolations,
      stale_refills: this.staleRefills,
      failed_reads: this.failedReads,
      db_reads: { primary: this.primaryReads, replica: this.replicaReads },
      read_latency_ms: this.reads === 0 ? NO_VALUES : summarise(this.latency),
      staleness_histogram: coarse(this.staleness),
      stale_causes: Object.fromEntries(STALE_CAUSES.map((name, i) => [name, this.staleCauses[i]])) as Record<StaleCauseName, number>,
    };
  }

  /** The counts beyond the reads; convergence and the database's peak load are measured elsewhere (they do not add up over regions). */
  toRunCounts(convergence: Histogram, unconverged: number, dbReadsPeak: number): RunCounts {
    return {
      writes: this.writes,
      failed_writes: this.failedWrites,
      messages: { sent: this.messagesSent, delivered: this.messagesDelivered, lost: this.messagesLost, duplicated: this.messagesDuplicated },
      // No write converged (none made, or none converged by the end): nothing to measure.
      convergence_ms: convergence.count === 0 ? NO_VALUES : summarise(convergence),
      unconverged_writes: unconverged,
      refused_fills: this.refusedFills,
      refreshes: this.refreshes,
      db_reads_peak_per_second: dbReadsPeak,
      staleness_cdf: this.stalenessCdf(),
    };
  }

  private stalenessCdf(): CdfPoint[] {
    const total = this.staleness.count;
    if (total === 0) return [];
    const points: CdfPoint[] = [];
    for (const ms of CDF_POINTS_MS) {
      points.push({ ms, fraction: round(this.staleness.countAtMost(ms) / total) });
      if (ms >= this.staleness.max) break;
    }
    return points;
  }
}

/** NaN (null in JSON, — in reports) over nothing: a region without reads has no hit ratio, not one of 0. */
function ratio(part: number, whole: number): number {
  return whole === 0 ? Number.NaN : round(part / whole);
}

/** The summary of nothing measured: every statistic NaN (null in JSON). */
const NO_VALUES: Summary = { count: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, p999: Number.NaN, max: Number.NaN, mean: Number.NaN };

export function summarise(h: Histogram): Summary {
  return {
    count: h.count,
    p50: round(h.quantile(0.5)),
    p90: round(h.quantile(0.9)),
    p99: round(h.quantile(0.99)),
    p999: round(h.quantile(0.999)),
    max: round(h.max),
    mean: round(h.mean),
  };
}

function coarse(h: Histogram): CoarseHistogram {
  const counts: number[] = [];
  let below = 0;
  for (const bound of COARSE_BOUNDS_MS) {
    const atMost = h.countAtMost(bound);
    counts.push(atMost - below);
    below = atMost;
  }
  counts.push(h.count - below);
  return { upper_ms: [...COARSE_BOUNDS_MS, null], counts };
}
