/**
 * One key's story: an Observer that keeps, in the order they happened, the observations that
 * concern one key — writes and commits, replication, invalidations sent, lost, duplicated and
 * delivered, fills stored or refused, entries ending, and reads that were stale or failed (or
 * every read, when asked). It judges staleness against its own record of the key's commits.
 */
import { faultWindows } from '../metrics/fault-windows.js';
import type { FaultWindow } from '../metrics/results.js';
import { STALE_CAUSES, StaleCauses } from '../metrics/stale-causes.js';
import { staleCauseText } from '../report/stale-cause-words.js';
import { UsageError } from '../errors.js';
import { Truth } from '../metrics/truth.js';
import { EntryEnd, FillRefusal, LeaseAnswer, type Observer, ReadFailure, ReadSource } from '../model/observer.js';
import { CacheLayout } from '../model/cache-layout.js';
import { Simulation } from '../model/simulation.js';
import { formatDuration } from '../report/format.js';
import { findPreset } from '../strategies/registry.js';
import type { Scenario, StrategySpec } from '../scenario/types.js';
import { primaryIndex } from '../model/topology.js';
import { groupThousands } from '../util/thousands.js';

export type TraceKind =
  | 'commit'
  | 'ack'
  | 'write-failed'
  | 'apply'
  | 'sent'
  | 'lost'
  | 'held'
  | 'duplicated'
  | 'delivered'
  | 'fill'
  | 'update'
  | 'refused'
  | 'lease'
  | 'refresh'
  | 'end'
  | 'l1-fill'
  | 'l1-end'
  | 'read'
  | 'stale-read'
  | 'failed-read';

export interface TraceEvent {
  /** True time (ms) the thing happened (for reads: when the client asked). */
  time: number;
  kind: TraceKind;
  /** Region concerned; the primary's region for commits. */
  region: string;
  version: number;
  /** Human detail: why an entry ended, where a read was served from, how stale it was. */
  detail: string;
  /** A read, fill or update of a version older than the latest committed then. */
  stale: boolean;
}

/** What to tell of the key's story. */
export interface TraceOptions {
  /** Every read, not only stale and failed ones. */
  allReads?: boolean;
  /** Only what happened from this true time on (ms; reads by when they were issued). */
  fromMs?: number;
  /** Only what happened up to this true time (ms, included). */
  untilMs?: number;
}

/** What the key's copies held when the window opened: what a drawing of the window starts from. */
export interface TraceState {
  /** The latest version committed. */
  latest: number;
  /** Per region, the version in its regional cache (null: no entry). */
  caches: (number | null)[];
  /** Per region, the version its database copy shows (the primary's region: the latest). */
  replicas: number[];
}

export interface KeyTrace {
  key: number;
  strategy: string;
  /** The run told: its scenario file and seed (every report names them), its length and warmup (ms). */
  file: string;
  seed: number;
  durationMs: number;
  warmupMs: number;
  /** What the strategy's bus messages carry: a delete (or a versioned one), or the new value. */
  message: 'invalidation' | 'update';
  /** The window told, in true ms (0 and Infinity when the whole run). */
  fromMs: number;
  untilMs: number;
  /** Every region, in scenario order. */
  regions: string[];
  events: TraceEvent[];
  initial: TraceState;
  /** Counts of every read of the key in the window after the warmup (as the run's report counts them), shown or not. */
  reads: number;
  staleReads: number;
  /** Whether fresh reads are among the events (else only stale and failed ones are). */
  allReads: boolean;
  /** The scenario's faults and clock jumps (what explains a story's turns: a partition, a restart, a clock stepping back). */
  faults: FaultWindow[];
  /**
   * What landed after the end, of what was in flight then (fills of reads issued before it,
   * deliveries, applies…), by kind in order of first landing (the story stops at the end; the
   * run's fills and messages count it too). Empty when the window ends before the run does.
   */
  afterEnd: { kind: TraceKind; count: number }[];
}

const END_WORDS: Record<EntryEnd, string> = {
  [EntryEnd.Expired]: 'expired',
  [EntryEnd.Invalidated]: 'invalidated',
  [EntryEnd.Replaced]: 'replaced',
  [EntryEnd.Evicted]: 'evicted',
  [EntryEnd.Restarted]: 'lost in a restart',
};

const SOURCE_WORDS: Record<ReadSource, string> = {
  [ReadSource.Cache]: 'cache',
  [ReadSource.Replica]: 'replica',
  [ReadSource.Primary]: 'primary',
  [ReadSource.L1]: 'L1',
};

