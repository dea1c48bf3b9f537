/** Where reports are written, and the width they fit there. */
import { DEFAULT_WIDTH } from './grid.js';

/** Where a command writes. The CLI passes the process streams; tests pass string collectors. */
export interface TextSink {
  write(text: string): unknown;
  /** True when the sink is a terminal (colour and progress are shown only then). */
  isTTY?: boolean;
  /** The terminal's width, when it is one: tables are split to fit it. */
  columns?: number;
}

/**
 * The width reports fit: the terminal's own, else `COLUMNS` (a handout of 80 columns from a
 * pipe), else DEFAULT_WIDTH; never under 60.
 */
export function reportWidth(sink: TextSink, env: Record<string, string | undefined>): number {
  const asked = /^\d+$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  const columns = sink.isTTY && sink.columns ? sink.columns : asked || DEFAULT_WIDTH;
  return Math.max(60, columns);
}
