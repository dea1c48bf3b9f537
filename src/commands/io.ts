import { realpathSync } from 'node:fs';
import type { SpawnWorker } from '../parallel/pool.js';
import type { TextSink } from '../report/sink.js';
import { formatProblem, type Problem } from '../errors.js';
import { type AnnotationPaths, problemAnnotations } from '../report/github.js';

export interface CommandIO {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** Worker threads the command may start (the installed command has them; absent, all runs stay in this thread). */
  workers?: { cores: number; spawn: SpawnWorker };
}

/**
 * On GitHub Actions, the annotations `render` makes, to stderr; elsewhere nothing. Files are
 * named from where GitHub checked the repository out (GITHUB_WORKSPACE), as it reads them.
 */
export function writeAnnotations(io: CommandIO, render: (paths: AnnotationPaths | undefined) => string): void {
  if (io.env.GITHUB_ACTIONS === 'true') io.stderr.write(render(githubPaths(io)));
}

/** On GitHub Actions with its workspace known, where files are named from (annotations, JUnit cases); undefined elsewhere. */
export function githubPaths(io: CommandIO): AnnotationPaths | undefined {
  const workspace = io.env.GITHUB_WORKSPACE;
  return io.env.GITHUB_ACTIONS === 'true' && workspace ? { workspace: realPath(workspace), cwd: process.cwd() } : undefined;
}

/** The workspace as the working folder reads (resolved, as `process.cwd()` is): a runner's may be reached through a link. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Problems with the input, one `FILE:LINE:COL: message` line each; on GitHub Actions also as annotations on those lines. */
export function writeProblems(problems: readonly Problem[], io: CommandIO): void {
  io.stderr.write(problems.map((p) => `${formatProblem(p)}\n`).join(''));
  writeAnnotations(io, (paths) => problemAnnotations(problems, paths));
}
