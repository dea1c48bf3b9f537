/**
 * Flattened metric names, as used in `expect:` blocks and `--format csv` columns:
 * a Results path with `_` in place of dots, with the `_ms` unit dropped from
 * distributions (`staleness_ms.p99` → `staleness_p99`). One table serves both
 * validation (scenario loading) and lookup (expectation evaluation).
 */
import type { MetricCounts, RunCounts, StrategyResult, Summary, WindowResult } from './results.js';
import type { TimeWindow } from '../scenario/types.js';
import { STALE_CAUSES } from './stale-causes.js';

/** What stands for the whole run where rows are per region (the CSV's region column); no region may take it. */
export const ALL_REGIONS = 'all';

const SUMMARY_FIELDS = ['p50', 'p90', 'p99', 'p999', 'max', 'mean', 'count'] as const;

/** `undefined` when the run has no such thing (an L1 metric of a strategy without L1s). */
type Getter<T> = (r: T) => number | undefined;

function summaryGetters<T>(prefix: string, pick: (r: T) => Summary): [string, Getter<T>][] {
  return SUMMARY_FIELDS.map((f) => [`${prefix}_${f}`, (r: T) => pick(r)[f]]);
}

function metricSetGetters<T extends MetricCounts>(): [string, Getter<T>][] {
  return [
    ['reads', (r) => r.reads],
    ['stale_reads', (r) => r.stale_reads],
    ['stale_read_ratio', (r) => r.stale_read_ratio],
    ['hit_ratio', (r) => r.hit_ratio],
    ['l1_hit_ratio', (r) => r.l1_hit_ratio],
    ...summaryGetters<T>('staleness', (r) => r.staleness_ms),
    ...summaryGetters<T>('stale_age', (r) => r.stale_age_ms),
    ['version_lag_max', (r) => r.version_lag.max],
    ['version_lag_mean', (r) => r.version_lag.mean],
    ['ryw_violations', (r) => r.ryw_violations],
    ['monotonic_violations', (r) => r.monotonic_violations],
    ['stale_refills', (r) => r.stale_refills],
    ['failed_reads', (r) => r.failed_reads],
    ['db_reads_primary', (r) => r.db_reads.primary],
    ['db_reads_replica', (r) => r.db_reads.replica],
    ...summaryGetters<T>('read_latency', (r) => r.read_latency_ms),
    ...STALE_CAUSES.map((cause): [string, Getter<T>] => [`stale_causes_${cause}`, (r) => r.stale_causes[cause]]),
  ];
}

/** Per-read metrics: they can also be counted over a window of time. */
const WINDOW_METRICS = new Map<string, Getter<MetricCounts>>(metricSetGetters<MetricCounts>());

/** Every metric of a run, over all regions and in each region (a region has the same ones). */
const RUN_METRICS = new Map<string, Getter<MetricCounts & RunCounts>>([
  ...metricSetGetters<MetricCounts & RunCounts>(),
  ['writes', (r) => r.writes],
  ['failed_writes', (r) => r.failed_writes],
  ['messages_sent', (r) => r.messages.sent],
  ['messages_delivered', (r) => r.messages.delivered],
  ['messages_lost', (r) => r.messages.lost],
  ['messages_duplicated', (r) => r.messages.duplicated],
  ...summaryGetters<MetricCounts & RunCounts>('convergence', (r) => r.convergence_ms),
  ['unconverged_writes', (r) => r.unconverged_writes],
  ['refused_fills', (r) => r.refused_fills],
  ['refreshes', (r) => r.refreshes],
  ['db_reads_peak_per_second', (r) => r.db_reads_peak_per_second],
]);

/**
 * `names` with each family written once (`staleness_p50|p90|…`, `stale_causes_stored_stale|…`):
 * short enough for an error message to list them all.
 */
function namesText(names: readonly string[]): string {
  const familyOf = (name: string): [string, readonly string[]] | undefined => {
    if (name.startsWith('stale_causes_')) return ['stale_causes_', STALE_CAUSES];
    const field = SUMMARY_FIELDS.find((f) => name.endsWith(`_${f}`) && names.includes(`${name.slice(0, -f.length)}${SUMMARY_FIELDS[0]}`));
    return field ? [name.slice(0, -field.length), SUMMARY_FIELDS] : undefined;
  };
  const shown: string[] = [];
  for (const name of names) {
    const family = familyOf(name);
    const text = family ? `${family[0]}${family[1].join('|')}` : name;
    if (!shown.includes(text)) shown.push(text);
  }
  return shown.join(', ');
}

