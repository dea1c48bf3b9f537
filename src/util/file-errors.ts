/**
 * Why a file could not be read or written, said in the user's terms: about the path they
 * gave (never a temporary name beside it) and what to do, not an errno dump.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

export function fileProblem(path: string, verb: 'read' | 'write', error: unknown): string {
  const folder = dirname(path);
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      // A folder that exists but takes no new files (/proc) answers ENOENT too.
      if (verb === 'write') return existsSync(folder) ? `cannot write: no file can be made in ${folder}; allowed: a path in a folder you can write to` : `cannot write: the folder ${folder} does not exist`;
      // `-` is not read as standard input: a file piped in is /dev/stdin.
      return path === '-' ? 'cannot read: no such file (`-` is not standard input here; a file piped in is /dev/stdin, a file named - is ./-)' : 'cannot read: no such file';
    case 'ENOTDIR':
      return `cannot ${verb}: part of the path is a file, not a folder`;
    case 'EISDIR':
      return `cannot ${verb}: it is a folder; give the path of a file`;
    case 'EACCES':
    case 'EPERM':
      return verb === 'read' ? 'cannot read: permission denied' : `cannot write: permission denied in ${folder}`;
    case 'ENOSPC':
      return 'cannot write: no space left on the device';
    case 'EROFS':
      return `cannot write: ${folder} is on a read-only file system`;
    default:
      return `cannot ${verb}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
