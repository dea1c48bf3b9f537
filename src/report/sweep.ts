/**
 * Reporters for `cache-sim sweep`, by format: a table (one row per grid point × strategy,
 * `mean ± ci` per metric, then the expectations over the seeds, and the command that replays
 * the first failure), JSON (the SweepResults, deterministic key order), CSV (one row per
 * point × strategy × metric) and markdown (sweep-markdown.ts); and the document of one shard
 * of a sweep.
 */
import { jsonText } from './json.js';
import { renderSweepMarkdown } from './sweep-markdown.js';
import { expectationsOutcome, measuredSeeds, pointLabel, summaryText, sweepFacts, whereHeld } from './sweep-text.js';
import type { ShardDocument } from '../sweep-shard.js';
import { firstFailureReplay, type SweepResults } from '../sweep.js';
import { withReplays } from './replay-lines.js';
import { type AnnotationPaths, annotationLines } from './github.js';
import type { Palette } from './colour.js';
import { csvField } from './csv.js';
import { failedOverSeeds, failedSeedsText, rangeText, skippedPieces } from './expectation-text.js';
import { alignedOrWrapped, joinWrapped, visibleWidth, wrapIndented, wrapPainted, wrapText } from './format.js';
import { DEFAULT_WIDTH, type GridCell, type GridSpec, renderGrid } from './grid.js';

export const SWEEP_FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export type SweepFormat = (typeof SWEEP_FORMATS)[number];

export function renderSweep(format: SweepFormat, results: SweepResults, colour: Palette, width = DEFAULT_WIDTH): string {
  switch (format) {
    case 'table':
      return withReplays(renderSweepTable(results, colour, width).trimEnd(), [firstFailureReplay(results)]);
    case 'json':
      return renderSweepJson(results);
    case 'markdown':
      return renderSweepMarkdown(results, firstFailureReplay(results));
    case 'csv':
      return renderSweepCsv(results);
  }
}

/** GitHub Actions annotations: one per expectation that failed at a grid point, on its line of the scenario. */
export function renderSweepAnnotations(r: SweepResults, paths?: AnnotationPaths): string {
  return annotationLines(
    r.points.flatMap((point) => point.expectations.filter((e) => !e.pass).map((e) => failedOverSeeds(e, pointLabel(r, point.params)))),
    paths,
  );
}

export function renderSweepTable(r: SweepResults, p: Palette, width = DEFAULT_WIDTH): string {
  const header = [p.heading(r.scenario), ...joinWrapped(sweepFacts(r), ' · ', width).map(p.dim)];
  const paths = r.params.map((param) => param.path);
  const groups = r.points.map((point) =>
    Object.entries(point.strategies).map(([name, summaries], i): GridCell[] => [
      // The point's values head its group; the strategies below it share them.
      ...paths.map((path) => ({ text: i === 0 ? point.params[path] : '' })),
      { text: name },
      ...r.metrics.map((metric) => ({ text: summaryText(metric, summaries[metric]) })),
    ]),
  );
  // The point's values and the strategy label every line, in each table the metrics are split into.
  const spec: GridSpec = { head: [...paths, 'strategy', ...r.metrics], groups, labels: paths.length + 1 };
  const sections = [header.join('\n'), renderGrid(spec, p, width)];
  if (r.points.some((point) => point.expectations.length > 0)) sections.push(expectationsOverSeeds(r, p, width));
  const skipped = skippedPieces(r);
  if (skipped.length > 0) sections.push(joinWrapped(skipped, ' ', width).map(p.dim).join('\n'));
  return `${sections.join('\n\n')}\n`;
}

/**
 * Each expectation over the seeds: on how many it held, the range of what was measured, the
 * seeds it failed on — under a line naming each point's values when there are parameters.
 */
function expectationsOverSeeds(r: SweepResults, p: Palette, width: number): string {
  // Aligned over every point, so the columns line up down the whole list.
  const all = r.points.flatMap((point) => point.expectations);
  const rows = alignedOrWrapped(
    all.map((e) => ({
      mark: e.pass ? p.pass('✓') : p.fail('✗'),
      cells: [{ text: e.strategy }, { text: e.metric }, { text: e.condition }, { text: `held ${e.held}/${e.runs}`, paint: e.pass ? undefined : p.fail }, { text: `actual ${rangeText(e)}` }],
    })),
    width,
  ).map((line, i) => {
    const e = all[i];
    return e.pass ? line : [...line, ...wrapIndented(p.fail(failedSeedsText(e)), width, '    ', '    '), `    ${p.dim(`at ${e.at}`)}`];
  });
  let next = 0;
  const lines = r.points.flatMap((point) => [...(r.params.length > 0 ? [pointLabel(r, point.params)] : []), ...rows.slice(next, (next += point.expectations.length)).flat()]);
  const { title, outcome, allHeld } = expectationsOutcome(r);
  const held = whereHeld(r);
  const nameWidth = Math.max(0, ...held.map((h) => h.strategy.length));
  // A long list of points wraps under itself.
  const summary = held.flatMap((h) =>
    wrapText(h.where, Math.max(20, width - nameWidth - 4)).map((line, i) => `  ${(i === 0 ? h.strategy : '').padEnd(nameWidth)}  ${h.where === 'nowhere' ? p.fail(line) : line}`),
  );
  return [
    // The outcome goes under the title where both do not fit on one line.
    `${p.heading(`${title}:`)}${visibleWidth(`${title}: ${outcome}`) <= width ? ' ' : '\n'}${allHeld ? p.pass(outcome) : p.fail(outcome)}`,
    ...lines,
    ...(held.length > 0 ? ['', wrapPainted('Where each strategy held all its expectations on every seed:', width, p.heading), ...summary] : []),
  ].join('\n');
}

/** The document: `{ version, scenario, seed, seeds, params, metrics, points }`, as every JSON report prints. */
function renderSweepJson(r: SweepResults): string {
  return jsonText(sweepDocument(r));
}

/** The sweep as its JSON document has it, in the document's key order. */
export function sweepDocument(r: SweepResults): Record<string, unknown> {
  return {
    version: r.version,
    scenario: r.scenario,
    seed: r.seed,
    seeds: r.seeds,
    params: r.params.map(({ path, values }) => ({ path, values })),
    metrics: r.metrics,
    sets: r.sets,
    points: r.points.map((point) => ({
      params: Object.fromEntries(r.params.map(({ path }) => [path, point.params[path]])),
      strategies: Object.fromEntries(
        Object.entries(point.strategies).map(([name, summaries]) => [
          name,
          Object.fromEntries(r.metrics.map((m) => [m, { mean: summaries[m].mean, ci95: summaries[m].ci95, values: summaries[m].values }])),
        ]),
      ),
      expectations: point.expectations,
    })),
    skipped_expectations: r.skipped_expectations,
  };
}

/** One row per point × strategy × metric: the parameter values, strategy, metric, mean, ci95, n (the seeds with a value). */
export function renderSweepCsv(r: SweepResults): string {
  const paths = r.params.map((param) => param.path);
  const header = [...paths, 'strategy', 'metric', 'mean', 'ci95', 'n'];
  const rows = r.points.flatMap((point) =>
    Object.entries(point.strategies).flatMap(([name, summaries]) =>
      r.metrics.map((metric) => {
        const s = summaries[metric];
        return [...paths.map((path) => point.params[path]), name, metric, s.mean, s.ci95, measuredSeeds(s)];
      }),
    ),
  );
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** A shard's document, for `cache-sim merge`: JSON as every report prints it, in the document's own key order. */
export function renderShard(doc: ShardDocument): string {
  return jsonText(doc);
}
