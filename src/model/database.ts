/**
 * The database: a primary that gives each key its next version on commit, and one
 * asynchronous read replica per non-primary region. A replica applies a key's versions in
 * commit order: version v becomes visible at max(C(v) + lag, visibility of v-1) (SPEC §3),
 * with `lag` drawn from the region's distribution for that write — the same draw for
 * every strategy. The primary region reads the primary itself.
 */
import { type Sampler, sampler } from '../random/distributions.js';
import type { Indexed } from '../random/streams.js';
import type { Scenario } from '../scenario/types.js';

export class Database {
  /** Latest committed version per key (0 = never written). */
  readonly primaryVersions: Int32Array;
  private readonly replicaVersions: Int32Array;
  private readonly lastVisible: Float64Array;
  private readonly lagSamplers: Sampler[];
  private readonly keys: number;

  constructor(
    scenario: Scenario,
    readonly primary: number,
    private readonly lagDraws: Indexed,
  ) {
    const regions = scenario.regions.length;
    this.keys = scenario.workload.keys;
    this.primaryVersions = new Int32Array(this.keys);
    this.replicaVersions = new Int32Array(regions * this.keys);
    this.lastVisible = new Float64Array(regions * this.keys);
    this.lagSamplers = scenario.regions.map((r) => sampler(r.replicaLag));
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
    const lag = this.lagSamplers[region](this.lagDraws.u(writeIndex, region));
    const visible = Math.max(commitTime + lag, this.lastVisible[cell]);
    this.lastVisible[cell] = visible;
    return visible;
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