/** What a miss asking for a lease was told, as the trace tells it. */
const LEASE_WORDS: Record<LeaseAnswer, string> = {
  [LeaseAnswer.Granted]: 'granted: this miss reads the database and fills',
  [LeaseAnswer.Refused]: waitingWords(1),
  [LeaseAnswer.GaveUp]: 'refused once too often: this miss reads the database without filling',
};

function waitingWords(count: number): string {
  return `refused ${count === 1 ? 'once' : `${groupThousands(count)} times`}: misses wait and ask the cache again`;
}

/** Why a cache refused a fill, as the trace tells it. */
const REFUSAL_WORDS: Record<FillRefusal, string> = {
  [FillRefusal.None]: '',
  [FillRefusal.LeaseVoided]: 'its lease was voided by an invalidation while it read, or replaced',
  [FillRefusal.LeaseExpired]: 'its lease ran out before it came back',
  [FillRefusal.Marked]: 'a write from this region marked the key while it read',
  [FillRefusal.OlderThanHeard]: 'stamped older than a version the region has heard of',
  [FillRefusal.OlderThanHeld]: 'older than the entry the cache holds',
};

/** Why a read failed, as the trace tells it. */
const FAILURE_WORDS: Record<ReadFailure, string> = {
  [ReadFailure.Unreachable]: 'the database copy it needs is out of reach; see network.on_unreachable',
  [ReadFailure.BehindSession]: "cut off from the primary, and the region's replica is behind what this session has seen or written",
};

class KeyTracer implements Observer {
  readonly events: TraceEvent[] = [];
  reads = 0;
  staleReads = 0;
  private readonly truth: Truth;
  /** `region:version` of every message sent about the key: a second one is a delayed double delete (or a strategy's resend). */
  private readonly sent = new Set<string>();
  /** `region:version` of every message delivered about the key: a second one (that double delete, or a duplicate) is told as such. */
  private readonly delivered = new Set<string>();
  /** The key's copies now, and as they were when the window opened (taken at the first change from then on). */
  private readonly state: TraceState;
  private initialState: TraceState | null = null;
  /** A delivery about a version newer than its region's cached one, until the strategy has acted on it (told by the next event). */
  private pendingDelivery: { event: TraceEvent; region: number; cached: number } | null = null;
  /** The region each version not yet acknowledged was written from: its acknowledgement travels there. */
  private readonly writers = new Map<number, number>();
  /** Per session, what of this key it had had acknowledged and had been returned, as (time, version) steps: which stale reads break its guarantees. */
  private readonly acked = new Map<number, [number, number][]>();
  private readonly returned = new Map<number, [number, number][]>();
  /** Why a stale read was stale, as the checkers judge it (the key is the only one: index 0). */
  private readonly causes: StaleCauses;
  /** Per region, the line counting the misses told to wait since the lease was last granted or a fill came (one line, not one per retry). */
  private readonly waiting: ({ event: TraceEvent; count: number } | null)[];
  /** The last event observed, told or not (a fill takes back the store it made, observed just before it). */
  private lastObserved: TraceEvent | null = null;
  /** What landed after the run's end, by kind (see KeyTrace.afterEnd). */
  readonly landedAfterEnd = new Map<TraceKind, number>();

  constructor(
    private readonly key: number,
    private readonly regionNames: readonly string[],
    private readonly primary: number,
    private readonly allReads: boolean,
    /** Which caches are L1s, and whose. */
    private readonly layout: CacheLayout,
    private readonly fromMs: number,
    private readonly untilMs: number,
    /** What the bus carries, for the words of a stale read's cause. */
    private readonly message: KeyTrace['message'],
    /** Reads issued before it are told but not counted, as the run's report does not count them. */
    private readonly warmupMs: number,
    /** Whether the L1s hear the invalidations (a stale L1 read's cause depends on it). */
    l1sInvalidated: boolean,
    /** The window asked for, whose end may lie past the run's (`untilMs`): what lands in between is counted, not told. */
    private readonly askedUntilMs: number,
  ) {
    this.truth = new Truth(key + 1);
    this.state = { latest: 0, caches: regionNames.map(() => null), replicas: regionNames.map(() => 0) };
    this.causes = new StaleCauses(regionNames.length, 1, (region) => this.state.caches[region] ?? -1, l1sInvalidated);
    this.waiting = regionNames.map(() => null);
  }

  /** The copies as they were when the window opened. */
  get initial(): TraceState {
    return this.initialState ?? copyState(this.state);
  }

