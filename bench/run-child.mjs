// Runs one scenario in a fresh process, with the built library (dist/, what the installed
// command runs), and prints what bench/run.ts measures of it: reads, the seconds the
// simulation itself took (no start-up, no loading), and peak memory.
// Usage: node run-child.mjs FILE [path=value ...]
import { loadScenarioFile, runScenario } from '../dist/index.js';

const [file, ...sets] = process.argv.slice(2);
const scenario = loadScenarioFile(file, sets);
const started = performance.now();
const results = runScenario(scenario);
const seconds = (performance.now() - started) / 1000;
const strategies = Object.values(results.strategies);
const reads = strategies.reduce((n, s) => n + s.reads, 0);
const writes = strategies.reduce((n, s) => n + s.writes, 0);
process.stdout.write(`${JSON.stringify({ reads, writes, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
