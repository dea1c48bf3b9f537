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

/** Where GitHub Actions checked the repository out, for annotations' paths (none outside it). */
export function annotationPaths(env: CommandIO['env']): AnnotationPaths | undefined {
  return env.GITHUB_WORKSPACE ? { workspace: env.GITHUB_WORKSPACE, cwd: process.cwd() } : undefined;
}

/** Problems with the input, one `FILE:LINE:COL: message` line each; on GitHub Actions also as annotations on those lines. */
export function writeProblems(problems: readonly Problem[], io: CommandIO): void {
  io.stderr.write(problems.map((p) => `${formatProblem(p)}\n`).join(''));
  if (io.env.GITHUB_ACTIONS === 'true') io.stderr.write(problemAnnotations(problems, annotationPaths(io.env)));
}
