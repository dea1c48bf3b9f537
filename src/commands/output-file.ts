/**
 * Output files are written whole or not at all: to a temporary name beside the target,
 * then renamed, so a failure never leaves a partial report behind.
 */
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, type Problem, wholeFileProblem } from '../errors.js';
import { fileProblem } from '../util/file-errors.js';

export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputError([wholeFileProblem(path, fileProblem(path, 'write', error))]);
  }
}

/**
 * What stops the report files `outputs` from being written, found before a run so a mistyped
 * folder fails at once rather than after minutes of simulation: a path that cannot be
 * written, one that would replace a scenario being run, or one path given twice.
 */
export function outputProblems(outputs: readonly string[], scenarios: readonly string[]): Problem[] {
  const inputs = new Set(scenarios.map((file) => resolve(file)));
  const reports = new Set<string>();
  return outputs.flatMap((output) => {
    const full = resolve(output);
    if (inputs.has(full)) return [wholeFileProblem(output, 'cannot write: it is a scenario file being run, which the report would replace; allowed: a path of its own')];
    if (reports.has(full)) return [wholeFileProblem(output, 'cannot write: another report goes to the same path; allowed: a path of its own')];
    reports.add(full);
    const problem = unwritable(output);
    return problem ? [problem] : [];
  });
}

function unwritable(path: string): Problem | null {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) return wholeFileProblem(path, fileProblem(path, 'write', { code: 'EISDIR' }));
    accessSync(dirname(path), constants.W_OK);
    return null;
  } catch (error) {
    return wholeFileProblem(path, fileProblem(path, 'write', error));
  }
}
