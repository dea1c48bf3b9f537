/**
 * `sweep`: a grid of parameter values × seeds. Each grid point is the scenario loaded with
 * the user's `--set`s, then the point's `path=value` pairs, then its seed; every point runs
 * the same seeds (derived from the root seed and the seed's index only), so points are
 * compared on common random numbers. Each metric is summarised per point and strategy as a
 * mean and a 95 % confidence half-width over the seeds, and each of the scenario's
 * expectations by the number of seeds it held on at each point (a sweep reports them; it is
 * `run --seeds` that fails on them).
 */
import { InputError, UsageError, formatProblem, type Problem } from './errors.js';
import { meanCI } from './metrics/confidence.js';
import { round } from './util/round.js';
import { type ExpectationOverSeeds, expectationRefs, leftOutExpectations, overSeeds, strategyExpectations } from './metrics/expect.js';
import { measuredValue } from './metrics/metric-names.js';
import { deriveSeed } from './random/streams.js';
import { loadScenarioText, readScenarioText } from './scenario/load.js';
import { pathSegments, pathText, QUOTED_SEGMENT, type SetArgument } from './scenario/overrides.js';
import { metricNameText, metricWindow } from './scenario/metric-window.js';
import { metricNameProblem } from './scenario/rules-expect.js';
import type { Scenario, StrategySpec, TimeWindow } from './scenario/types.js';
import type { ExpectationRef, ExpectationResult, StrategyResult } from './metrics/results.js';
import { replayCommandLine } from './replay.js';
import { MOST_SEEDS } from './seed-count.js';
import { checkStrategiesExist, runStrategy, selectedStrategies, type StrategyRun } from './simulate.js';

export const DEFAULT_SWEEP_METRICS: readonly string[] = [
  'stale_read_ratio',
  'staleness_p99',
  'hit_ratio',
  'ryw_violations',
  'db_reads_primary',
  'messages_sent',
];

const DEFAULT_SWEEP_SEEDS = 5;

export interface SweepOptions {
  /** `path=v1,v2,...`, in grid order (the first varies slowest). */
  params: readonly string[];
  /** Seeds per grid point (default 5). */
  seeds?: number;
  /** Root seed; the scenario's own when absent. */
  seed?: number;
  /** Strategies to run, by name; all when absent. */
  strategies?: readonly string[];
  /** `--set` overrides applied before each point's values. */
  sets?: readonly string[];
  /** Flattened metric names; when absent or empty, DEFAULT_SWEEP_METRICS and those the expectations of the strategies run name. */
  metrics?: readonly string[];
}

export interface SweepParam {
  path: string;
  values: string[];
}

export interface MetricSummary {
  mean: number;
  ci95: number;
  /** One per seed, in seed order; NaN (JSON null) where a seed had no value, which the mean leaves out. */
  values: number[];
}

export interface SweepPoint {
  /** path → value text, in parameter order. */
  params: Record<string, string>;
  /** strategy → metric → summary, in scenario and metric order. */
  strategies: Record<string, Record<string, MetricSummary>>;
  /** The scenario's expectations about the strategies run, in the order of `expect:`, each over the seeds. */
  expectations: ExpectationOverSeeds[];
}

/** What one run measured of one of its strategy's expectations. */
export type ExpectationOutcome = Pick<ExpectationResult, 'actual' | 'pass'>;

export interface SweepResults {
  version: 1;
  scenario: string;
  file: string;
  /** The root seed the per-point seeds derive from. */
  seed: number;
  seeds: number[];
  params: SweepParam[];
  metrics: string[];
  /** The user's `--set`s, applied at every point before its own values (and in the commands that replay a run). */
  sets: string[];
  /** Expectations about strategies the sweep left out (`--strategy`), which it could not check; absent when none. */
  skipped_expectations?: ExpectationRef[];
  points: SweepPoint[];
}

/** The command that replays the sweep's first failure (the first failed expectation, point by point in grid order), or null when every expectation held everywhere. */
export function firstFailureReplay(results: SweepResults): string | null {
  for (const point of results.points) for (const e of point.expectations) if (e.replay !== null) return e.replay;
  return null;
}

export const PARAM_USAGE = 'expected path=v1,v2,..., e.g. --param cache.ttl=1s,5s,30s';

/**
 * `path=v1,v2,...` split into the path and its values. Values are YAML flow scalars as
 * `--set` takes them, so commas inside `{}`, `[]` or quotes do not separate values.
 */
