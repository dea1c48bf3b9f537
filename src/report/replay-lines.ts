/**
 * How a terminal report ends when expectations failed: with the command that replays each
 * failed scenario's run, one `Replay:` line each, whole (for logs to grep and terminals to
 * copy), after every scenario's report, so that the output ends with them however many
 * scenarios ran.
 */
/** `reports` followed by a `Replay:` line per command that is not null. */
export function withReplays(reports: string, replays: readonly (string | null)[]): string {
  const lines = replays.filter((replay) => replay !== null).map(replayLine);
  return lines.length === 0 ? `${reports}\n` : `${reports}\n\n${lines.join('\n')}\n`;
}

/**
 * `Replay: cache-sim run …` (stderr gets it too when stdout is JSON, markdown or CSV). Never
 * coloured, even where colour is forced (a CI log): `grep '^Replay:'` must find it.
 */
export function replayLine(replay: string): string {
  return `Replay: ${replay}`;
}