/** Every name valid at strategy level; region-level names are `regions.<region>.<name>`, for the same names. */
export const strategyMetricNames: readonly string[] = [...RUN_METRICS.keys()];
/** Every metric name, for messages. */
export const metricNamesText = namesText(strategyMetricNames);
/** The metrics that can be counted over a window of time, for messages. */
export const windowMetricNamesText = namesText([...WINDOW_METRICS.keys()]);

/** The metric of an `expect:` name without its window (`stale_read_ratio from 3m` → `stale_read_ratio`): names have no spaces. */
export function baseMetric(name: string): string {
  return name.trim().split(/\s/, 1)[0];
}

/** What values a metric can take: a share from 0 to 1, a whole count, or another amount ≥ 0 (times, means). */
export function metricRange(name: string): 'ratio' | 'count' | 'amount' {
  const base = metricOf(name);
  if (base.endsWith('_ratio')) return 'ratio';
  if (base.endsWith('_count') || base === 'version_lag_max' || !/_(p50|p90|p99|p999|max|mean)$/.test(base)) return 'count';
  return 'amount';
}

/** Metrics whose unit is milliseconds, so an `expect:` condition may be written as a duration. */
export function isDurationMetric(name: string): boolean {
  return /^(staleness|stale_age|read_latency|convergence)_(p50|p90|p99|p999|max|mean)$/.test(metricOf(name));
}

/** Whether `name` measures writes (convergence), not reads: what has no value without them. */
export function isWriteMetric(name: string): boolean {
  return metricOf(name).startsWith('convergence_');
}

/** The metric itself: without its window and its region (`regions.eu-west.hit_ratio from 1m` → `hit_ratio`). */
function metricOf(name: string): string {
  const metric = baseMetric(name);
  return splitRegion(metric)?.metric ?? metric;
}

/** The region a per-region metric name is about (`regions.eu-west.reads` → `eu-west`); undefined for a whole-run one. */
export function metricRegion(name: string): string | undefined {
  return splitRegion(baseMetric(name))?.region;
}

/** `regions.<region>.<metric>`: metric names have no dots, region names may, so split at the last one. */
function splitRegion(name: string): { region: string; metric: string } | undefined {
  if (!name.startsWith('regions.')) return undefined;
  const dot = name.lastIndexOf('.');
  if (dot < 8) return undefined;
  return { region: name.slice(8, dot), metric: name.slice(dot + 1) };
}

export function isExpectableMetric(name: string, regionNames: readonly string[]): boolean {
  const regional = splitRegion(name);
  return (!regional || regionNames.includes(regional.region)) && RUN_METRICS.has(regional?.metric ?? name);
}

/** Whether the metric (regional or not) can be counted over a window of time: the per-read ones can. */
export function isWindowableMetric(name: string): boolean {
  return WINDOW_METRICS.has(metricOf(name));
}

/** The value of a per-read metric over a window, or `undefined` when the name or region does not exist. */
function windowMetricValue(window: WindowResult, name: string): number | undefined {
  const regional = splitRegion(name);
  const set = regional ? window.regions[regional.region] : window;
  const get = WINDOW_METRICS.get(regional?.metric ?? name);
  return set && get ? get(set) : undefined;
}

/** The value of a flattened metric, or `undefined` when the name or region does not exist. */
export function metricValue(result: StrategyResult, name: string): number | undefined {
  const regional = splitRegion(name);
  const set = regional ? result.regions[regional.region] : result;
  const get = RUN_METRICS.get(regional?.metric ?? name);
  return set && get ? get(set) : undefined;
}

/** A metric (`expect:` and `sweep --metric` name) over its window, or over the whole measured run without one. */
export function measuredValue(result: StrategyResult, name: string, window: TimeWindow | undefined): number | undefined {
  if (!window) return metricValue(result, name);
  const counted = result.windows?.find((w) => w.from_ms === window.fromMs && w.until_ms === window.untilMs);
  return counted ? windowMetricValue(counted, baseMetric(name)) : undefined;
}
