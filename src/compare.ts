/**
 * `compare`: two sweep documents (`run --seeds N --format json`, or `sweep --format json`) of
 * the same seeds — a base and a head, say the main branch and a change to a scenario or to
 * cache-sim — metric by metric. The seeds being the same, every strategy met the same reads,
 * writes and faults in both, so the comparison is paired: per seed, head − base, and the
 * change is the mean of those differences with its 95 % Student-t confidence interval — far
 * tighter than comparing two independent means.
 */
import { z } from 'zod';
import { formatProblem, InputError, type Problem, wholeFileProblem } from './errors.js';
import { type JsonFile, readJsonDocument } from './json-document.js';
import { mean, meanCI } from './metrics/confidence.js';
import { durationMs, fraction, PERCENT_PATTERN, SIGNED_DURATION_PATTERN } from './scenario/units.js';
import { round } from './util/round.js';
import { SHARD_KIND } from './sweep-shard.js';

const COMPARE_TAKES = 'cache-sim compare takes two JSON documents printed by `cache-sim run FILE --seeds N --format json` or `cache-sim sweep ... --format json`';

const summary = z.looseObject({ values: z.array(z.number().nullable()) });
const documentSchema = z
  .looseObject({
    version: z.literal(1),
    scenario: z.string(),
    seeds: z.array(z.int()).min(1),
    params: z.array(z.looseObject({ path: z.string() })),
    metrics: z.array(z.string()),
    points: z.array(z.looseObject({ params: z.record(z.string(), z.string()), strategies: z.record(z.string(), z.record(z.string(), summary)) })),
  })
  // Values pair seed by seed: a list of another length (an edited file) would pair the wrong seeds.
  .superRefine((doc, context) => {
    doc.points.forEach((point, p) => {
      for (const [strategy, metrics] of Object.entries(point.strategies)) {
        for (const [metric, { values }] of Object.entries(metrics)) {
          if (values.length === doc.seeds.length) continue;
          context.addIssue({
            code: 'custom',
            path: ['points', p, 'strategies', strategy, metric, 'values'],
            message: `${values.length} values for ${doc.seeds.length} seeds; allowed: one value (or null) per seed, as cache-sim wrote it`,
          });
        }
      }
    });
  });

type SweepDocument = z.output<typeof documentSchema>;

/** One metric of one strategy at one point, in both documents. */
export interface MetricChange {
  /** The point's parameter values (empty for `run --seeds`). */
  params: Record<string, string>;
  strategy: string;
  metric: string;
  /** Means over the seeds where both have a value. */
  base: number;
  head: number;
  /** Mean of the per-seed differences head − base, and the half-width of its 95 % interval. */
  change: number;
  ci95: number;
  /** The interval leaves out 0 (over two seeds or more): the change is not noise between seeds. */
  significant: boolean;
  /** Seeds where both documents have a value. */
  pairs: number;
}

/**
 * What one document has and the other cannot be paired with: a whole grid point (no
 * strategy), a strategy at a point (no metric), or a metric with values on one side only.
 */
export interface Unpaired {
  params: Record<string, string>;
  strategy?: string;
  metric?: string;
  /** The seeds where only this side has a value of the metric, when the other has one on some seeds (absent: on every seed). */
  seeds?: number[];
}

export interface Comparison {
  version: 1;
  base: { file: string; scenario: string };
  head: { file: string; scenario: string };
  seeds: number[];
  changes: MetricChange[];
  /** What the head lost: a gate on the changes alone would pass it unseen (`--fail-on-worse` fails on it). */
  only_in_base: Unpaired[];
  /** What the head added. */
  only_in_head: Unpaired[];
  /** Metrics the base measured and the head did not ask for (its `--metric`s, or an expectation it no longer has): not lost, just not compared. */
  metrics_only_in_base: string[];
  /** Metrics the head measured and the base did not ask for. */
  metrics_only_in_head: string[];
}

/** Compare two documents' texts; every problem of both at once (exit 2 at the CLI). */
export function compareDocuments(base: JsonFile, head: JsonFile): Comparison {
  const problems: Problem[] = [];
  const read = (f: JsonFile) => readJsonDocument(f, documentSchema, problems, { rejects: notComparable, whatTakes: COMPARE_TAKES })?.doc;
  const a = read(base);
  const b = read(head);
  // The same file given twice says what is wrong with it once.
  if (!a || !b) throw new InputError([...new Map(problems.map((p) => [formatProblem(p), p])).values()]);
  if (a.seeds.join(',') !== b.seeds.join(',')) {
    throw new InputError([
      wholeFileProblem(head.file, `ran on other seeds than ${base.file}; a paired comparison needs the same seeds: the same scenario seed (or --seed) and --seeds`),
    ]);
  }
  const found = changes(a, b);
  if (found.length === 0) {
    throw new InputError([wholeFileProblem(head.file, `nothing in common with ${base.file}: no grid point, strategy and metric that both have`)]);
  }
  return {
    version: 1,
    base: { file: base.file, scenario: a.scenario },
    head: { file: head.file, scenario: b.scenario },
    seeds: a.seeds,
    changes: found,
    only_in_base: unpaired(a, b),
    only_in_head: unpaired(b, a),
    metrics_only_in_base: unasked(a, b),
    metrics_only_in_head: unasked(b, a),
  };
}

