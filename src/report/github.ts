/**
 * GitHub Actions workflow commands: one `::error` annotation per failed expectation, so the
 * failure shows on the scenario file's line in the pull request.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { formatPosition, type Problem } from '../errors.js';
import type { ScenarioResults } from '../metrics/results.js';
import { expectationTitle, failureText, placeInFile } from './expectation-text.js';

/**
 * Where the run happened, for a file's path as GitHub reads it: relative to the repository's
 * root (`GITHUB_WORKSPACE`), while the user gave it relative to the step's working folder.
 */
export interface AnnotationPaths {
  workspace: string;
  cwd: string;
}

/** Lines (each ending in `\n`), or the empty string when every expectation held. */
export function renderAnnotations(results: ScenarioResults[], paths?: AnnotationPaths): string {
  return annotationLines(
    results.flatMap((r) =>
      r.expectations.filter((e) => !e.pass).map((e) => ({ at: e.at, title: expectationTitle(e), message: `${failureText(e)}\nReplay: ${r.replay}` })),
    ),
    paths,
  );
}

/** Bad input (an invalid scenario) as annotations, each on the line at fault. */
export function problemAnnotations(problems: readonly Problem[], paths?: AnnotationPaths): string {
  return annotationLines(
    problems.map((p) => ({ at: formatPosition(p), title: 'cache-sim: bad input', message: p.message })),
    paths,
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
export function annotationLines(failures: readonly Annotation[], paths?: AnnotationPaths): string {
  return failures
    .map(({ at, title, message }) => {
      const pos = placeInFile(at);
      const props = pos ? `file=${property(inRepository(pos.file, paths))},line=${pos.line},col=${pos.col},title=${property(title)}` : `title=${property(title)}`;
      return `::error ${props}::${data(pos ? message : `${message}\n(at ${at})`)}\n`;
    })
    .join('');
}

/** `file` relative to the repository's root when it lies inside it; as given otherwise. */
export function inRepository(file: string, paths: AnnotationPaths | undefined): string {
  if (!paths) return file;
  const fromRoot = relative(paths.workspace, resolve(paths.cwd, file));
  return fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) ? file : fromRoot;
}

/** Message data: `%` first, so the escapes it introduces are not escaped again. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally end at `,` and `::`, so those are escaped too (as actions/toolkit does). */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
