/**
 * `cache-sim merge`: the documents of every shard of one sweep -> the sweep's results, the
 * same, number for number, as running the sweep unsharded (the summaries are computed by the
 * same function from the same values in the same order). Every problem of every file is
 * reported at once, at the place in the file it concerns; a shard missing is a usage error.
 */
import { z } from 'zod';
import { InputError, type Problem, UsageError } from './errors.js';
import { readJsonDocument } from './json-document.js';
import { metricRange } from './metrics/metric-names.js';
import type { Locator } from './scenario/positions.js';
import { runPlaces, SHARD_KIND, type ShardDocument, shardRuns } from './sweep-shard.js';
import { runCount, type SweepLayout, type SweepResults, summariseRuns } from './sweep.js';

/** A shard document as read: its file name and text. */
export interface ShardFile {
  file: string;
  text: string;
}

const whole = z.int().min(0);
const expectationRef = z.strictObject({ strategy: z.string(), metric: z.string(), condition: z.string(), at: z.string() });
const shardSchema = z.strictObject({
  version: z.literal(1),
  kind: z.literal(SHARD_KIND),
  shard: z.strictObject({ index: z.int().min(1), count: z.int().min(1) }),
  plan: z.string(),
  scenario: z.string(),
  file: z.string(),
  seed: whole,
  seeds: z.array(whole).min(1),
  params: z.array(z.strictObject({ path: z.string(), values: z.array(z.string()).min(1) })).min(1),
  metrics: z.array(z.string()).min(1),
  sets: z.array(z.string()),
  skipped_expectations: z.array(expectationRef).optional(),
  points: z
    .array(
      z.strictObject({
        params: z.record(z.string(), z.string()),
        strategies: z.array(z.string()),
        expectations: z.array(expectationRef),
      }),
    )
    .min(1),
  runs: z.array(
    z.strictObject({
      run: whole,
      point: whole,
      strategy: z.string(),
      seed: whole,
      metrics: z.record(z.string(), z.number().nullable()).superRefine((metrics, context) => {
        // What a run cannot have measured: an edited shard would bend every mean it enters.
        for (const [metric, value] of Object.entries(metrics)) {
          const problem = value === null ? undefined : impossibleValue(metric, value);
          if (problem) context.addIssue({ code: 'custom', path: [metric], message: problem });
        }
      }),
      expectations: z.array(z.strictObject({ actual: z.number().nullable(), pass: z.boolean() })),
    }),
  ),
});

/** Why `value` cannot be what a run measured of `metric`, if it cannot: every metric is ≥ 0, a ratio at most 1, a count whole. */
function impossibleValue(metric: string, value: number): string | undefined {
  const range = metricRange(metric);
  if (value < 0 || (range === 'ratio' && value > 1) || (range === 'count' && !Number.isInteger(value))) {
    const allowed = range === 'ratio' ? 'a ratio from 0 to 1' : range === 'count' ? 'a whole count ≥ 0' : 'a number ≥ 0';
    return `${value} is no value a run measures of ${metric}; allowed: ${allowed}, as cache-sim wrote it`;
  }
  return undefined;
}

const WHAT_MERGE_TAKES = 'cache-sim merge takes the JSON documents printed by `cache-sim sweep FILE --shard i/n`';
const NOT_A_SHARD = `not a sweep shard; ${WHAT_MERGE_TAKES}`;

interface ReadShard {
  file: string;
  doc: ShardDocument;
  /** Positions in the file: parsed (the text again, as YAML) only when a problem needs one. */
  at: () => Locator;
}

export function mergeShards(files: readonly ShardFile[]): SweepResults {
  if (files.length === 0) throw new UsageError('give the files of every shard of the sweep');
  const problems: Problem[] = [];
  const shards: ReadShard[] = [];
  for (const file of files) {
    const read = readShard(file, problems);
    if (read) shards.push(read);
  }
  if (problems.length > 0) throw new InputError(problems);
  const byIndex = checkOneSweep(shards, problems);
  if (problems.length > 0) throw new InputError(problems);
  const { count } = shards[0].doc.shard;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const names = missing.map((index) => `${index}/${count}`).join(', ');
    throw new UsageError(`shard${missing.length === 1 ? '' : 's'} ${names} missing; give every shard of the sweep, 1/${count} to ${count}/${count}`);
  }
  const runs = new Map<number, ShardDocument['runs'][number]>();
  for (const { doc } of shards) for (const run of doc.runs) runs.set(run.run, run);
  // Shard 1's header (its scenario path, should the shards have run from different folders), whatever the order given.
  const first = (byIndex.get(1) as ReadShard).doc;
  return summariseRuns(
    layoutOf(first),
    (run, metric) => runs.get(run)?.metrics[metric] ?? NaN,
    (run) => runs.get(run)?.expectations ?? [],
  );
}