  /** Called before a copy changes at `time`: the first change in the window keeps the state before it. */
  private changing(time: number): void {
    if (this.initialState === null && time >= this.fromMs) this.initialState = copyState(this.state);
  }

  private add(time: number, kind: TraceKind, region: number, version: number, detail = '', stale = false): void {
    this.settleDelivery();
    const event = { time, kind, region: this.regionNames[region], version, detail, stale };
    this.lastObserved = event;
    if (this.afterEnd(time)) this.landedAfterEnd.set(kind, (this.landedAfterEnd.get(kind) ?? 0) + 1);
    if (this.inWindow(time)) this.events.push(event);
  }

  /** Take back the last event observed (told, or counted after the end). */
  private untellLast(): void {
    const last = this.lastObserved;
    if (!last) return;
    this.lastObserved = null;
    if (this.events.at(-1) === last) this.events.pop();
    const after = this.landedAfterEnd.get(last.kind);
    if (this.afterEnd(last.time) && after !== undefined) {
      if (after > 1) this.landedAfterEnd.set(last.kind, after - 1);
      else this.landedAfterEnd.delete(last.kind);
    }
  }

  /** Whether the strategy let the older entry stay after the last delivery: then the delivery says so. */
  settleDelivery(): void {
    const pending = this.pendingDelivery;
    this.pendingDelivery = null;
    if (pending && this.state.caches[pending.region] === pending.cached) pending.event.detail = [pending.event.detail, 'ignored: the older entry stays'].filter(Boolean).join('; ');
  }

  commit(key: number, version: number, time: number, writerRegion: number): void {
    if (key !== this.key) return;
    this.changing(time);
    this.state.latest = version;
    this.state.replicas[this.primary] = version;
    this.truth.record(key, version, time);
    this.writers.set(version, writerRegion);
    this.add(time, 'commit', this.primary, version, writerRegion === this.primary ? '' : `written in ${this.regionNames[writerRegion]}`);
  }

  writeAck(session: number, key: number, version: number, time: number): void {
    if (key !== this.key) return;
    stepIn(this.acked, session, time, version);
    const writer = this.writers.get(version) ?? this.primary;
    this.writers.delete(version);
    this.add(time, 'ack', writer, version);
  }

  writeFailed(region: number, _session: number, key: number, time: number): void {
    if (key === this.key) this.add(time, 'write-failed', region, 0, 'primary unreachable');
  }

  replicaApply(region: number, key: number, version: number, time: number): void {
    if (key !== this.key) return;
    this.changing(time);
    this.state.replicas[region] = version;
    this.add(time, 'apply', region, version);
  }

  /** Whether `time` is past the run's end but within the window asked for: counted, not told. */
  private afterEnd(time: number): boolean {
    return time > this.untilMs && time <= this.askedUntilMs;
  }

  private inWindow(time: number): boolean {
    return time >= this.fromMs && time <= this.untilMs;
  }

  read(region: number, session: number, key: number, issued: number, latencyMs: number, version: number, source: ReadSource): void {
    if (key !== this.key) return;
    // As the checkers judge it: what the session had had acknowledged, and returned, by the time it asked.
    const ownWrite = versionBy(this.acked.get(session), issued);
    const readBefore = versionBy(this.returned.get(session), issued);
    stepIn(this.returned, session, issued + latencyMs, version);
    if (!this.inWindow(issued)) return;
    const current = this.truth.versionAt(key, issued);
    const stale = version < current;
    if (issued >= this.warmupMs) {
      this.reads++;
      if (stale) this.staleReads++;
    }
    if (!stale && !this.allReads) return;
    const age = stale ? issued - this.truth.commitTime(key, version + 1) : 0;
    const why = stale ? `, ${staleCauseText(STALE_CAUSES[this.causes.cause(region, 0, source, version)], this.message)}` : '';
    const served = `from ${SOURCE_WORDS[source]} in ${latencyMs === 0 ? '0ms' : formatDuration(latencyMs)}${stale ? `, latest is v${current}, stale for ${formatDuration(age)}${why}` : ''}`;
    const broken = [
      version < ownWrite ? `breaks read-your-writes: session ${session} had its write v${ownWrite} acknowledged` : '',
      version < readBefore ? `breaks monotonic reads: session ${session} had read v${readBefore}` : '',
    ];
    const detail = [served, ...broken, this.warmupWords(issued)].filter(Boolean).join('; ');
    this.add(issued, stale ? 'stale-read' : 'read', region, version, detail, stale);
  }

