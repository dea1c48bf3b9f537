/**
 * Label columns plus data columns, drawn with cli-table3 and split into several tables, each
 * repeating the labels, when the columns would not fit the terminal width (many strategies
 * on 100 columns, many metrics in a sweep).
 */
import Table from 'cli-table3';
import type { Palette } from './colour.js';
import { visibleWidth } from './format.js';

export type CellStyle = 'best' | 'pass' | 'fail' | 'dim' | 'bold' | 'heading';

export interface GridCell {
  text: string;
  style?: CellStyle;
}

export interface GridSpec {
  /** Headings of the label columns, then of each data column. */
  head: string[];
  /** Groups of lines, a rule between groups; each line is the labels, then one cell per data column. */
  groups: GridCell[][][];
  /** How many leading columns are labels, left-aligned and repeated in every split table (default 1). */
  labels?: number;
}

/** Columns a table fits when the terminal's width is unknown (piped output, files, CI logs). */
export const DEFAULT_WIDTH = 100;

/** Each column costs its content plus one space of padding each side and one border. */
const COLUMN_OVERHEAD = 3;

export function renderGrid(spec: GridSpec, palette: Palette, maxWidth: number): string {
  const labels = Array.from({ length: spec.labels ?? 1 }, (_, i) => i);
  return chunkColumns(spec, labels, maxWidth)
    .map((columns) => drawTable(spec, labels, [...labels, ...columns], palette))
    .join('\n\n');
}

/** Data column indices (into `head`, after the labels) per table, greedily filling the width; at least one each. */
function chunkColumns(spec: GridSpec, labels: readonly number[], maxWidth: number): number[][] {
  const width = (col: number): number =>
    COLUMN_OVERHEAD +
    Math.max(visibleWidth(spec.head[col]), ...spec.groups.flat().map((line) => visibleWidth(line[col]?.text ?? '')));
  const chunks: number[][] = [];
  const labelWidth = 1 + labels.reduce((sum, col) => sum + width(col), 0);
  let used = labelWidth;
  for (let col = labels.length; col < spec.head.length; col++) {
    const w = width(col);
    const current = chunks.at(-1);
    if (current && used + w <= maxWidth) {
      current.push(col);
      used += w;
    } else {
      chunks.push([col]);
      used = labelWidth + w;
    }
  }
  return chunks.length > 0 ? chunks : [[]];
}

function drawTable(spec: GridSpec, labels: readonly number[], columns: number[], palette: Palette): string {
  const table = new Table({
    head: columns.map((c) => palette.heading(spec.head[c])),
    colAligns: columns.map((c) => (labels.includes(c) ? 'left' : 'right')),
    // Always empty: cli-table3 would otherwise colour through its own, environment-sniffing
    // colour library, escaping even into pipes. Colour comes from our palette only.
    style: { head: [], border: [] },
  });
  for (const group of spec.groups) {
    // One table row per group with multi-line cells: cli-table3 draws a rule between rows,
    // which gives rules between groups and none inside them.
    table.push(columns.map((c) => group.map((line) => styled(line[c], palette)).join('\n')));
  }
  return table.toString();
}

function styled(cell: GridCell | undefined, palette: Palette): string {
  if (!cell) return '';
  return cell.style ? palette[cell.style](cell.text) : cell.text;
}
