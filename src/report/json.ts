/**
 * `--format json` (SPEC §5): one document for one scenario, an array for several, in the
 * order given. The Results object already is the document, names and key order included,
 * so this only serialises: no renaming, no rounding (the simulator owns precision).
 */
import type { ScenarioResults } from '../metrics/results.js';

export function renderJson(results: ScenarioResults[]): string {
  const document = results.length === 1 ? results[0] : results;
  return `${JSON.stringify(document, null, 2)}\n`;
}
