/**
 * The checkers: an Observer that judges each observation against the truth as it happens
 * and folds it into per-region tallies (SPEC §4 definitions). Nothing per read is kept.
 */
import { ConvergenceTracker } from './convergence.js';
import { PeakRate } from './peak-rate.js';
import type { RegionResult, StrategyResult, WindowResult } from './results.js';
import { SessionLedger } from './session-ledger.js';
import { StaleCause, StaleCauses } from './stale-causes.js';
import { StaleKeys } from './stale-keys.js';
import { Tally } from './tally.js';
import { type TimelineShape, timelineShape } from './timeline.js';
import { Truth } from './truth.js';
import { EntryEnd, FillRefusal, type Hindsight, type Observer, ReadSource } from '../model/observer.js';
import { CacheLayout } from '../model/cache-layout.js';
import type { Scenario, StrategySpec, TimeWindow } from '../scenario/types.js';
import { primaryIndex } from '../model/topology.js';
import { sessionRegions } from '../model/workload.js';

export interface CollectorOptions {
  regionNames: readonly string[];
  keys: number;
  /** Region of each session (sessions live in one region). */
  sessionRegion: Int32Array;
  primary: number;
  warmupMs: number;
  /** End of the run (the timeline covers warmup to end). */
  durationMs: number;
  /** L1s per region (app servers with a near cache), 0 without. */
  l1Hosts: number;
  /** Whether those L1s hear the invalidations (the stale causes of their reads depend on it). */
  l1sInvalidated?: boolean;
  /** Windows of simulated time to count apart (those the strategy's expectations or a sweep's metrics name), in order. */
  windows?: readonly TimeWindow[];
  /** Forget nothing: keep every session-ledger row and every commit time (tests use it to show forgetting changes no number). */
  keepEverything?: boolean;
  /** When the oldest read not yet recorded was issued (the session ledger forgets what no such read can ask about); absent, it forgets nothing by time. */
  oldestUnanswered?: () => number;
}

/**
 * The options for checking a run of strategy `spec` over `scenario` (what the checkers need to
 * know of it); `windows`: windows of time to count apart besides those its expectations name.
 */
export function collectorOptions(scenario: Scenario, spec: StrategySpec, windows: readonly TimeWindow[] = []): CollectorOptions {
  return {
    regionNames: scenario.regions.map((r) => r.name),
    keys: scenario.workload.keys,
    sessionRegion: sessionRegions(scenario),
    primary: primaryIndex(scenario),
    warmupMs: scenario.warmupMs,
    durationMs: scenario.durationMs,
    l1Hosts: spec.cache.l1?.hosts ?? 0,
    l1sInvalidated: spec.cache.l1?.invalidated ?? false,
    windows: distinctWindows([...scenario.expect.flatMap((e) => (e.strategy === spec.name && e.window ? [e.window] : [])), ...windows]),
  };
}

/** Each window once, in order of first mention. */
function distinctWindows(windows: readonly TimeWindow[]): TimeWindow[] {
  return windows.filter((w, i) => windows.findIndex((known) => known.fromMs === w.fromMs && known.untilMs === w.untilMs) === i);
}

/** One window's tallies, per region. */
interface WindowTallies {
  fromMs: number;
  untilMs: number;
  /** Counted: `time < endBound`. A window to the end of the run also takes what happens at its last instant, as the run does. */
  endBound: number;
  tallies: Tally[];
}

export class Collector implements Observer, Hindsight {
  readonly truth: Truth;
  private readonly tallies: Tally[];
  private readonly sessions: SessionLedger;
  private readonly convergence: ConvergenceTracker;
  private readonly warmupMs: number;
  private readonly timelineShape: TimelineShape;
  private readonly windows: WindowTallies[];
  private readonly staleKeys: StaleKeys;
  private readonly staleCauses: StaleCauses;
  /** Scratch for the session ledger's answer (no allocation per read). */
  private readonly seen = { acked: 0, readBefore: 0 };
  /** Database reads per second at their busiest: over all regions, and in each. */
  private readonly dbReadsPeak = new PeakRate();
  private readonly regionDbReadsPeaks: PeakRate[];

