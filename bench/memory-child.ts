/** Runs one scenario in this process and prints its peak memory (for bench/run.ts). */
import { loadScenarioFile } from '../src/scenario/load.js';
import { runScenario } from '../src/simulate.js';

const [file, duration] = process.argv.slice(2);
const results = runScenario(loadScenarioFile(file, [`duration=${duration}`]));
const reads = Object.values(results.strategies).reduce((n, s) => n + s.reads, 0);
process.stdout.write(`${JSON.stringify({ reads, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
