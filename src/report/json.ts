/**
 * `--format json` (SPEC §5): one document for one scenario, an array for several, in the
 * order given. The Results object already is the document, names and key order included,
 * so this only serialises: no renaming, no rounding (the simulator owns precision).
 */
import type { ScenarioResults } from '../metrics/results.js';

export function renderJson(results: ScenarioResults[]): string {
  const document = results.length === 1 ? results[0] : results;
  return jsonText(document);
}

/** A JSON document as cache-sim prints them (two-space indents, arrays of numbers on one line), with a final newline. */
export function jsonText(document: unknown): string {
  return `${pretty(document, '')}\n`;
}

/**
 * `JSON.stringify(value, null, 2)`, except that an array of numbers stays on one line: a
 * timeline would otherwise take a line per bucket. The same JSON value either way.
 */
function pretty(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number' || v === null)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