  readFailed(region: number, _session: number, key: number, issued: number, why: ReadFailure): void {
    if (key === this.key) this.add(issued, 'failed-read', region, 0, [FAILURE_WORDS[why], this.warmupWords(issued)].filter(Boolean).join('; '));
  }

  /** A read issued in the warmup is told, but the headline's counts (as the run's report) leave it out: it says so. */
  private warmupWords(issued: number): string {
    return issued < this.warmupMs ? 'in the warmup, not counted' : '';
  }

  databaseRead(): void {}

  fill(region: number, key: number, version: number, time: number, refusal: FillRefusal): void {
    if (key !== this.key) return;
    const latest = this.truth.versionAt(key, time);
    const stored = refusal === FillRefusal.None;
    // The store this fill made was observed just before, as a store of unknown origin: it was this fill.
    const last = this.lastObserved;
    if (stored && last?.kind === 'update' && last.time === time && last.version === version && last.region === this.regionNames[region]) this.untellLast();
    const detail = [version < latest ? `stale: latest is v${latest}` : '', REFUSAL_WORDS[refusal]].filter(Boolean).join('; ');
    this.waiting[region] = null;
    this.add(time, stored ? 'fill' : 'refused', region, version, detail, version < latest);
  }

  leaseAnswered(region: number, key: number, time: number, answer: LeaseAnswer): void {
    if (key !== this.key) return;
    const waiting = this.waiting[region];
    if (answer === LeaseAnswer.Refused && waiting) {
      waiting.count++;
      waiting.event.detail = waitingWords(waiting.count);
      return;
    }
    this.add(time, 'lease', region, this.state.latest, LEASE_WORDS[answer]);
    const added = this.events.at(-1);
    this.waiting[region] = answer === LeaseAnswer.Refused && added?.kind === 'lease' && added.time === time ? { event: added, count: 1 } : null;
  }

  refreshStarted(region: number, key: number, version: number, time: number): void {
    if (key === this.key) this.add(time, 'refresh', region, version, 'served past its TTL: the app server refreshes it in the background');
  }

  fillInFlight(): void {}

  fillLanded(): void {}

  /** Every store changes what a cache holds: L1 stores are told here, regional ones as fills (with their guard's verdict) or, without one, as updates. */
  stored(cache: number, region: number, key: number, version: number, time: number): void {
    if (key !== this.key) return;
    if (this.layout.isL1(cache)) {
      this.add(time, 'l1-fill', region, version, this.serverOf(cache));
      return;
    }
    this.changing(time);
    this.state.caches[region] = version;
    this.causes.stored(region, 0, version < this.state.latest);
    // A fill is told next (and takes this line's place); a store without one is an update message's.
    this.add(time, 'update', region, version, version < this.state.latest ? `stale: latest is v${this.state.latest}` : '', version < this.state.latest);
  }

  entryEnd(cache: number, region: number, key: number, version: number, time: number, why: EntryEnd): void {
    if (key !== this.key) return;
    if (this.layout.isL1(cache)) {
      this.add(time, 'l1-end', region, version, `${this.serverOf(cache)}, ${END_WORDS[why]}`);
      return;
    }
    this.changing(time);
    this.state.caches[region] = null;
    this.add(time, 'end', region, version, END_WORDS[why]);
  }

  private serverOf(cache: number): string {
    return `app server ${this.layout.hostOf(cache)}`;
  }

  messageSent(region: number, key: number, version: number, time: number): void {
    if (key !== this.key) return;
    this.causes.sent(region, 0, version);
    const id = `${region}:${version}`;
    this.add(time, 'sent', region, version, this.sent.has(id) ? 'again' : '');
    this.sent.add(id);
  }

  messageDelivered(region: number, key: number, version: number, time: number): void {
    if (key !== this.key) return;
    this.causes.delivered(region, 0, version);
    const before = this.events.length;
    const id = `${region}:${version}`;
    this.add(time, 'delivered', region, version, this.delivered.has(id) ? 'again' : '');
    this.delivered.add(id);
    const cached = this.state.caches[region];
    if (this.events.length > before && cached !== null && cached < version) this.pendingDelivery = { event: this.events[before], region, cached };
  }

  messageDuplicated(region: number, key: number, version: number, time: number): void {
    if (key === this.key) this.add(time, 'duplicated', region, version);
  }

  messageHeld(region: number, key: number, version: number, time: number): void {
    if (key !== this.key) return;
    this.causes.held(region, 0, version);
    this.add(time, 'held', region, version, 'partition or paused consumer');
  }

