#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cache-sim.cjs by `npm install` (the `prepare` script).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './load-bundle.js';

// `cache-sim trace … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { runCli } = loadBundle(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cache-sim.cjs')).exports;
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
