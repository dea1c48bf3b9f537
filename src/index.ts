/**
 * The library API (package `main`): what the CLI is a thin shell over, for programs and
 * tests that load scenarios, run them and render the results themselves.
 */
export { runCli } from './cli.js';
export type { CommandIO } from './commands/io.js';
export type { TextSink } from './report/sink.js';
export { InputError, UsageError } from './errors.js';
export type { ScenarioResults, StrategyResult } from './metrics/results.js';
export { plain, renderAnnotations, renderHtml, renderReport, REPORT_FORMATS, type ReportFormat } from './report/index.js';
export { loadScenarioFile, loadScenarioText } from './scenario/load.js';
export type { Scenario } from './scenario/types.js';
export { runScenario, runStrategy, type RunOptions } from './simulate.js';
export { runSweep, type SweepOptions, type SweepResults } from './sweep.js';
export { runSeeds, type SeedsOptions, type SeedsResults } from './run-seeds.js';
export type { ExpectationOverSeeds } from './metrics/expect.js';
export { mergeShards, type ShardFile } from './sweep-merge.js';
export { compareDocuments, type Comparison, type MetricChange } from './compare.js';
export { traceKey, type KeyTrace } from './trace/key-trace.js';
export { serveStrategyRuns } from './parallel/serve.js';
