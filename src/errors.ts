/**
 * Typed errors carrying the exit code the CLI should use. Deep code throws these;
 * only the CLI entry point turns them into an exit status.
 */

/** One problem in an input file, reported as `FILE:LINE:COL: message`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** A problem with a file as a whole (it cannot be read or written, it is not YAML): reported at 1:1. */
export function wholeFileProblem(file: string, message: string): Problem {
  return { file, line: 1, col: 1, message };
}

/** `FILE:LINE:COL`, as problems and expectations are placed. */
export function formatPosition(p: { file: string; line: number; col: number }): string {
  return `${p.file}:${p.line}:${p.col}`;
}

export function formatProblem(p: Problem): string {
  return `${formatPosition(p)}: ${p.message}`;
}

/** Bad input: usage errors, unreadable files, invalid scenarios. Exit code 2, nothing runs. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

/** A usage error with no file position (bad flag, bad flag value). Exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
