/**
 * A sweep split over several machines: `sweep --shard i/n` runs shard i of n and prints its
 * runs' metric values as a JSON document; `cache-sim merge` puts the n documents back together
 * (src/sweep-merge.ts). Shard i takes every n-th run of the plan from the (i−1)-th on, so
 * the costly grid points (long TTLs, many strategies) are spread over the shards rather
 * than all landing on one.
 */
import { createHash } from 'node:crypto';
import type { ExpectationRef } from './metrics/results.js';
import type { Scenario } from './scenario/types.js';
import { type ExpectationOutcome, type RunSummary, type SweepLayout, type SweepPlan, type SweepResults } from './sweep.js';
import { VERSION } from './version.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** What `kind` says in a shard document, so that merge can tell one from any other JSON. */
export const SHARD_KIND = 'cache-sim sweep shard';

/** One run of the sweep and its metric values (`null` where a metric has no value, as in the sweep's own JSON). */
export interface ShardRun {
  /** Index in the plan's order of runs (point by point, strategy by strategy, seed by seed). */
  run: number;
  point: number;
  strategy: string;
  seed: number;
  metrics: Record<string, number | null>;
  /** What it measured of its strategy's expectations, in the order its point lists them. */
  expectations: ExpectationOutcome[];
}

export interface ShardDocument {
  version: 1;
  kind: typeof SHARD_KIND;
  shard: Shard;
  /** Fingerprint of the whole sweep: shards merge only with shards of the same plan. */
  plan: string;
  scenario: string;
  file: string;
  seed: number;
  seeds: number[];
  params: SweepResults['params'];
  metrics: string[];
  /** The user's `--set`s, for the commands that replay a run. */
  sets: string[];
  /** Expectations about strategies left out (`--strategy`); absent when none. */
  skipped_expectations?: ExpectationRef[];
  points: { params: Record<string, string>; strategies: string[]; expectations: ExpectationRef[] }[];
  runs: ShardRun[];
}

export const SHARD_USAGE = 'give i/n with 1 ≤ i ≤ n, e.g. --shard 2/4.';

/** `i/n` as a shard; undefined unless 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return match && Number.isSafeInteger(count) && index >= 1 && index <= count ? { index, count } : undefined;
}

/** The runs of a sweep with `total` runs that shard `shard` runs, in plan order. */
export function shardRuns(total: number, shard: Shard): number[] {
  const runs: number[] = [];
  for (let run = shard.index - 1; run < total; run += shard.count) runs.push(run);
  return runs;
}

/** Where each run sits in the layout: its point, strategy and seed index, in plan order. */
export function runPlaces(layout: SweepLayout): { point: number; strategy: string; seedIndex: number }[] {
  return layout.points.flatMap((_, point) =>
    layout.strategies[point].flatMap((strategy) => layout.results.seeds.map((_, seedIndex) => ({ point, strategy, seedIndex }))),
  );
}

/** The document shard `shard` prints: the sweep's header and layout, and the metric values of its runs. */
export function shardDocument(plan: SweepPlan, shard: Shard, runs: readonly number[], summaries: readonly RunSummary[]): ShardDocument {
  const { scenario, file, seed, seeds, params, metrics, sets, skipped_expectations } = plan.results;
  const places = runPlaces(plan);
  return {
    version: 1,
    kind: SHARD_KIND,
    shard,
    plan: planFingerprint(plan),
    scenario,
    file,
    seed,
    seeds,
    params,
    metrics,
    sets,
    skipped_expectations,
    points: plan.points.map((pointParams, point) => ({ params: pointParams, strategies: plan.strategies[point], expectations: plan.expectations[point] })),
    runs: runs.map((run, i) => {
      const { point, strategy, seedIndex } = places[run];
      const values = Object.fromEntries(metrics.map((m, j) => [m, finiteOrNull(summaries[i].values[j])]));
      return { run, point, strategy, seed: seeds[seedIndex], metrics: values, expectations: summaries[i].expectations };
    }),
  };
}

/** JSON has no NaN: a metric without a value is written `null`, as the sweep's JSON writes it. */
function finiteOrNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/**
 * A digest of everything that decides a sweep's numbers: cache-sim's version, the layout, and
 * the normalised scenario of every run (so a scenario edited between shards, another
 * `--set`, `--seed`, `--seeds`, `--param`, `--strategy` or `--metric` all change it). The
 * scenario's file path is left out: shards may run from different folders.
 */
function planFingerprint(plan: SweepPlan): string {
  const hash = createHash('sha256');
  const scenarioIds = new Map<Scenario, number>();
  const runs = plan.runs.map(({ scenario, spec }) => {
    let id = scenarioIds.get(scenario);
    if (id === undefined) {
      id = scenarioIds.size;
      scenarioIds.set(scenario, id);
      hash.update(JSON.stringify(scenario, withoutFiles));
    }
    return [id, spec.name];
  });
  const { file: _file, ...header } = plan.results;
  hash.update(JSON.stringify({ version: VERSION, header, points: plan.points, strategies: plan.strategies, runs }, withoutFiles));
  return hash.digest('hex');
}

/** A value without the scenario's path: no `file`, and an expectation's place (`FILE:LINE:COL`) as its line and column alone. */
function withoutFiles(key: string, value: unknown): unknown {
  if (key === 'file') return undefined;
  return key === 'at' && typeof value === 'string' ? value.replace(/^.*(:\d+:\d+)$/, '$1') : value;
}
