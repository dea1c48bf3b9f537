/** The one command line that reproduces a run exactly (SPEC §1 "Replay"). */

export interface ReplayArgs {
  file: string;
  seed: number;
  strategies?: readonly string[];
  sets?: readonly string[];
}

/** Quote for a POSIX shell only when needed, so the common case stays readable. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function replayCommandLine(args: ReplayArgs): string {
  return commandLine(['run', args.file], args);
}

/** The command that tells `key`'s story under `strategy` in the run `args` describes (same seed, same overrides), over a window of time if given. */
export function traceCommandLine(args: ReplayArgs & { key: number; strategy: string; window?: { from: string; until: string } }): string {
  const window = args.window ? ['--from', args.window.from, '--until', args.window.until] : [];
  return commandLine(['trace', args.file, '--key', String(args.key), ...window], { ...args, strategies: [args.strategy] });
}

/** A `--set seed=N`: the seed the run used is `--seed`'s in every command line, which wins over it. */
export function isSeedSet(set: string): boolean {
  return /^\s*"?seed"?\s*=/.test(set);
}

function commandLine(start: readonly string[], args: ReplayArgs): string {
  const words = ['cache-sim', ...start, '--seed', String(args.seed)];
  if (args.strategies && args.strategies.length > 0) words.push('--strategy', args.strategies.join(','));
  for (const set of args.sets ?? []) if (!isSeedSet(set)) words.push('--set', set);
  return words.map(shellWord).join(' ');
}

/**
 * A command as lines of at most `width` columns for a terminal, broken before its options
 * (never inside a quoted word) and joined by shell line continuations, so it still pastes
 * whole. A part longer than the width gets a line of its own.
 */
export function wrapCommand(command: string, width: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < command.length; i++) {
    if (command[i] === "'") quoted = !quoted;
    else if (!quoted && command.startsWith(' --', i)) {
      parts.push(command.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(command.slice(start));
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + part.length + 2 <= width) lines[last] += ` ${part}`;
    else lines.push(part);
  }
  return lines.map((line, i) => (i < lines.length - 1 ? `${line} \\` : line));
}
