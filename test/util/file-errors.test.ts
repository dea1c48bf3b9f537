import { expect, test } from 'vitest';
import { fileProblem } from '../../src/util/file-errors.js';

const failure = (code: string) => Object.assign(new Error(`${code}: raw system message`), { code });

test.each([
  ['read', 'ENOENT', 'cannot read: no such file'],
  ['write', 'ENOENT', 'cannot write: the folder out/reports does not exist'],
  ['read', 'ENOTDIR', 'cannot read: part of the path is a file, not a folder'],
  ['write', 'EISDIR', 'cannot write: it is a folder; give the path of a file'],
  ['read', 'EACCES', 'cannot read: permission denied'],
  ['write', 'EPERM', 'cannot write: permission denied in out/reports'],
  ['write', 'ENOSPC', 'cannot write: no space left on the device'],
  ['write', 'EROFS', 'cannot write: out/reports is on a read-only file system'],
  ['write', 'EIO', 'cannot write: EIO: raw system message'],
] as const)('%s failing with %s says: %s', (verb, code, message) => {
  expect(fileProblem('out/reports/run.html', verb, failure(code))).toBe(message);
});

test('a folder that exists but takes no new files (ENOENT on /proc) is not said to be missing', () => {
  expect(fileProblem('/proc/run.html', 'write', failure('ENOENT'))).toBe('cannot write: no file can be made in /proc; allowed: a path in a folder you can write to');
});
