/**
 * How the sweep reports put a sweep into words: what it is (file, seed, size), each summary
 * (`mean ± half-width` in the metric's unit) and the outcome of its expectations.
 */
import { isDurationMetric, metricRange } from '../metrics/metric-names.js';
import { isSeedSet } from '../replay.js';
import type { MetricSummary, SweepResults } from '../sweep.js';
import { NONE, countText, formatCount, formatDuration, formatRatio, withInterval } from './format.js';

/** How many of a sweep's seeds its facts name. */
const SEEDS_NAMED = 10;

/** What a sweep's report says of it under its name: the file, the root seed, its size, the --sets. */
export function sweepFacts(r: SweepResults): string[] {
  return [
    r.file,
    `seed ${r.seed}`,
    // Without parameters (`run --seeds`) there is one point: only the seeds are worth saying.
    `${r.params.length > 0 ? `${countText(r.points.length, 'point', 'points')} × ` : ''}${countText(r.seeds.length, 'seed', 'seeds')}`,
    // The seeds the runs had (drawn from the root seed): any of them replays with --seed. The
    // first few only when there are many (a step summary has a size limit; the JSON has them all).
    `${r.seeds.length === 1 ? 'run with seed' : 'runs with seeds'} ${r.seeds.slice(0, SEEDS_NAMED).join(', ')}${r.seeds.length > SEEDS_NAMED ? ` and ${formatCount(r.seeds.length - SEEDS_NAMED)} more` : ''}`,
    r.seeds.length > 1 ? 'mean ± 95% CI over seeds' : 'one seed: no interval (--seeds 2 or more give one)',
    // What the command line changed at every point is part of what ran, as a run's report says.
    ...r.sets.filter((set) => !isSeedSet(set)).map((set) => `--set ${set}`),
  ];
}

/** `Expectations on 5 seeds at each point` and `1 of 4 failed on at least one seed` (or `all held on every seed`). */
export function expectationsOutcome(r: SweepResults): { title: string; outcome: string; allHeld: boolean } {
  const all = r.points.flatMap((point) => point.expectations);
  const failed = all.filter((e) => !e.pass).length;
  return {
    title: `Expectations on ${countText(r.seeds.length, 'seed', 'seeds')}${r.params.length > 0 ? ' at each point' : ''}`,
    outcome: failed === 0 ? 'all held on every seed' : `${failed} of ${all.length} failed on at least one seed`,
    allHeld: failed === 0,
  };
}

/** `mean ± half-width` in the metric's unit, and over how many seeds when some had no value. */
export function summaryText(metric: string, s: MetricSummary | undefined): string {
  if (!s || Number.isNaN(s.mean)) return NONE;
  const measured = measuredSeeds(s);
  const over = measured < s.values.length ? ` (${measured} of ${s.values.length} seeds)` : '';
  return withInterval(formatterFor(metric), s.mean, s.ci95) + over;
}

/** How many seeds had a value for the summary's metric. */
export function measuredSeeds(s: MetricSummary): number {
  return s.values.filter((v) => !Number.isNaN(v)).length;
}

/**
 * How a value of `metric` reads in a sweep report: ratios as percentages, times as durations,
 * other amounts (a mean version lag, often well below 1) to three significant digits, counts
 * to one decimal.
 */
export function formatterFor(metric: string): (v: number) => string {
  if (metricRange(metric) === 'ratio') return formatRatio;
  if (isDurationMetric(metric)) return formatDuration;
  if (metricRange(metric) === 'amount') return (v) => (Number.isNaN(v) ? NONE : String(Number(v.toPrecision(3))));
  // Means of counts: one decimal is all a handful of seeds can support.
  return (v) => (Number.isNaN(v) ? NONE : formatCount(Math.round(v * 10) / 10));
}

/** A point by its parameters' values: `cache.ttl=5s bus.loss=0.1`. */
export function pointLabel(r: SweepResults, params: Record<string, string>): string {
  return r.params.map(({ path }) => `${path}=${params[path]}`).join(' ');
}

/**
 * Per strategy with expectations, where in the grid every one of them held on every seed:
 * `cache.ttl = 1s, 5s` with one parameter, the points' labels with several, `everywhere` when
 * at every point it had expectations, or `nowhere`. None without parameters.
 */
export function whereHeld(r: SweepResults): { strategy: string; where: string }[] {
  if (r.params.length === 0) return [];
  const strategies = [...new Set(r.points.flatMap((point) => point.expectations.map((e) => e.strategy)))];
  return strategies.map((strategy) => {
    const judged = r.points.filter((point) => point.expectations.some((e) => e.strategy === strategy));
    const held = judged.filter((point) => point.expectations.every((e) => e.strategy !== strategy || e.pass));
    if (held.length === judged.length && judged.length > 1) return { strategy, where: 'everywhere' };
    const [only] = r.params;
    const where = r.params.length === 1 ? `${only.path} = ${held.map((point) => point.params[only.path]).join(', ')}` : held.map((point) => pointLabel(r, point.params)).join('; ');
    return { strategy, where: held.length > 0 ? where : 'nowhere' };
  });
}
