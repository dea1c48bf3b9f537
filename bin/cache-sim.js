#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli.js (built by `npm install` through the `prepare` script).
import { runCli } from '../dist/cli.js';

// `cache-sim trace … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
