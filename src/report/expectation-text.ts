/**
 * How an expectation result is put into words, shared by every report (terminal, markdown,
 * JUnit, GitHub annotations) so a failure reads the same wherever it is seen.
 */
import { isDurationMetric, isWriteMetric } from '../metrics/metric-names.js';
import type { ExpectationOverSeeds } from '../metrics/expect.js';
import type { ExpectationResult, ScenarioResults } from '../metrics/results.js';
import { formatCount, formatDuration, formatNumber } from './format.js';
import { isOptionFile } from '../scenario/positions.js';

/** `versioned staleness_p99 <= 2s`: the name of a check in CI test lists. */
export function expectationTitle(e: Pick<ExpectationResult, 'strategy' | 'metric' | 'condition'>): string {
  return `${e.strategy} ${e.metric} ${e.condition}`;
}

/**
 * The actual value in the units the condition was likely written in, precise enough that
 * a failing bound never looks like it holds (durations are not rounded to `2s` when they
 * are 2.004 s). Ratios stay plain numbers because conditions on them are (`< 0.01`).
 */
export function actualText(e: Pick<ExpectationResult, 'metric' | 'actual'>): string {
  if (e.actual === null) return 'no value';
  if (isDurationMetric(e.metric)) return formatDuration(e.actual, { exact: true });
  if (Number.isInteger(e.actual)) return formatCount(e.actual);
  return formatNumber(e.actual);
}

/** One-line explanation of a failure, without the position (callers place it). */
export function failureText(e: ExpectationResult): string {
  if (e.actual === null) {
    const nothing = isWriteMetric(e.metric) ? 'no write' : 'no read';
    return `${e.strategy} ${e.metric} has no value (${nothing} where it counts); expected ${e.condition}`;
  }
  return `${e.strategy} ${e.metric} was ${actualText(e)}, expected ${e.condition}`;
}

/**
 * `Not checked, their strategies did not run (--strategy): versioned staleness_p99 <= 2s, …`,
 * or '' when the run checked every expectation: a left-out check must not pass unseen.
 */
export function skippedText(r: Pick<ScenarioResults, 'skipped_expectations'>): string {
  return skippedPieces(r).join(' ');
}

/** skippedText in pieces a line may break between: the lead, then each expectation with its comma (none breaks inside one). */
export function skippedPieces(r: Pick<ScenarioResults, 'skipped_expectations'>): string[] {
  const skipped = r.skipped_expectations ?? [];
  if (skipped.length === 0) return [];
  return ['Not checked, their strategies did not run (--strategy):', ...listPieces(skipped.map(expectationTitle))];
}

/** Items of a list as pieces to wrap between, each but the last with its comma. */
export function listPieces(items: readonly string[]): string[] {
  return items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
}

/** `all held` or `2 of 6 failed`. */
export function outcomeText(results: readonly ExpectationResult[]): string {
  const failed = results.filter((e) => !e.pass).length;
  return failed === 0 ? 'all held' : `${failed} of ${results.length} failed`;
}

/** The scenario file, line and column of an `at` string `FILE:LINE:COL` (file may contain colons). */
export function parseAt(at: string): { file: string; line: number; col: number } | undefined {
  const m = /^(.*):(\d+):(\d+)$/.exec(at);
  return m ? { file: m[1], line: Number(m[2]), col: Number(m[3]) } : undefined;
}

/** Where in a scenario file `at` is; undefined for a place in an option's text (`--set:1:20`), which no file holds. */
export function placeInFile(at: string): { file: string; line: number; col: number } | undefined {
  const pos = parseAt(at);
  return pos === undefined || isOptionFile(pos.file) ? undefined : pos;
}

/** `660 … 718`: the range an expectation's actual values took over the seeds, or one value when they agree. */
export function rangeText(e: Pick<ExpectationOverSeeds, 'metric' | 'min' | 'max'>): string {
  const min = actualText({ metric: e.metric, actual: e.min });
  const max = actualText({ metric: e.metric, actual: e.max });
  return min === max ? min : `${min} … ${max}`;
}

/** The seeds a report names when an expectation failed on many (JSON lists them all). */
const FAILED_SHOWN = 3;

/** `failed with seed 12 (0.97), seed 40 (0.96) and 3 more`. */
export function failedSeedsText(e: Pick<ExpectationOverSeeds, 'metric' | 'failed'>): string {
  const shown = e.failed.slice(0, FAILED_SHOWN).map((f) => `seed ${f.seed} (${actualText({ metric: e.metric, actual: f.actual })})`);
  const more = e.failed.length - shown.length;
  return `failed with ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** What went wrong over the seeds, without the position (callers place it). */
export function failureOverSeedsText(e: ExpectationOverSeeds): string {
  return `${e.strategy} ${e.metric} held on ${e.held} of ${e.runs} seeds: ${failedSeedsText(e)}, expected ${e.condition}`;
}

/** The annotation of an expectation that failed on some seed (at a sweep's grid point, named in its title). */
export function failedOverSeeds(e: ExpectationOverSeeds, point = ''): { at: string; title: string; message: string } {
  return { at: e.at, title: point === '' ? expectationTitle(e) : `${expectationTitle(e)} at ${point}`, message: `${failureOverSeedsText(e)}\nReplay: ${e.replay}` };
}
