/**
 * Reporters for `run --seeds N`: the sweep's table of one point (each metric as mean ± 95 %
 * CI over the seeds) followed by each expectation over the seeds — on how many it held, the
 * range of what was measured, the seeds it failed on — and the command that replays the
 * first failure; the same as JSON (the sweep's document with `expectations` and `replay`);
 * JUnit, one case per expectation, failing when any seed failed it; and GitHub annotations.
 */
import type { SeedsExpectation, SeedsResults } from '../run-seeds.js';
import type { Palette } from './colour.js';
import { actualText, conditionText, expectationTitle } from './expectation-text.js';
import { jsonText } from './json.js';
import { annotationLines } from './github.js';
import { type JunitCase, renderJunitSuites } from './junit.js';
import { renderSweepTable, sweepDocument } from './sweep.js';

export const SEEDS_FORMATS = ['table', 'json'] as const;
export type SeedsFormat = (typeof SEEDS_FORMATS)[number];

export function renderSeeds(format: SeedsFormat, results: readonly SeedsResults[], p: Palette, width: number): string {
  if (format === 'json') return jsonText(results.length === 1 ? seedsDocument(results[0]) : results.map(seedsDocument));
  return results.map((r) => seedsTable(r, p, width)).join('\n');
}

function seedsDocument(r: SeedsResults): Record<string, unknown> {
  return { ...sweepDocument(r), expectations: r.expectations, replay: r.replay };
}

function seedsTable(r: SeedsResults, p: Palette, width: number): string {
  const sections = [renderSweepTable(r, p, width).trimEnd()];
  if (r.expectations.length > 0) sections.push(expectations(r, p));
  if (r.replay !== null) sections.push(`${p.bold('Replay:')} ${r.replay}`);
  return `${sections.join('\n\n')}\n`;
}

/** `660 … 718`, or one value when every seed measured the same. */
function rangeText(e: SeedsExpectation): string {
  const min = actualText({ metric: e.metric, actual: e.min });
  const max = actualText({ metric: e.metric, actual: e.max });
  return min === max ? min : `${min} … ${max}`;
}

/** The seeds a report names when an expectation failed on many (JSON lists them all). */
const FAILED_SHOWN = 3;

function failedText(e: SeedsExpectation): string {
  const shown = e.failed.slice(0, FAILED_SHOWN).map((f) => `seed ${f.seed} (${actualText({ metric: e.metric, actual: f.actual })})`);
  const more = e.failed.length - shown.length;
  return `failed with ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function expectations(r: SeedsResults, p: Palette): string {
  const columns = r.expectations.map((e) => [e.strategy, e.metric, conditionText(e.condition), `held ${e.held}/${e.runs}`]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...columns.map((c) => [...c[i]].length)));
  const lines = r.expectations.map((e, i) => {
    const mark = e.pass ? p.pass('✓') : p.fail('✗');
    const [strategy, metric, condition, held] = columns[i].map((text, j) => text.padEnd(widths[j]));
    const line = `  ${mark} ${strategy}  ${metric}  ${condition}  ${e.pass ? held : p.fail(held)}  actual ${rangeText(e)}`;
    return e.pass ? line : `${line}\n    ${p.fail(failedText(e))}\n    ${p.dim(`at ${e.at}`)}`;
  });
  const failed = r.expectations.filter((e) => !e.pass).length;
  const outcome = failed === 0 ? p.pass('all held on every seed') : p.fail(`${failed} of ${r.expectations.length} failed on at least one seed`);
  return [`${p.heading(`Expectations on ${r.seeds.length} seeds:`)} ${outcome}`, ...lines].join('\n');
}

export function renderSeedsJunit(results: readonly SeedsResults[]): string {
  return renderJunitSuites(
    results.map((r) => ({
      name: r.scenario,
      properties: [
        ['seed', String(r.seed)],
        ['seeds', r.seeds.join(' ')],
        ['file', r.file],
      ],
      cases: r.expectations.map(seedsCase),
    })),
  );
}

function seedsCase(e: SeedsExpectation): JunitCase {
  const name = expectationTitle(e);
  if (e.pass) return { name };
  const message = `${failureText(e)} (${e.at})`;
  return { name, failure: { message, body: `${message}\nReplay: ${e.replay}` } };
}

/** What went wrong, without the position (callers place it). */
function failureText(e: SeedsExpectation): string {
  return `${e.strategy} ${e.metric} held on ${e.held} of ${e.runs} seeds: ${failedText(e)}, expected ${conditionText(e.condition)}`;
}

/** GitHub Actions annotations: one per expectation that failed on any seed, on its line of the scenario. */
export function renderSeedsAnnotations(results: readonly SeedsResults[]): string {
  return annotationLines(
    results.flatMap((r) =>
      r.expectations.filter((e) => !e.pass).map((e) => ({ at: e.at, title: expectationTitle(e), message: `${failureText(e)}\nReplay: ${e.replay}` })),
    ),
  );
}
