/**
 * A Collector that also checks, as the run goes, the invariants strategies promise.
 * It sees only observations (what any checker sees), so a violation it records is one a
 * user's report would contain.
 */
import { Collector, collectorOptions } from '../../src/metrics/collector.js';
import type { StrategyResult } from '../../src/metrics/results.js';
import { Simulation } from '../../src/model/simulation.js';
import { EntryEnd, type ReadSource } from '../../src/model/observer.js';
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
}

class CheckingCollector extends Collector {
  readonly violations: Violations = { truth: [], replacedNewerByOlder: [], storedBelowHeard: [], storedAfterRacingInvalidation: [] };
  /** Version an entry held when a store replaced it (the store reports the replacement first). */
  private readonly replaced = new Map<number, number>();
  private readonly heard = new Map<number, number>();
  private readonly lastDelivery = new Map<number, number>();
  private readonly committed = new Map<number, number>();

  private readonly keys: number;

  constructor(scenario: Scenario) {
    super(collectorOptions(scenario));
    this.keys = scenario.workload.keys;
  }

  private cell(region: number, key: number): number {
    return region * this.keys + key;
  }

  override commit(key: number, version: number, time: number): void {
    this.committed.set(key, version);
    super.commit(key, version, time);
  }

  override read(region: number, session: number, key: number, issued: number, latencyMs: number, version: number, source: ReadSource): void {
    if (version < 0 || version > (this.committed.get(key) ?? 0)) this.violations.truth.push(`key ${key} read version ${version} at ${issued}`);
    super.read(region, session, key, issued, latencyMs, version, source);
  }

  override fill(region: number, key: number, version: number, time: number, stored: boolean, readAt: number): void {
    if (stored) {
      const cell = this.cell(region, key);
      const current = this.replaced.get(cell);
      this.replaced.delete(cell);
      if (current !== undefined && version < current) this.violations.replacedNewerByOlder.push(`region ${region} key ${key}: ${current} → ${version} at ${time}`);
      if (version < (this.heard.get(cell) ?? 0)) this.violations.storedBelowHeard.push(`region ${region} key ${key}: stored ${version} after hearing ${this.heard.get(cell)} at ${time}`);
      if ((this.lastDelivery.get(cell) ?? -1) > readAt) this.violations.storedAfterRacingInvalidation.push(`region ${region} key ${key}: read at ${readAt}, stored at ${time}`);
    }
    super.fill(region, key, version, time, stored, readAt);
  }

  override entryEnd(region: number, key: number, version: number, time: number, why: EntryEnd): void {
    if (why === EntryEnd.Replaced) this.replaced.set(this.cell(region, key), version);
    super.entryEnd(region, key, version, time, why);
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
  const collector = new CheckingCollector(scenario);
  const events = new Simulation(scenario, spec, collector).run();
  return { result: collector.result(spec.use, events), violations: collector.violations };
}
