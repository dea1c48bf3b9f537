/** Running the CLI in-process with captured output, as the tests of commands need. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import type { CommandIO } from '../../src/commands/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
  isTTY = false,
  workers?: CommandIO['workers'],
  columns?: number,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY, columns },
    stderr: { write: (s: string) => (stderr += s), isTTY },
    env,
    workers,
  });
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cache-sim-test-'));
}

export const SMALL = 'test/fixtures/scenarios/small.yaml';
