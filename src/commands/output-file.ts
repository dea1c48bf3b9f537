/**
 * Output files are written whole or not at all: to a temporary name beside the target,
 * then renamed, so a failure never leaves a partial report behind. A symbolic link is
 * written through (its target replaced, the link kept); a device or a pipe (`/dev/null`,
 * `/dev/stdout`) is written to as it is, never replaced by a file.
 */
import { accessSync, constants, lstatSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, type Problem, wholeFileProblem } from '../errors.js';
import { fileProblem } from '../util/file-errors.js';

export function writeFileAtomically(path: string, content: string): void {
  const target = realPath(path);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing && !existing.isFile() && !existing.isDirectory()) {
      writeFileSync(target, content);
      return;
    }
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputError([wholeFileProblem(path, fileProblem(path, 'write', error))]);
  }
}

/**
 * The path with every symbolic link resolved, for a file that may not exist yet: a link to
 * nothing yet resolves to where it points, a new file to its folder's real path.
 */
function realPath(path: string, links = 0): string {
  try {
    return realpathSync(path);
  } catch {
    if (links < 40 && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) return realPath(resolve(dirname(path), readlinkSync(path)), links + 1);
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * What stops the report files `outputs` from being written, found before a run so a mistyped
 * folder fails at once rather than after minutes of simulation: a path that cannot be
 * written, one that would replace a scenario being run, or one path given twice.
 */
export function outputProblems(outputs: readonly string[], scenarios: readonly string[]): Problem[] {
  const inputs = new Set(scenarios.map(realPath));
  const reports = new Set<string>();
  return outputs.flatMap((output) => {
    const full = realPath(output);
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
