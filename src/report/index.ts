/**
 * The reporters, by `--format` name, for the `run` command. Each reads only Results.
 */
import { UsageError } from '../errors.js';
import type { ScenarioResults } from '../metrics/results.js';
import type { Palette } from './colour.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export const REPORT_FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `colour` and `width` (columns) apply to the table only; the other formats are read by programs and never coloured. */
export function renderReport(format: ReportFormat, results: ScenarioResults[], colour: Palette, width?: number): string {
  switch (format) {
    case 'table':
      return renderTable(results, { colour, width });
    case 'json':
      return renderJson(results);
    case 'markdown':
      return renderMarkdown(results);
    case 'csv':
      return renderCsv(results);
    default:
      // Only a caller of the library, unchecked by types, gets here: the CLI takes the formats it lists.
      throw new UsageError(`--format ${String(format)}: not a report format; allowed: ${REPORT_FORMATS.join(', ')}`);
  }
}

export { colourEnabled, makePalette, paletteFor, plain, type Palette } from './colour.js';
export { renderAnnotations } from './github.js';
export { renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { renderCsv, renderJson, renderMarkdown, renderTable };
