#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli.js (built by `npm install` through the `prepare` script).
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