export function parseParam(text: string): SweepParam {
  const equals = text.indexOf('=');
  if (equals < 0) throw new UsageError(`--param ${text}: no \`=\`; ${PARAM_USAGE}`);
  const segments = pathSegments(text.slice(0, equals));
  if (!segments) throw new UsageError(`--param ${text}: empty path or path segment, or an unclosed quote; ${PARAM_USAGE}${QUOTED_SEGMENT}`);
  // As one text however it was written (`cache."ttl"` is `cache.ttl`): the checks below and the grid's columns compare paths.
  const path = pathText(segments.path);
  // Every point runs the same seeds, drawn from the root seed: a point's own seed would be replaced.
  if (path === 'seed') throw new UsageError(`--param ${text}: each point runs on the same seeds, drawn from the scenario's; give more with --seeds N, or another root with --seed N`);
  if (text.slice(equals + 1).trim() === '') throw new UsageError(`--param ${text}: no values; ${PARAM_USAGE}`);
  const values = valueRanges(text).map(([start, end]) => text.slice(start, end));
  if (values.some((v) => v === '')) throw new UsageError(`--param ${text}: an empty value (two commas in a row, or one at an end); ${PARAM_USAGE}`);
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  if (twice !== undefined) throw new UsageError(`--param ${text}: ${twice} given twice; give each value once`);
  return { path, values };
}

/**
 * Where each value of `path=v1,v2,...` lies in the text, spaces around it left out: commas
 * split outside brackets, braces and quotes.
 */
function valueRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const trimmed = (start: number, end: number): [number, number] => {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return [start, end];
  };
  let depth = 0;
  let quote: string | undefined;
  let start = text.indexOf('=') + 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      ranges.push(trimmed(start, i));
      start = i + 1;
    }
  }
  ranges.push(trimmed(start, text.length));
  return ranges;
}

/** A point's value of one `--param` as `--set` takes it: the whole argument, told where in it the value lies (for positions). */
function paramValueSet(argument: string, value: string): SetArgument {
  const [start, end] = valueRanges(argument).find(([from, to]) => argument.slice(from, to) === value) ?? [0, 0];
  return { option: '--param', text: argument, value: [start, end] };
}

/** Every combination of the parameters' values; the first parameter varies slowest. */
export function gridPoints(params: readonly SweepParam[]): Record<string, string>[] {
  let points: Record<string, string>[] = [{}];
  for (const { path, values } of params) {
    points = points.flatMap((point) => values.map((value) => ({ ...point, [path]: value })));
  }
  return points;
}

/** The seed of run `index` of every grid point, for root seed `root`. */
export function sweepSeeds(root: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => deriveSeed(root, `sweep-${i}`));
}

/**
 * A sweep ready to run: its header, its grid points, and every strategy run it needs (point
 * by point, strategy by strategy, seed by seed), which may run in any thread and any order.
 */
export interface SweepPlan {
  results: Omit<SweepResults, 'points'>;
  points: Record<string, string>[];
  /** The strategies run at each point, by name, in scenario order. */
  strategies: string[][];
  /** The expectations at each point about its strategies, in the order of `expect:`. */
  expectations: ExpectationRef[][];
  runs: StrategyRun[];
}

export function planSweep(file: string, options: SweepOptions): SweepPlan {
  const params = checkParams(options.params);
  const count = options.seeds ?? DEFAULT_SWEEP_SEEDS;
  if (!Number.isInteger(count) || count < 1 || count > MOST_SEEDS) throw new UsageError(`--seeds ${count}: give a whole number of seeds per grid point from 1 to ${MOST_SEEDS}`);
  const userSets = options.sets ?? [];

  const text = readScenarioText(file);
  const base = loadScenarioText(text, file, options.seed === undefined ? userSets : [...userSets, `seed=${options.seed}`]);
  checkStrategiesExist(base, options.strategies);
  const chosen = options.metrics && options.metrics.length > 0 ? options.metrics : [...DEFAULT_SWEEP_METRICS, ...expectedMetrics(base, options.strategies)];
  const metrics = [...new Set(chosen.map(metricNameText))];
  const seeds = sweepSeeds(base.seed, count);
  const points = gridPoints(params);
  const scenarios = loadPoints(file, text, userSets, options.params, points, seeds);
  checkDistinctPoints(scenarios, points);
  checkMetrics(metrics, scenarios, points);
  // A point's values may reach into the strategies themselves: each point runs its own.
  const strategies = scenarios.map((perSeed) => selectedStrategies(perSeed[0], options.strategies).map((s) => s.name));
  const runs = scenarios.flatMap((perSeed, point) =>
    strategies[point].flatMap((name) => perSeed.map((scenario) => ({ scenario, spec: strategyNamed(scenario, name), windows: metricWindows(metrics, scenario) }))),
  );
  const expectations = scenarios.map(([scenario], point) => expectationRefs(scenario.expect.filter((e) => strategies[point].includes(e.strategy))));
  const skipped_expectations = options.strategies ? leftOutExpectations(base.expect, options.strategies) : undefined;
  return {
    results: { version: 1, scenario: base.name, file, seed: base.seed, seeds, params, metrics, sets: [...userSets], skipped_expectations },
    points,
    strategies,
    expectations,
    runs,
  };
}

