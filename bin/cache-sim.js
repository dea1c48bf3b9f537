#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cache-sim.cjs by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundlePath, loadBundle } from './load-bundle.js';

// `cache-sim trace … | head` closes the pipe early: that is the reader's choice, not an error,
// and what is printed after it goes nowhere; the command still ends with its own exit code
// (a CI step `cache-sim run … | head` with pipefail must fail when an expectation failed).
// Any other failure to write the output (a full disk) is told in one line, like a report
// file that cannot be written (exit 2), never as a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`cache-sim: cannot write the output: ${error.message}\n`);
  process.exit(2);
});

if (!existsSync(bundlePath)) {
  process.stderr.write(`cache-sim: ${bundlePath} is missing; build it with \`npm install\` (or \`npm run build\`) in the cache-sim folder\n`);
  process.exit(3);
}
const { runCli } = loadBundle(bundlePath).exports;
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  workers: { cores: availableParallelism(), spawn: () => new Worker(new URL('./worker.js', import.meta.url)) },
});
