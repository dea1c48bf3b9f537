/**
 * The database: a primary that gives each key its next version on commit, and one
 * asynchronous read replica per non-primary region. A replica applies a key's versions in
 * commit order: version v becomes visible at max(C(v) + lag, visibility of v-1) (SPEC §3),
 * with `lag` drawn from the region's distribution for that write — the same draw for
 * every strategy. The primary region reads the primary itself.
 *
 * Faults act on replication through verbs: `spikeLag`/`endLagSpike` (a `replica_lag`
 * window) and `pauseReplication`/`resumeReplication` (a paused replica, or one cut off from
 * the primary: applies wait and happen, in commit order, when the last pause ends). Both nest.
 */
import { type Sampler, sampler } from '../random/distributions.js';
import type { Indexed } from '../random/streams.js';
import type { Dist, Scenario } from '../scenario/types.js';
import { Holds } from './holds.js';
import { Overrides } from './overrides.js';

export class Database {
  /** Latest committed version per key (0 = never written). */
  readonly primaryVersions: Int32Array;
  private readonly replicaVersions: Int32Array;
  private readonly lastVisible: Float64Array;
  private readonly lagSamplers: Sampler[];
  /** Per region, the lag of the open `replica_lag` window (the latest started), if any. */
  private readonly lagSpikes: Overrides<Sampler>[];
  /** Replication held back per region (paused replica, partition from the primary). */
  private readonly holds: Holds;
  private readonly keys: number;

  constructor(
    scenario: Scenario,
    readonly primary: number,
    private readonly lagDraws: Indexed,
    /** Schedules a replica apply (used to re-send applies a fault held back). */
    private readonly scheduleApply: (time: number, region: number, key: number, version: number) => void,
  ) {
    const regions = scenario.regions.length;
    this.keys = scenario.workload.keys;
    this.primaryVersions = new Int32Array(this.keys);
    this.replicaVersions = new Int32Array(regions * this.keys);
    this.lastVisible = new Float64Array(regions * this.keys);
    this.lagSamplers = scenario.regions.map((r) => sampler(r.replicaLag));
    this.lagSpikes = scenario.regions.map(() => new Overrides<Sampler>());
    this.holds = new Holds(regions);
  }

  /**
   * Window `token` (a fault's index) opens: writes committed from now on draw `region`'s
   * replication lag (ms) from `lag` instead of the region's own distribution — with the same
   * draw address, so every strategy still sees the same lag for the same write. Overlapping
   * windows: the one started last is in force until it ends.
   */
  spikeLag(region: number, token: number, lag: Dist): void {
    this.lagSpikes[region].start(token, sampler(lag));
  }

  /** Window `token` closes: the latest started window still open applies, else the region's own lag. */
  endLagSpike(region: number, token: number): void {
    this.lagSpikes[region].end(token);
  }

  /** Apply nothing at `region`'s replica until the matching `resumeReplication` (pauses nest). */
  pauseReplication(region: number): void {
    this.holds.block(region);
  }

  /** End one pause of `region`; when it was the last, apply at `now` (ms) what was held, in commit order. */
  resumeReplication(region: number, now: number): void {
    this.holds.unblock(region, (r, key, version) => this.scheduleApply(now, r, key, version));
  }

  /** Applies waiting for `region`'s replica to resume. */
  held(region: number): number {
    return this.holds.held(region);
  }

  /** Commit the next version of `key`; returns it. */
  commit(key: number): number {
    return ++this.primaryVersions[key];
  }

  /**
   * When `region`'s replica will show the version of `key` committed at `commitTime` by
   * write number `writeIndex` (and remembers it, so the next version cannot overtake it).
   */
  visibleAt(region: number, key: number, commitTime: number, writeIndex: number): number {
    const cell = region * this.keys + key;
    const lag = (this.lagSpikes[region].current ?? this.lagSamplers[region])(this.lagDraws.u(writeIndex, region));
    const visible = Math.max(commitTime + lag, this.lastVisible[cell]);
    this.lastVisible[cell] = visible;
    return visible;
  }

  /**
   * Whether an apply arriving at `region`'s replica now may happen (called for every apply,
   * and again for each held one when it is released). While replication to the region is
   * paused it is held. Applies of one key arrive in commit order (visibility is monotone), so
   * holding in arrival order keeps commit order.
   */
  admit(region: number, key: number, version: number): boolean {
    if (!this.holds.isHeld(region)) return true;
    this.holds.hold(region, key, version);
    return false;
  }

  apply(region: number, key: number, version: number): void {
    const cell = region * this.keys + key;
    if (version > this.replicaVersions[cell]) this.replicaVersions[cell] = version;
  }

  /** What a read of `region`'s own database copy returns now. */
  readLocal(region: number, key: number): number {
    return region === this.primary ? this.primaryVersions[key] : this.replicaVersions[region * this.keys + key];
  }
}
