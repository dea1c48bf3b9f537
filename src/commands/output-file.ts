/**
 * Output files are written whole or not at all: to a temporary name beside the target,
 * then renamed, so a failure never leaves a partial report behind.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';

export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputError([{ file: path, line: 1, col: 1, message: `cannot write output file: ${(error as Error).message}` }]);
  }
}
