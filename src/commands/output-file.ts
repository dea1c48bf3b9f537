/**
 * Output files are written whole or not at all: to a temporary name beside the target,
 * then renamed, so a failure never leaves a partial report behind.
 */
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError, type Problem } from '../errors.js';
import { fileProblem } from '../util/file-errors.js';

export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputError([{ file: path, line: 1, col: 1, message: fileProblem(path, 'write', error) }]);
  }
}

/**
 * Why `path` could not be written later, or null: checked before a run, so a mistyped
 * folder fails at once rather than after minutes of simulation.
 */
export function unwritable(path: string): Problem | null {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    accessSync(dirname(path), constants.W_OK);
    return null;
  } catch (error) {
    return { file: path, line: 1, col: 1, message: fileProblem(path, 'write', error) };
  }
}