/** What a sweep keeps of a run: each metric's value (NaN where it has none), in the plan's order of metrics, and its expectations judged. */
export interface RunSummary {
  values: number[];
  expectations: ExpectationOutcome[];
}

/** What the sweep keeps of run `index` of `plan` (the full result, about 100 kB, is let go: thousands of runs add up). */
export function summariseRun(plan: SweepPlan, index: number, outcome: StrategyResult): RunSummary {
  const run = plan.runs[index];
  return {
    values: plan.results.metrics.map((metric) => runMetricValue(run, outcome, metric) ?? NaN),
    expectations: runExpectations(run, outcome),
  };
}

/** The sweep's results from what was kept of its runs (in the plan's order of runs). */
export function sweepResults(plan: SweepPlan, runs: readonly RunSummary[]): SweepResults {
  const metricIndex = new Map(plan.results.metrics.map((metric, i) => [metric, i]));
  return summariseRuns(
    plan,
    (run, metric) => runs[run].values[metricIndex.get(metric) as number],
    (run) => runs[run].expectations,
  );
}

/** What a run measured of its strategy's expectations, in scenario order. */
function runExpectations(run: StrategyRun, outcome: StrategyResult): ExpectationOutcome[] {
  return strategyExpectations(run.scenario.expect, run.spec.name, outcome).map(({ actual, pass }) => ({ actual, pass }));
}

/** A metric of one run of the sweep: over its window of the run's own scenario, if it names one. */
function runMetricValue(run: StrategyRun, outcome: StrategyResult, metric: string): number | undefined {
  return measuredValue(outcome, metric, metricWindow(metric, run.scenario.warmupMs, run.scenario.durationMs));
}

/** What the expectations of the strategies run are about: shown by default, beside the usual metrics. */
function expectedMetrics(scenario: Scenario, strategies: readonly string[] | undefined): string[] {
  return scenario.expect.filter((e) => !strategies || strategies.includes(e.strategy)).map((e) => e.metric);
}

/** The windows of time the metrics name, in `scenario`'s run. */
function metricWindows(metrics: readonly string[], scenario: Scenario): TimeWindow[] {
  return metrics.flatMap((m) => metricWindow(m, scenario.warmupMs, scenario.durationMs) ?? []);
}

/** What summing up a sweep needs of its plan: the header, the points, the strategies and expectations of each (the runs follow from them). */
export type SweepLayout = Pick<SweepPlan, 'results' | 'points' | 'strategies' | 'expectations'>;

/** The number of runs a layout has: every strategy of every point, once per seed. */
export function runCount(layout: SweepLayout): number {
  return layout.strategies.reduce((sum, names) => sum + names.length, 0) * layout.results.seeds.length;
}

/**
 * Each metric of each point and strategy summarised over the seeds, from `value(run, metric)`,
 * and each expectation over the seeds, from `judged(run)` (the run's strategy's expectations,
 * in scenario order), with runs numbered in the plan's order (point by point, strategy by
 * strategy, seed by seed). One place computes every summary, so a merged sweep is the same as
 * an unsharded one.
 */