  constructor(private readonly options: CollectorOptions) {
    this.truth = new Truth(options.keys);
    this.staleKeys = new StaleKeys(options.keys);
    this.timelineShape = timelineShape(options.warmupMs, options.durationMs);
    this.tallies = options.regionNames.map(() => new Tally(this.timelineShape));
    this.regionDbReadsPeaks = options.regionNames.map(() => new PeakRate());
    this.windows = (options.windows ?? []).map((w) => ({
      ...w,
      endBound: w.untilMs >= options.durationMs ? Infinity : w.untilMs,
      tallies: options.regionNames.map(() => new Tally(null)),
    }));
    this.sessions = new SessionLedger(
      options.sessionRegion,
      options.keys,
      // Asked when the ledger's table is full: an entry nobody reads again must not keep rows for ever.
      (region, key) => {
        this.convergence.endIfOver(region, key);
        return this.servableFloor(region, key, this.truth.latest(key));
      },
      options.keepEverything ? undefined : options.oldestUnanswered,
    );
    this.convergence = new ConvergenceTracker(new CacheLayout(options.regionNames.length, options.l1Hosts), options.keys, options.primary, options.warmupMs, options.durationMs);
    this.staleCauses = new StaleCauses(options.regionNames.length, options.keys, (region, key) => this.convergence.cachedVersion(region, key), options.l1sInvalidated);
    this.warmupMs = options.warmupMs;
  }

  commit(key: number, version: number, time: number, writerRegion: number): void {
    this.truth.record(key, version, time);
    this.convergence.commit(key, version, time);
    if (!this.options.keepEverything) this.truth.forget(key, this.convergence.oldestCopy(key));
    if (time >= this.warmupMs) this.tallies[writerRegion].writes++;
  }

  writeFailed(region: number, _session: number, _key: number, time: number): void {
    if (time >= this.warmupMs) this.tallies[region].failedWrites++;
  }

  writeAck(session: number, key: number, version: number, time: number): void {
    this.sessions.recordAck(session, key, version, time);
  }

  replicaApply(region: number, key: number, version: number): void {
    this.convergence.replicaApply(region, key, version);
  }

  read(region: number, session: number, key: number, issued: number, latencyMs: number, version: number, source: ReadSource): void {
    const seen = this.seen;
    const latest = this.truth.latest(key);
    this.sessions.recordRead(session, key, version, issued, issued + latencyMs, latest, this.servableFloor(region, key, latest), seen);
    const ryw = version < seen.acked;
    const monotonic = version < seen.readBefore;
    if (issued < this.warmupMs) return;
    const hit = source === ReadSource.Cache || source === ReadSource.L1;
    const current = this.truth.versionAt(key, issued);
    const stale = version < current;
    const ageMs = stale ? issued - this.truth.commitTime(key, version + 1) : 0;
    const l1 = source === ReadSource.L1;
    const cause = stale ? this.staleCauses.cause(region, key, source, version) : StaleCause.StoredStale;
    this.tallies[region].recordRead(issued, latencyMs, hit, l1, ryw, monotonic, stale, ageMs, current - version, cause);
    this.staleKeys.read(key, stale, issued);
    if (this.windows.length > 0) this.windowedRead(region, issued, latencyMs, hit, l1, ryw, monotonic, stale, ageMs, current - version, cause);
  }

  /** The read, again, for each window it was issued in (kept out of the common path). */
  private windowedRead(
    region: number,
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
    for (const w of this.windows) if (covers(w, issued)) w.tallies[region].recordRead(issued, latencyMs, hit, l1, ryw, monotonic, stale, ageMs, versionLag, cause);
  }

  /** The oldest version of `key` a read by `session` could still be served from now on (-∞ when keeping everything). */
  servedAtLeast(session: number, key: number): number {
    return this.servableFloor(this.options.sessionRegion[session], key, this.truth.latest(key));
  }

  oldestCopy(key: number): number {
    return this.options.keepEverything ? -Infinity : this.convergence.oldestCopy(key);
  }

  /** The oldest version a read of `key` in `region` could still return (-∞ when every ledger row is kept). */
  private servableFloor(region: number, key: number, latest: number): number {
    return this.options.keepEverything ? -Infinity : this.convergence.servableFloor(region, key, latest);
  }

  readFailed(region: number, _session: number, _key: number, issued: number): void {
    if (issued < this.warmupMs) return;
    this.tallies[region].failedReads++;
    for (const w of this.windows) if (covers(w, issued)) w.tallies[region].failedReads++;
  }

  databaseRead(region: number, source: ReadSource, time: number): void {
    if (time < this.warmupMs) return;
    this.tallies[region].recordDatabaseRead(source === ReadSource.Primary, time);
    for (const w of this.windows) if (covers(w, time)) w.tallies[region].recordDatabaseRead(source === ReadSource.Primary, time);
    this.dbReadsPeak.add(time);
    this.regionDbReadsPeaks[region].add(time);
  }

