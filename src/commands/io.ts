import type { SpawnWorker } from '../parallel/pool.js';
import { DEFAULT_WIDTH } from '../report/grid.js';

/** Where a command writes. The CLI passes the process streams; tests pass string collectors. */
export interface TextSink {
  write(text: string): unknown;
  /** True when the sink is a terminal (colour and progress are shown only then). */
  isTTY?: boolean;
  /** The terminal's width, when it is one: tables are split to fit it. */
  columns?: number;
}

/** Columns the terminal reports fit: the terminal's own width, never under 60; DEFAULT_WIDTH when not a terminal. */
export function reportWidth(sink: TextSink): number {
  return sink.isTTY && sink.columns ? Math.max(60, sink.columns) : DEFAULT_WIDTH;
}

export interface CommandIO {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** Worker threads the command may start (the installed command has them; absent, all runs stay in this thread). */
  workers?: { cores: number; spawn: SpawnWorker };
}