  messageLost(region: number, key: number, version: number, time: number, retried: boolean, attempts: number, everyMs: number): void {
    if (key !== this.key) return;
    if (!retried) this.causes.lost(region, 0, version);
    const again = retried ? 'sent again after the redelivery timeout' : '';
    const several = attempts > 1 ? `${groupThousands(attempts)} attempts, one every ${formatDuration(everyMs)}, all lost` : '';
    this.add(time, 'lost', region, version, [several, again].filter(Boolean).join('; '));
  }
}

/**
 * From `time` on, `session` has (at least) `version`: a staircase rising in time and version,
 * so it holds a step per version at most (a session reading one key a million times keeps a
 * few steps, and a question scans back from the newest).
 */
function stepIn(steps: Map<number, [number, number][]>, session: number, time: number, version: number): void {
  let stairs = steps.get(session);
  if (!stairs) steps.set(session, (stairs = []));
  let at = stairs.length;
  while (at > 0 && stairs[at - 1][0] > time) at--;
  if (at > 0 && stairs[at - 1][1] >= version) return; // already had as much by then
  let covered = at;
  while (covered < stairs.length && stairs[covered][1] <= version) covered++;
  stairs.splice(at, covered - at, [time, version]);
}

/** The staircase's version at `time` (0 before its first step). */
function versionBy(stairs: [number, number][] | undefined, time: number): number {
  for (let i = (stairs?.length ?? 0) - 1; i >= 0; i--) if ((stairs as [number, number][])[i][0] <= time) return (stairs as [number, number][])[i][1];
  return 0;
}

/** Run `spec` over `scenario` and keep the story of `key`, in time order (ties in the order observed). */
export function traceKey(scenario: Scenario, spec: StrategySpec, key: number, options: TraceOptions = {}): KeyTrace {
  checkTraceAsked(scenario, key, options);
  const primary = primaryIndex(scenario);
  const fromMs = options.fromMs ?? 0;
  const untilMs = options.untilMs ?? Infinity;
  // The model lets what is in flight land after the end; the story ends with the run.
  const toldUntilMs = Math.min(untilMs, scenario.durationMs);
  const message = findPreset(spec.use)?.parts(spec.options).invalidation === 'update' ? 'update' : 'invalidation';
  const layout = new CacheLayout(scenario.regions.length, spec.cache.l1?.hosts ?? 0);
  const l1sInvalidated = spec.cache.l1?.invalidated ?? false;
  const tracer = new KeyTracer(key, scenario.regions.map((r) => r.name), primary, options.allReads ?? false, layout, fromMs, toldUntilMs, message, scenario.warmupMs, l1sInvalidated, untilMs);
  new Simulation(scenario, spec, tracer).run();
  tracer.settleDelivery();
  const events = tracer.events.map((e, i) => [e, i] as const).sort((a, b) => a[0].time - b[0].time || a[1] - b[1]).map(([e]) => e);
  return {
    key,
    strategy: spec.name,
    file: scenario.file,
    seed: scenario.seed,
    durationMs: scenario.durationMs,
    warmupMs: scenario.warmupMs,
    message,
    fromMs,
    untilMs,
    regions: scenario.regions.map((r) => r.name),
    events,
    initial: tracer.initial,
    reads: tracer.reads,
    staleReads: tracer.staleReads,
    allReads: options.allReads ?? false,
    faults: faultWindows(scenario),
    afterEnd: [...tracer.landedAfterEnd].map(([kind, count]) => ({ kind, count })),
  };
}

/** A usage error for a key the scenario lacks, or a window that would hold nothing (told as the CLI's options). */
function checkTraceAsked(scenario: Scenario, key: number, { fromMs, untilMs }: TraceOptions): void {
  const keys = scenario.workload.keys;
  if (!Number.isInteger(key) || key < 0 || key >= keys) throw new UsageError(`--key ${key}: ${scenario.file} has keys 0 to ${keys - 1} (0 is the most popular)`);
  if (fromMs !== undefined && untilMs !== undefined && fromMs > untilMs) throw new UsageError('--from is after --until: the window would hold nothing');
  if (fromMs !== undefined && fromMs >= scenario.durationMs) {
    const at = (ms: number) => formatDuration(ms, { exact: true });
    throw new UsageError(`--from ${at(fromMs)}: the run is over by then (duration: ${at(scenario.durationMs)}); allowed: a time before the end`);
  }
}

function copyState(s: TraceState): TraceState {
  return { latest: s.latest, caches: [...s.caches], replicas: [...s.replicas] };
}