  fill(region: number, key: number, version: number, time: number, refusal: FillRefusal, _readAt: number): void {
    if (refusal !== FillRefusal.None) {
      if (time >= this.warmupMs) this.tallies[region].refusedFills++;
      return;
    }
    if (time < this.warmupMs || version >= this.truth.versionAt(key, time)) return;
    this.tallies[region].staleRefills++;
    for (const w of this.windows) if (covers(w, time)) w.tallies[region].staleRefills++;
  }

  leaseAnswered(): void {}

  refreshStarted(region: number, _key: number, _version: number, time: number): void {
    if (time >= this.warmupMs) this.tallies[region].refreshes++;
  }

  fillInFlight(key: number, version: number): void {
    this.convergence.inFlight(key, version);
  }

  fillLanded(key: number, version: number): void {
    this.convergence.landed(key, version);
  }

  stored(cache: number, region: number, key: number, version: number, time: number, servableUntil: number): void {
    this.convergence.advance(time);
    this.convergence.stored(cache, key, version, servableUntil);
    if (cache === region) this.staleCauses.stored(region, key, version < this.truth.latest(key));
  }

  entryEnd(cache: number, _region: number, key: number, version: number, time: number, _why: EntryEnd): void {
    this.convergence.entryEnd(cache, key, version, time);
  }

  messageSent(region: number, key: number, version: number, time: number): void {
    this.staleCauses.sent(region, key, version);
    if (time >= this.warmupMs) this.tallies[region].messagesSent++;
  }

  messageDelivered(region: number, key: number, version: number, time: number): void {
    this.staleCauses.delivered(region, key, version);
    if (time >= this.warmupMs) this.tallies[region].messagesDelivered++;
  }

  messageDuplicated(region: number, _key: number, _version: number, time: number): void {
    if (time >= this.warmupMs) this.tallies[region].messagesDuplicated++;
  }

  messageHeld(region: number, key: number, version: number): void {
    this.staleCauses.held(region, key, version);
  }

  messageLost(region: number, key: number, version: number, time: number, retried: boolean, attempts: number, everyMs: number): void {
    // A lost attempt that will be sent again leaves the message on its way (late), not lost.
    if (!retried) this.staleCauses.lost(region, key, version);
    // Attempts that left during the warmup are not counted.
    const duringWarmup = time >= this.warmupMs ? 0 : Math.ceil((this.warmupMs - time) / everyMs);
    this.tallies[region].messagesLost += Math.max(0, attempts - duringWarmup);
  }

  private windowResult(w: WindowTallies): WindowResult {
    const withL1 = this.options.l1Hosts > 0;
    return { from_ms: w.fromMs, until_ms: w.untilMs, ...merged(w.tallies, null).toCounts(withL1), regions: this.byRegion(w.tallies, (t) => t.toCounts(withL1)) };
  }

  /** One value per region, by the region's name, in scenario order. */
  private byRegion<T>(tallies: readonly Tally[], value: (tally: Tally, region: number) => T): Record<string, T> {
    return Object.fromEntries(this.options.regionNames.map((name, i) => [name, value(tallies[i], i)]));
  }

  /** The metrics of this run; `preset` and `events` describe the run itself. */
  result(preset: string, events: number): StrategyResult {
    this.convergence.finish();
    const withL1 = this.options.l1Hosts > 0;
    const all = merged(this.tallies, this.timelineShape);
    const convergence = this.convergence;
    const regions = this.byRegion(this.tallies, (tally, r): RegionResult => {
      const { timeline, ...counts } = tally.toMetricSet(withL1);
      return { ...counts, ...tally.toRunCounts(convergence.regionHistograms[r], convergence.regionUnconverged[r], this.regionDbReadsPeaks[r].peak), timeline };
    });
    const { staleness_histogram, timeline, ...totals } = all.toMetricSet(withL1);
    return {
      preset,
      ...totals,
      staleness_histogram,
      ...all.toRunCounts(convergence.histogram, convergence.unconverged, this.dbReadsPeak.peak),
      stale_keys: this.staleKeys.top(),
      timeline,
      ...(this.windows.length > 0 ? { windows: this.windows.map((w) => this.windowResult(w)) } : {}),
      events,
      regions,
    };
  }
}

/** The regions' tallies added up. */
function merged(tallies: readonly Tally[], shape: TimelineShape | null): Tally {
  const all = new Tally(shape);
  for (const t of tallies) all.merge(t);
  return all;
}

/** Whether `time` falls in the window (the reads issued, the database reads and fills made in it count). */
function covers(w: WindowTallies, time: number): boolean {
  return time >= w.fromMs && time < w.endBound;
}
