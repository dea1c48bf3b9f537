/**
 * Whether to colour, and the styles to colour with. Reporters receive a Palette instead
 * of touching the global chalk, whose level is guessed from the process's own stdout at
 * import time and ignores NO_COLOR (chalk 5); that would make output depend on where the
 * tests run.
 */
import { Chalk } from 'chalk';
import type { TextSink } from './sink.js';

type Env = Record<string, string | undefined>;
type Style = (text: string) => string;

export interface Palette {
  /** False means every style returns its input unchanged: no escape code anywhere. */
  readonly enabled: boolean;
  readonly bold: Style;
  readonly dim: Style;
  /** Table headings and section titles. */
  readonly heading: Style;
  /** The best value of a comparison row. */
  readonly best: Style;
  readonly pass: Style;
  readonly fail: Style;
}

/**
 * Colour iff FORCE_COLOR asks for it, or the sink is a terminal and NO_COLOR is unset or
 * empty (https://no-color.org). FORCE_COLOR wins over NO_COLOR because it is the more
 * specific request; `FORCE_COLOR=0` (or `false`) is the common spelling of "never", so it
 * turns colour off even on a terminal, as in chalk's own supports-color.
 */
export function colourEnabled(env: Env, sink: TextSink): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return sink.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export function makePalette(enabled: boolean): Palette {
  // Level 1 (16 colours) is all we use, and it renders the same on every terminal.
  const c = new Chalk({ level: enabled ? 1 : 0 });
  return {
    enabled,
    bold: (t) => c.bold(t),
    dim: (t) => c.dim(t),
    heading: (t) => c.bold.cyan(t),
    best: (t) => c.bold.green(t),
    pass: (t) => c.green(t),
    fail: (t) => c.red(t),
  };
}

/** The palette for writing to `sink` under `env` (the CLI's stdout and process.env). */
export function paletteFor(env: Env, sink: TextSink): Palette {
  return makePalette(colourEnabled(env, sink));
}

/** No colour: for files, JSON-adjacent output and tests. */
export const plain: Palette = makePalette(false);
