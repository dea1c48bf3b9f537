/**
 * A label column plus data columns, drawn with cli-table3 and split into several tables
 * when the columns would not fit the terminal width (many strategies on 100 columns).
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
  /** Heading of the label column, then of each data column. */
  head: string[];
  /** Groups of lines, a rule between groups; each line is the label, then one cell per data column. */
  groups: GridCell[][][];
}

/** Each column costs its content plus one space of padding each side and one border. */
const COLUMN_OVERHEAD = 3;

export function renderGrid(spec: GridSpec, palette: Palette, maxWidth: number): string {
  return chunkColumns(spec, maxWidth)
    .map((columns) => drawTable(spec, [0, ...columns], palette))
    .join('\n\n');
}

/** Data column indices (1-based into `head`) per table, greedily filling the width; at least one each. */
function chunkColumns(spec: GridSpec, maxWidth: number): number[][] {
  const width = (col: number): number =>
    COLUMN_OVERHEAD +
    Math.max(visibleWidth(spec.head[col]), ...spec.groups.flat().map((line) => visibleWidth(line[col]?.text ?? '')));
  const chunks: number[][] = [];
  const labelWidth = 1 + width(0);
  let used = labelWidth;
  for (let col = 1; col < spec.head.length; col++) {
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

function drawTable(spec: GridSpec, columns: number[], palette: Palette): string {
  const table = new Table({
    head: columns.map((c) => palette.heading(spec.head[c])),
    colAligns: columns.map((c) => (c === 0 ? 'left' : 'right')),
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
