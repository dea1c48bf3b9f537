/**
 * Output files are written whole or not at all: to a temporary name beside the target,
 * then renamed, so a failure never leaves a partial report behind; and a command's reports
 * together, so that when one cannot be written none is (the command exits 2, as if none
 * had been asked for). A symbolic link is written through (its target replaced, the link
 * kept); a device or a pipe (`/dev/null`, `/dev/stdout`) is written to as it is, never
 * replaced by a file.
 */
import { accessSync, constants, fstatSync, lstatSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, type Problem, UsageError, wholeFileProblem } from '../errors.js';
import { fileProblem } from '../util/file-errors.js';

export interface OutputFile {
  path: string;
  content: string;
}

/** Paths of devices and process files (/dev/stdout, /dev/fd/3, /proc/…): written to as they are. */
const SYSTEM_FOLDERS = /^\/(dev|proc)\//;

/** Paths naming an open descriptor by number: /dev/fd/N, /proc/self/fd/N, /proc/thread-self/fd/N. */
const DESCRIPTOR_PATH = /^\/+(?:dev\/+fd|proc\/+(?:self|thread-self|\d+)\/+fd)\/+\d+$/;

/** Whether `path` is written to as it is (a device, a pipe, a process file) rather than replaced by a file. */
function isDevice(path: string): boolean {
  if (SYSTEM_FOLDERS.test(path)) return true;
  try {
    const existing = statSync(path, { throwIfNoEntry: false });
    return existing !== undefined && !existing.isFile() && !existing.isDirectory();
  } catch {
    return false; // cannot be looked at (a file in the middle of the path): said when written
  }
}

/**
 * The descriptor (1 or 2) whose file `path` names, however it is spelt (/dev/stdout, a link to
 * it, the very file stdout was sent to), or null. Such a report is written through the
 * descriptor, where its output has got to: opened anew, a stdout sent to a file would be
 * truncated and the report then overwritten by what the command prints.
 */
function ownDescriptor(path: string): 1 | 2 | null {
  try {
    const target = statSync(path, { throwIfNoEntry: false });
    if (!target) return null;
    for (const descriptor of [1, 2] as const) {
      const own = fstatSync(descriptor);
      if (own.ino !== 0 && own.dev === target.dev && own.ino === target.ino) return descriptor;
    }
  } catch {
    // a path that cannot be looked at, a descriptor that is closed: not one of ours
  }
  return null;
}

/** Room to wait in while a pipe's reader catches up. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Write `content` through `descriptor`. A pipe stdout is non-blocking: when its reader lags,
 * wait for it; when the reader has gone (EPIPE), stop, as for what the command prints (the
 * reader's choice, not an error).
 */
function writeThrough(descriptor: number, content: string): void {
  const bytes = Buffer.from(content);
  for (let written = 0; written < bytes.length; ) {
    try {
      written += writeSync(descriptor, bytes, written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 1);
    }
  }
}

/** Writes every file, or (when one cannot be written) none of the regular files among them. */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const staged: { path: string; temporary: string; target: string }[] = [];
  const failed = (path: string, error: unknown): never => {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    throw new InputError([wholeFileProblem(path, fileProblem(path, 'write', error))]);
  };
  const devices: OutputFile[] = [];
  for (const file of files) {
    try {
      // Looked at through the links as written: /dev/stdout resolves to a name under /proc
      // (`pipe:[N]`, or the file stdout was sent to) that is no place to stage a file in.
      if (ownDescriptor(file.path) !== null || isDevice(file.path)) {
        devices.push(file);
        continue;
      }
      const target = realPath(file.path);
      const temporary = `${target}.${process.pid}.tmp`;
      staged.push({ path: file.path, temporary, target });
      writeFileSync(temporary, file.content);
    } catch (error) {
      failed(file.path, error);
    }
  }
  // A device cannot be staged: written once every file is, before any is put in place.
  for (const device of devices) {
    try {
      const descriptor = ownDescriptor(device.path);
      if (descriptor === null) writeFileSync(device.path, device.content);
      else writeThrough(descriptor, device.content);
    } catch (error) {
      failed(device.path, error);
    }
  }
  for (const { path, temporary, target } of staged) {
    try {
      renameSync(temporary, target);
    } catch (error) {
      failed(path, error);
    }
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
    if (links < 40 && isLink(path)) return realPath(resolve(dirname(path), readlinkSync(path)), links + 1);
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Whether `path` is a symbolic link (false when it cannot be looked at: a file in the middle of the path). */
function isLink(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  } catch {
    return false;
  }
}

/**
 * Each input loaded, when every one and the report files `outputs` are fine; else every
 * problem of all of them at once (a bad scenario, another one, and a mistyped report folder
 * in one go). Usage errors (`--strategy` naming what a scenario lacks) are gathered the same
 * way, and told when no input has a problem of its own. `inputsAre` says what the inputs
 * are, for a report path that would replace one.
 */
export function loadEach<T>(inputs: readonly string[], outputs: readonly (string | undefined)[], load: (input: string) => T, inputsAre = 'a scenario file being run'): T[] {
  const problems: Problem[] = [];
  const misuses: string[] = [];
  const loaded: T[] = [];
  for (const input of inputs) {
    try {
      loaded.push(load(input));
    } catch (error) {
      if (error instanceof UsageError) misuses.push(error.message);
      else if (error instanceof InputError) problems.push(...error.problems);
      else throw error;
    }
  }
  problems.push(
    ...outputProblems(
      outputs.filter((output) => output !== undefined),
      inputs,
      inputsAre,
    ),
  );
  if (problems.length > 0) throw new InputError(problems);
  if (misuses.length > 0) throw new UsageError(misuses.join('\n'));
  return loaded;
}

/**
 * What stops the report files `outputs` from being written, found before a run so a mistyped
 * folder fails at once rather than after minutes of simulation: a path that cannot be
 * written, one that would replace a scenario being run, or one path given twice.
 */
export function outputProblems(outputs: readonly string[], inputFiles: readonly string[], inputsAre: string): Problem[] {
  const inputs = new Set(inputFiles.map(realPath));
  const reports = new Set<string>();
  return outputs.flatMap((output) => {
    const full = realPath(output);
    if (inputs.has(full)) return [wholeFileProblem(output, `cannot write: it is ${inputsAre}, which the report would replace; allowed: a path of its own`)];
    if (DESCRIPTOR_PATH.test(output) && ownDescriptor(output) === null) {
      // Node keeps descriptors of its own: written to, they crash it or swallow the report.
      return [wholeFileProblem(output, 'cannot write: a descriptor other than stdout and stderr, which cache-sim cannot tell from its own; allowed: /dev/stdout, /dev/stderr or a file path')];
    }
    // Two reports to /dev/null, or both to stdout, are written one after the other.
    if (reports.has(full) && !isDevice(output) && ownDescriptor(output) === null) return [wholeFileProblem(output, 'cannot write: another report goes to the same path; allowed: a path of its own')];
    reports.add(full);
    const problem = unwritable(output, full);
    return problem ? [problem] : [];
  });
}

/** Why `path` (whose links lead to `target`) cannot be written, if it cannot: said of the target, where that is elsewhere. */
function unwritable(path: string, target: string): Problem | null {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) return wholeFileProblem(path, fileProblem(path, 'write', { code: 'EISDIR' }));
    accessSync(dirname(target), constants.W_OK);
    return null;
  } catch (error) {
    const said = resolve(path) === target ? fileProblem(path, 'write', error) : `${fileProblem(target, 'write', error)} (${path} links to ${target})`;
    return wholeFileProblem(path, said);
  }
}
