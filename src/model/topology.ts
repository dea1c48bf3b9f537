/**
 * Regions by index and the one-way latency between any two places. Same-region hops use
 * `network.localLatency`; cross-region hops use a link's distribution or the default.
 * A hop's latency is a counter-based draw addressed by (operation, hop number), so the
 * same operation sees the same latency whichever strategy runs it.
 *
 * Network partitions (`partition`/`heal`, nesting) make a pair of regions unreachable both
 * ways; the read and write paths ask `reachable` before sending a request across.
 */
import { type Sampler, sampler } from '../random/distributions.js';
import type { Indexed } from '../random/streams.js';
import type { Dist, Scenario } from '../scenario/types.js';
import { Switches } from './switches.js';

/** The primary region's index (a normalised scenario has exactly one). */
export function primaryIndex(scenario: Scenario): number {
  return scenario.regions.findIndex((r) => r.primary);
}

export class Topology {
  readonly regionCount: number;
  readonly regionNames: readonly string[];
  readonly primary: number;
  private readonly samplers: Sampler[];
  /** NaN where the hop is random; the constant otherwise (skips the draw). */
  private readonly constants: Float64Array;
  /** Network partitions in force per ordered pair of regions (kept symmetric); they nest. */
  private readonly cuts: Switches;

  constructor(
    scenario: Scenario,
    private readonly draws: Indexed,
  ) {
    const names = scenario.regions.map((r) => r.name);
    const n = names.length;
    this.regionCount = n;
    this.regionNames = names;
    this.primary = primaryIndex(scenario);
    const dists: Dist[] = new Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) dists[a * n + b] = a === b ? scenario.network.localLatency : scenario.network.defaultLatency;
    }
    for (const link of scenario.network.links) {
      const a = names.indexOf(link.a);
      const b = names.indexOf(link.b);
      dists[a * n + b] = link.latency;
      dists[b * n + a] = link.latency;
    }
    this.samplers = dists.map(sampler);
    this.constants = Float64Array.from(dists, (d) => (d.kind === 'constant' ? d.value : Number.NaN));
    this.cuts = new Switches(n * n);
  }

  /**
   * Whether a message from region `from` can reach region `to` now: false while any network
   * partition between the two is in force (either direction). A region always reaches itself.
   * One field read when no partition is in force anywhere.
   */
  reachable(from: number, to: number): boolean {
    return !this.cuts.isOn(from * this.regionCount + to);
  }

  /**
   * Cut the network between regions `a` and `b`, both ways, until the matching `heal`.
   * Partitions nest: the pair is reachable again only when every partition of it has healed.
   * Partitioning a region from itself does nothing (it always reaches itself).
   */
  partition(a: number, b: number): void {
    if (a === b) return;
    this.cuts.on(a * this.regionCount + b);
    this.cuts.on(b * this.regionCount + a);
  }

  /** End one partition between `a` and `b` (the one a `partition(a, b)` or `partition(b, a)` began). */
  heal(a: number, b: number): void {
    if (a === b) return;
    this.cuts.off(a * this.regionCount + b);
    this.cuts.off(b * this.regionCount + a);
  }

  regionIndex(name: string): number {
    return this.regionNames.indexOf(name);
  }

  /** One-way latency from region `from` to region `to` for hop `hop` of operation `operation`. */
  latency(from: number, to: number, operation: number, hop: number): number {
    const cell = from * this.regionCount + to;
    const constant = this.constants[cell];
    if (constant === constant) return constant; // not NaN
    return this.samplers[cell](this.draws.u(operation, hop));
  }
}
