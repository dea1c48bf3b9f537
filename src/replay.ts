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

export function replayCommand(args: ReplayArgs): string {
  const words = ['cache-sim', 'run', args.file, '--seed', String(args.seed)];
  if (args.strategies && args.strategies.length > 0) words.push('--strategy', args.strategies.join(','));
  for (const set of args.sets ?? []) words.push('--set', set);
  return words.map(shellWord).join(' ');
}