function layoutOf(doc: ShardDocument): SweepLayout {
  const { scenario, file, seed, seeds, params, metrics, sets, skipped_expectations } = doc;
  return {
    results: { version: 1, scenario, file, seed, seeds, params, metrics, sets, skipped_expectations },
    points: doc.points.map((point) => point.params),
    strategies: doc.points.map((point) => point.strategies),
    expectations: doc.points.map((point) => point.expectations),
  };
}

/** One file: JSON, shaped as a shard document, holding exactly its shard's runs. */
function readShard({ file, text }: ShardFile, problems: Problem[]): ReadShard | undefined {
  const read = readJsonDocument({ file, text }, shardSchema, problems, {
    rejects: (value) => ((value as { kind?: unknown } | null)?.kind === SHARD_KIND ? undefined : NOT_A_SHARD),
    whatTakes: WHAT_MERGE_TAKES,
  });
  if (!read) return undefined;
  const shard = { file, doc: read.doc as ShardDocument, at: read.at };
  const own = runProblems(shard);
  problems.push(...own);
  return own.length === 0 ? shard : undefined;
}

/** The runs a shard must hold, each where the layout puts it, with every metric. */
function runProblems({ doc, at }: ReadShard): Problem[] {
  const { index, count } = doc.shard;
  if (index > count) return [at().atValue(['shard', 'index'], `shard ${index}/${count}: the index is at most the count`)];
  const layout = layoutOf(doc);
  const expected = shardRuns(runCount(layout), doc.shard);
  if (doc.runs.length !== expected.length) {
    return [at().atValue(['runs'], `shard ${index}/${count} of this sweep holds ${expected.length} runs; this file has ${doc.runs.length}`)];
  }
  const places = runPlaces(layout);
  const metrics = [...doc.metrics].sort().join(',');
  return doc.runs.flatMap((run, i) => {
    const place = places[expected[i]];
    if (run.run !== expected[i]) return [at().atValue(['runs', i, 'run'], `expected run ${expected[i]} here (shard ${index}/${count} holds runs ${expected.slice(0, 3).join(', ')}, … in order)`)];
    if (run.point !== place.point || run.strategy !== place.strategy || run.seed !== doc.seeds[place.seedIndex]) {
      return [at().atValue(['runs', i], `run ${run.run} is point ${place.point}, strategy ${place.strategy}, seed ${doc.seeds[place.seedIndex]} in this sweep`)];
    }
    if (Object.keys(run.metrics).sort().join(',') !== metrics) return [at().atValue(['runs', i, 'metrics'], `expected the metrics ${doc.metrics.join(', ')}`)];
    const judged = layout.expectations[place.point].filter((e) => e.strategy === run.strategy).length;
    if (run.expectations.length !== judged) return [at().atValue(['runs', i, 'expectations'], `expected ${judged} outcome${judged === 1 ? '' : 's'}, one per expectation of ${run.strategy} at its point`)];
    return [];
  });
}

/** Every shard from the same sweep, split the same way, each once; returns the shards by index. */
function checkOneSweep(shards: readonly ReadShard[], problems: Problem[]): Map<number, ReadShard> {
  const byIndex = new Map<number, ReadShard>();
  const [first] = shards;
  for (const shard of shards) {
    const { doc, at } = shard;
    if (doc.plan !== first.doc.plan) {
      problems.push(
        at().atValue(
          ['plan'],
          `from another sweep than ${first.file} (the scenario, cache-sim's version, or a --param, --set, --seed, --seeds, --strategy or --metric differs); merge the shards of one sweep`,
        ),
      );
    } else if (doc.shard.count !== first.doc.shard.count) {
      problems.push(at().atValue(['shard', 'count'], `split into ${doc.shard.count} shards, but ${first.file} into ${first.doc.shard.count}; merge shards of one split`));
    } else if (byIndex.has(doc.shard.index)) {
      problems.push(at().atValue(['shard', 'index'], `shard ${doc.shard.index}/${doc.shard.count} again (also in ${byIndex.get(doc.shard.index)?.file}); give each shard once`));
    } else {
      byIndex.set(doc.shard.index, shard);
    }
  }
  return byIndex;
}
