/**
 * A Collector that also checks, as the run goes, the invariants strategies promise.
 * It sees only observations (what any checker sees), so a violation it records is one a
 * user's report would contain.
 */
import { Collector, collectorOptions } from '../../src/metrics/collector.js';
import type { StrategyResult } from '../../src/metrics/results.js';
import { Simulation } from '../../src/model/simulation.js';
import { EntryEnd, FillRefusal, ReadSource } from '../../src/model/observer.js';
import type { Scenario, StrategySpec } from '../../src/scenario/types.js';

export interface Violations {
  /** A read returned a version never committed (from the future) or negative. */
  truth: string[];
  /** A cache stored an older version over a newer one. */
  replacedNewerByOlder: string[];
  /** A cache stored a version older than one its region had already heard of. */
  storedBelowHeard: string[];
  /** A fill stored although an invalidation reached its region after its database read. */
  storedAfterRacingInvalidation: string[];
  /** A cache hit (regional or L1) returned a version older than its region's own database copy held at that moment. */
  hitBehindReplica: string[];
  /** A cache stored a version the checkers had already forgotten (a copy they were not told was on its way). */
  copyOfForgotten: string[];
  /** An L1 kept a value its regional cache had just refused (a guard must hold for both). */
  l1KeptRefused: string[];
}

export class CheckingCollector extends Collector {
  readonly violations: Violations = { truth: [], replacedNewerByOlder: [], storedBelowHeard: [], storedAfterRacingInvalidation: [], hitBehindReplica: [], copyOfForgotten: [], l1KeptRefused: [] };
  /** The last fill a regional cache refused: `region/key/version@time`. */
  private lastRefused = '';
  /** Version an entry held when a store replaced it (the store reports the replacement first). */
  private readonly replaced = new Map<number, number>();
  private readonly heard = new Map<number, number>();
  private readonly lastDelivery = new Map<number, number>();
  private readonly committed = new Map<number, number>();
  /** Version each region's database copy shows, per cell (the primary region's is the primary). */
  private readonly copies = new Map<number, number>();

  private readonly keys: number;
  private readonly primary: number;

  constructor(scenario: Scenario, spec: StrategySpec) {
    const options = collectorOptions(scenario, spec);
    super(options);
    this.keys = scenario.workload.keys;
    this.primary = options.primary;
  }

  private cell(region: number, key: number): number {
    return region * this.keys + key;
  }

  override commit(key: number, version: number, time: number, writerRegion: number): void {
    this.committed.set(key, version);
    this.copies.set(this.cell(this.primary, key), version);
    super.commit(key, version, time, writerRegion);
  }

  override replicaApply(region: number, key: number, version: number): void {
    this.copies.set(this.cell(region, key), version);
    super.replicaApply(region, key, version);
  }

  override read(region: number, session: number, key: number, issued: number, latencyMs: number, version: number, source: ReadSource): void {
    if (version < 0 || version > (this.committed.get(key) ?? 0)) this.violations.truth.push(`key ${key} read version ${version} at ${issued}`);
    // A hit is answered when the client asked (zero-latency scenarios make that instant exact).
    const copy = this.copies.get(this.cell(region, key)) ?? 0;
    if ((source === ReadSource.Cache || source === ReadSource.L1) && version < copy) this.violations.hitBehindReplica.push(`region ${region} key ${key}: hit ${version}, replica at ${copy}, at ${issued}`);
    super.read(region, session, key, issued, latencyMs, version, source);
  }

  override fill(region: number, key: number, version: number, time: number, refusal: FillRefusal, readAt: number): void {
    const stored = refusal === FillRefusal.None;
    if (!stored) this.lastRefused = `${region}/${key}/${version}@${time}`;
    if (stored) {
      const cell = this.cell(region, key);
      if (version < (this.heard.get(cell) ?? 0)) this.violations.storedBelowHeard.push(`region ${region} key ${key}: stored ${version} after hearing ${this.heard.get(cell)} at ${time}`);
      if ((this.lastDelivery.get(cell) ?? -1) > readAt) this.violations.storedAfterRacingInvalidation.push(`region ${region} key ${key}: read at ${readAt}, stored at ${time}`);
    }
    super.fill(region, key, version, time, refusal, readAt);
  }

  override stored(cache: number, region: number, key: number, version: number, time: number, servableUntil: number): void {
    // Any store, a fill, an L1 copy or an update: did it replace a newer version?
    const cell = cache * this.keys + key;
    const current = this.replaced.get(cell);
    this.replaced.delete(cell);
    if (current !== undefined && version < current) this.violations.replacedNewerByOlder.push(`cache ${cache} key ${key}: ${current} → ${version} at ${time}`);
    // Regional caches are checked on their fills (below); an L1 keeps copies of what its region accepted.
    const heard = this.heard.get(this.cell(region, key)) ?? 0;
    if (cache !== region && version < heard) this.violations.storedBelowHeard.push(`L1 ${cache} key ${key}: stored ${version} after its region heard ${heard}`);
    if (cache !== region && this.lastRefused === `${region}/${key}/${version}@${time}`) this.violations.l1KeptRefused.push(`L1 ${cache} key ${key}: kept ${version} at ${time}`);
    if (version < this.truth.oldestJudged(key)) this.violations.copyOfForgotten.push(`cache ${cache} key ${key}: stored ${version}, forgotten up to ${this.truth.oldestJudged(key)}`);
    super.stored(cache, region, key, version, time, servableUntil);
  }

  override entryEnd(cache: number, region: number, key: number, version: number, time: number, why: EntryEnd): void {
    if (why === EntryEnd.Replaced) this.replaced.set(cache * this.keys + key, version);
    super.entryEnd(cache, region, key, version, time, why);
  }

  override messageDelivered(region: number, key: number, version: number, time: number): void {
    const cell = this.cell(region, key);
    if (version > (this.heard.get(cell) ?? 0)) this.heard.set(cell, version);
    this.lastDelivery.set(cell, time);
    super.messageDelivered(region, key, version, time);
  }
}

/** Run one strategy and return its metrics and every invariant violation seen. */
export function runChecked(scenario: Scenario, spec: StrategySpec): { result: StrategyResult; violations: Violations } {
  const collector = new CheckingCollector(scenario, spec);
  const events = new Simulation(scenario, spec, collector).run();
  return { result: collector.result(spec.use, events), violations: collector.violations };
}
