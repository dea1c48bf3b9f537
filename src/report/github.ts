/**
 * GitHub Actions workflow commands: one `::error` annotation per failed expectation, so the
 * failure shows on the scenario file's line in the pull request.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { ScenarioResults } from '../metrics/results.js';
import { isOptionFile } from '../scenario/positions.js';
import { expectationTitle, failureText, parseAt } from './expectation-text.js';

/** Lines (each ending in `\n`), or the empty string when every expectation held. */
export function renderAnnotations(results: ScenarioResults[]): string {
  return annotationLines(
    results.flatMap((r) =>
      r.expectations.filter((e) => !e.pass).map((e) => ({ at: e.at, title: expectationTitle(e), message: `${failureText(e)}\nReplay: ${r.replay}` })),
    ),
  );
}

/** A failed check to annotate: where it is written (`FILE:LINE:COL`), its name and what happened. */
export interface Annotation {
  at: string;
  title: string;
  message: string;
}

/**
 * One `::error` line per failure, on its file's line when `at` names one; an expectation
 * given by `--set` has no file to point at, so its annotation says where it came from instead.
 */
export function annotationLines(failures: readonly Annotation[]): string {
  return failures
    .map(({ at, title, message }) => {
      const pos = parseAt(at);
      const inFile = pos !== undefined && !isOptionFile(pos.file);
      const props = inFile ? `file=${property(pos.file)},line=${pos.line},col=${pos.col},title=${property(title)}` : `title=${property(title)}`;
      return `::error ${props}::${data(inFile ? message : `${message}\n(at ${at})`)}\n`;
    })
    .join('');
}

/** Message data: `%` first, so the escapes it introduces are not escaped again. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally end at `,` and `::`, so those are escaped too (as actions/toolkit does). */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
