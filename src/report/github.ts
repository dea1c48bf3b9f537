/**
 * GitHub Actions workflow commands: one `::error` annotation per failed expectation, so the
 * failure shows on the scenario file's line in the pull request.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { ScenarioResults } from '../metrics/results.js';
import { expectationTitle, failureText, parseAt } from './expectation-text.js';

/** Lines (each ending in `\n`), or the empty string when every expectation held. */
export function renderAnnotations(results: ScenarioResults[]): string {
  const lines = results.flatMap((r) =>
    r.expectations
      .filter((e) => !e.pass)
      .map((e) => {
        const pos = parseAt(e.at);
        const props = pos
          ? `file=${property(pos.file)},line=${pos.line},col=${pos.col},title=${property(expectationTitle(e))}`
          : `title=${property(expectationTitle(e))}`;
        return `::error ${props}::${data(`${failureText(e)}\nReplay: ${r.replay}`)}\n`;
      }),
  );
  return lines.join('');
}

/** Message data: `%` first, so the escapes it introduces are not escaped again. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally end at `,` and `::`, so those are escaped too (as actions/toolkit does). */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
