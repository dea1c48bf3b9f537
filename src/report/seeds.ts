/**
 * Reporters for `run --seeds N`: the sweep's table of its one point (each metric as mean ±
 * 95 % CI over the seeds, then each expectation over the seeds) and the command that replays
 * the first failure; the sweep's JSON document with `replay`; JUnit, one case per
 * expectation, failing when any seed failed it; GitHub annotations; and the sweep's page.
 */
import type { ExpectationOverSeeds } from '../metrics/expect.js';
import type { SeedsResults } from '../run-seeds.js';
import type { Palette } from './colour.js';
import { expectationTitle, failedOverSeeds, failureOverSeedsText } from './expectation-text.js';
import { type AnnotationPaths, annotationLines } from './github.js';
import { htmlPage } from './html-page.js';
import { jsonText } from './json.js';
import { withReplays } from './replay-lines.js';
import { inWrittenOrder, type JunitCase, renderJunitSuites, skippedCases } from './junit.js';
import { sweepHtmlBody } from './sweep-html.js';
import { escapeHtml } from './svg.js';
import { renderSweepMarkdown } from './sweep-markdown.js';
import { renderSweepTable, sweepDocument } from './sweep.js';

export const SEEDS_FORMATS = ['table', 'json', 'markdown'] as const;
export type SeedsFormat = (typeof SEEDS_FORMATS)[number];

export function renderSeeds(format: SeedsFormat, results: readonly SeedsResults[], p: Palette, width: number): string {
  if (format === 'json') return jsonText(results.length === 1 ? seedsDocument(results[0]) : results.map(seedsDocument));
  if (format === 'markdown') return results.map((r) => renderSweepMarkdown(r, r.replay)).join('\n');
  const tables = results.map((r) => renderSweepTable(r, p, width).trimEnd()).join('\n\n');
  return withReplays(tables, results.map((r) => r.replay));
}

function seedsDocument(r: SeedsResults): Record<string, unknown> {
  return { ...sweepDocument(r), replay: r.replay };
}

/** `--html`: each scenario's charts (a point per strategy, with its confidence interval) and table, on one page. */
export function renderSeedsHtml(results: readonly SeedsResults[]): string {
  const title = results.length === 1 ? `cache-sim run --seeds: ${results[0].scenario}` : 'cache-sim run --seeds';
  const replay = (r: SeedsResults) => (r.replay === null ? '' : `<p>Replay the first failure:</p>\n<pre>${escapeHtml(r.replay)}</pre>\n`);
  return htmlPage(
    title,
    `cache-sim run over ${results[0].seeds.length} seeds`,
    results.map((r) => `<section class="scenario">\n${sweepHtmlBody(r)}${replay(r)}</section>\n`).join(''),
  );
}

export function renderSeedsJunit(results: readonly SeedsResults[], paths?: AnnotationPaths): string {
  return renderJunitSuites(
    results.map((r) => ({
      name: r.scenario,
      properties: [
        ['seed', String(r.seed)],
        ['seeds', r.seeds.join(' ')],
        ['file', r.file],
      ],
      cases: inWrittenOrder([...r.expectations.map(seedsCase), ...skippedCases(r)]),
    })),
    paths,
  );
}

function seedsCase(e: ExpectationOverSeeds): JunitCase {
  const name = expectationTitle(e);
  if (e.pass) return { name, at: e.at };
  const message = `${failureOverSeedsText(e)} (${e.at})`;
  return { name, at: e.at, failure: { message, body: `${message}\nReplay: ${e.replay}` } };
}

/** GitHub Actions annotations: one per expectation that failed on any seed, on its line of the scenario. */
export function renderSeedsAnnotations(results: readonly SeedsResults[], paths?: AnnotationPaths): string {
  return annotationLines(
    results.flatMap((r) => r.expectations.filter((e) => !e.pass).map((e) => failedOverSeeds(e))),
    paths,
  );
}