export function summariseRuns(
  layout: SweepLayout,
  value: (run: number, metric: string) => number,
  judged: (run: number) => readonly ExpectationOutcome[],
): SweepResults {
  const { metrics, seeds, file } = layout.results;
  let next = 0;
  const points = layout.points.map((params, point) => {
    const strategies: SweepPoint['strategies'] = {};
    // In the order of `expect:`, as a run lists them (each judged by its strategy's runs).
    const statements = layout.expectations[point];
    const expectations: ExpectationOverSeeds[] = new Array(statements.length);
    const pointSets = [...layout.results.sets, ...Object.entries(params).map(([path, v]) => `${path}=${v}`)];
    for (const name of layout.strategies[point]) {
      const first = next;
      next += seeds.length;
      const summary: Record<string, MetricSummary> = {};
      for (const metric of metrics) {
        const values = seeds.map((_, s) => value(first + s, metric));
        // Over the seeds that measured it (convergence has no value on a seed where no write
        // converged): the report says over how many. Six significant digits, as every number
        // of a run's results: no last-bit float noise in JSON and CSV.
        const { mean, ci95 } = meanCI(values.filter((v) => !Number.isNaN(v)));
        summary[metric] = { mean: round(mean), ci95: round(ci95), values };
      }
      strategies[name] = summary;
      let j = 0; // the run judged its strategy's expectations in the same order
      statements.forEach((statement, k) => {
        if (statement.strategy !== name) return;
        const results = seeds.map((_, s) => ({ ...statement, ...judged(first + s)[j] }));
        expectations[k] = overSeeds(results, seeds, (seed) => replayCommandLine({ file, seed, strategies: [name], sets: pointSets }));
        j++;
      });
    }
    return { params, strategies, expectations };
  });
  return { ...layout.results, points };
}

function strategyNamed(scenario: Scenario, name: string): StrategySpec {
  const spec = scenario.strategies.find((s) => s.name === name);
  if (!spec) throw new Error(`strategy ${name} missing from a seed of its sweep point`);
  return spec;
}

/** A whole sweep in this thread. */
export function runSweep(file: string, options: SweepOptions): SweepResults {
  const plan = planSweep(file, options);
  return sweepResults(
    plan,
    plan.runs.map((run, i) => summariseRun(plan, i, runStrategy(run.scenario, run.spec, run.windows))),
  );
}

/** The parameters, checked (none: a sweep of seeds alone, as `run --seeds` makes). */
function checkParams(texts: readonly string[]): SweepParam[] {
  const params = texts.map(parseParam);
  const seen = new Set<string>();
  for (const { path } of params) {
    if (seen.has(path)) throw new UsageError(`--param ${path} given twice; give each path once with all its values`);
    seen.add(path);
  }
  return params;
}

/**
 * Two values that mean the same (`1s,1000ms`, or one given twice) would make two points of
 * one scenario: twice the work, and a grid whose points can no longer be told apart.
 */
function checkDistinctPoints(scenarios: readonly Scenario[][], points: readonly Record<string, string>[]): void {
  const pointOf = new Map<string, number>();
  scenarios.forEach(([scenario], point) => {
    const key = JSON.stringify(scenario);
    const same = pointOf.get(key);
    if (same === undefined) return void pointOf.set(key, point);
    const differing = (at: number, other: number) => Object.entries(points[at]).filter(([path, value]) => points[other][path] !== value).map(([path, value]) => `${path}=${value}`).join(', ');
    throw new UsageError(`--param: ${differing(same, point)} and ${differing(point, same)} make the same scenario; give each value once`);
  });
}

/**
 * Each metric must exist in every point's scenario, and a window (`stale_read_ratio from 1m
 * until 3m`) must fit every point's run (a point may change the warmup or the duration).
 */
function checkMetrics(metrics: readonly string[], scenarios: readonly Scenario[][], points: readonly Record<string, string>[]): void {
  for (const metric of metrics) {
    scenarios.forEach(([scenario], point) => {
      const problem = metricNameProblem(metric, scenario.regions.map((r) => r.name), () => ({ fromMs: scenario.warmupMs, endMs: scenario.durationMs }));
      if (!problem) return;
      const where = points.length > 1 ? ` (at ${Object.entries(points[point]).map(([path, value]) => `${path}=${value}`).join(', ')})` : '';
      throw new UsageError(`--metric ${metric}: ${problem}${where}`);
    });
  }
}

/** The scenario of every point and seed (`[point][seed]`); every problem of every point at once. */
function loadPoints(
  file: string,
  text: string,
  userSets: readonly string[],
  paramTexts: readonly string[],
  points: readonly Record<string, string>[],
  seeds: readonly number[],
): Scenario[][] {
  const problems = new Map<string, Problem>();
  const scenarios = points.map((point) => {
    const pointSets: SetArgument[] = [...userSets, ...paramTexts.map((text) => paramValueSet(text, point[parseParam(text).path]))];
    try {
      // Seeds differ in the seed alone: the point is loaded once (as with its first seed, so
      // a problem reads as it would with --seed), and each seed shares the rest of it.
      const first = loadScenarioText(text, file, [...pointSets, `seed=${seeds[0]}`]);
      return seeds.map((seed) => ({ ...first, seed }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const p of error.problems) problems.set(formatProblem(p), p);
      return [];
    }
  });
  if (problems.size > 0) throw new InputError([...problems.values()]);
  return scenarios;
}