/** Why a JSON value is not a document compare takes, if it is not one. */
function notComparable(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    return `is a list of ${value.length} ${value.length === 1 ? 'item' : 'items'}, as run prints for several scenario files; compare takes one document: run one scenario file per document (cache-sim run FILE --seeds N --format json)`;
  }
  const fields = (value ?? {}) as { kind?: unknown; points?: unknown; seeds?: unknown };
  if (fields.kind === SHARD_KIND) return 'is one shard of a sweep; merge the shards first (cache-sim merge SHARD... --format json) and compare what it prints';
  if (!Array.isArray(fields.points) || !Array.isArray(fields.seeds)) return `not the results of a sweep; ${COMPARE_TAKES}`;
  return undefined;
}

/** A grid point's identity, whatever the order its parameters were written in, and however their values were. */
function pointKey(params: Record<string, string>): string {
  const entries = Object.entries(params).map(([path, value]) => [path, valueRead(value)]);
  return JSON.stringify(entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

const DURATION = new RegExp(SIGNED_DURATION_PATTERN);
const PERCENT = new RegExp(PERCENT_PATTERN);

/**
 * A parameter's value as a scenario reads it: `5s`, `5000ms` and `5000` are one duration,
 * `10%` and `0.1` one fraction, `1e3` and `1000` one number. A field takes either durations
 * or fractions (never both), so no two values that read alike mean different things.
 */
function valueRead(written: string): string {
  if (DURATION.test(written)) return String(durationMs(written));
  if (PERCENT.test(written)) return String(fraction(written));
  const number = Number(written);
  return written.trim() !== '' && Number.isFinite(number) ? String(number) : written;
}

/** The metrics `from` measured and `other` did not ask for, in `from`'s order. */
function unasked(from: SweepDocument, other: SweepDocument): string[] {
  return from.metrics.filter((metric) => !other.metrics.includes(metric));
}

/** What `from` has that `other` cannot pair with (see `Unpaired`), in `from`'s order; a metric `other` did not ask for is not among them. */
function unpaired(from: SweepDocument, other: SweepDocument): Unpaired[] {
  const otherPoints = new Map(other.points.map((p) => [pointKey(p.params), p]));
  const hasValue = (values: (number | null)[] | undefined, i: number) => values !== undefined && values[i] !== null && values[i] !== undefined;
  return from.points.flatMap((point): Unpaired[] => {
    const match = otherPoints.get(pointKey(point.params));
    if (!match) return [{ params: point.params }];
    return Object.entries(point.strategies).flatMap(([strategy, metrics]): Unpaired[] => {
      const there = match.strategies[strategy];
      if (!there) return [{ params: point.params, strategy }];
      return Object.entries(metrics).flatMap(([metric, { values }]): Unpaired[] => {
        if (!other.metrics.includes(metric)) return [];
        const only = from.seeds.filter((_, i) => hasValue(values, i) && !hasValue(there[metric]?.values, i));
        if (only.length === 0) return [];
        const paired = values.some((_, i) => hasValue(values, i) && hasValue(there[metric]?.values, i));
        return [{ params: point.params, strategy, metric, ...(paired ? { seeds: only } : {}) }];
      });
    });
  });
}

/** Every metric both documents have, for every strategy both ran, at every point both have: in the head's order. */
function changes(base: SweepDocument, head: SweepDocument): MetricChange[] {
  const basePoints = new Map(base.points.map((p) => [pointKey(p.params), p]));
  return head.points.flatMap((point) => {
    const other = basePoints.get(pointKey(point.params));
    if (!other) return [];
    return Object.entries(point.strategies).flatMap(([strategy, metrics]) => {
      const before = other.strategies[strategy];
      if (!before) return [];
      return head.metrics.filter((m) => metrics[m] && before[m]).flatMap((metric) => pairOf(point.params, strategy, metric, before[metric].values, metrics[metric].values));
    });
  });
}

function pairOf(params: Record<string, string>, strategy: string, metric: string, before: (number | null)[], after: (number | null)[]): MetricChange[] {
  const pairs = before.flatMap((b, i) => (b === null || after[i] === null || after[i] === undefined ? [] : [[b, after[i] as number] as const]));
  if (pairs.length === 0) return [];
  const { mean: change, ci95 } = meanCI(pairs.map(([b, a]) => a - b));
  return [
    {
      params,
      strategy,
      metric,
      // Six significant digits, as every number of a run's results (the verdict is judged unrounded).
      base: round(mean(pairs.map(([b]) => b))),
      head: round(mean(pairs.map(([, a]) => a))),
      change: round(change),
      ci95: round(ci95),
      // One seed tells nothing of the noise between seeds: no verdict from it.
      significant: pairs.length >= 2 && change !== 0 && Math.abs(change) > ci95,
      pairs: pairs.length,
    },
  ];
}
