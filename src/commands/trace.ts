/** `cache-sim trace`: the story of one key under one strategy, as text or a Mermaid diagram, and as an HTML page of lanes. */
import { UsageError } from '../errors.js';
import { formatDuration } from '../report/format.js';
import { renderTraceMermaid, renderTraceText } from '../report/trace.js';
import { renderTraceHtml } from '../report/trace-html.js';
import { loadScenarioFile } from '../scenario/load.js';
import { traceKey } from '../trace/key-trace.js';
import type { CommandIO } from './io.js';
import { loadEach, writeFilesAtomically } from './output-file.js';
import { checkStrategiesExist } from '../simulate.js';
import type { StrategySpec } from '../scenario/types.js';

export interface TraceCommandOptions {
  key: number;
  strategy?: string;
  seed?: number;
  sets: string[];
  format: 'text' | 'mermaid';
  allReads: boolean;
  /** The window told, in ms. */
  fromMs?: number;
  untilMs?: number;
  /** Also write the story as a self-contained HTML page here. */
  html?: string;
}

export function traceCommand(file: string, options: TraceCommandOptions, io: CommandIO): number {
  const sets = options.seed === undefined ? options.sets : [...options.sets, `seed=${options.seed}`];
  const [scenario] = loadEach([file], [options.html], () => loadScenarioFile(file, sets));
  if (options.key >= scenario.workload.keys) {
    throw new UsageError(`--key ${options.key}: ${file} has keys 0 to ${scenario.workload.keys - 1} (0 is the most popular)`);
  }
  if (options.strategy !== undefined) checkStrategiesExist(scenario, [options.strategy]);
  const spec = scenario.strategies.find((s) => options.strategy === undefined || s.name === options.strategy) as StrategySpec;
  const { allReads, fromMs, untilMs } = options;
  if (fromMs !== undefined && untilMs !== undefined && fromMs > untilMs) {
    throw new UsageError(`--from is after --until: the window would hold nothing`);
  }
  if (fromMs !== undefined && fromMs >= scenario.durationMs) {
    const at = (ms: number) => formatDuration(ms, { exact: true });
    throw new UsageError(`--from ${at(fromMs)}: the run is over by then (duration: ${at(scenario.durationMs)}); allowed: a time before the end`);
  }
  const trace = traceKey(scenario, spec, options.key, { allReads, fromMs, untilMs });
  if (options.html !== undefined) writeFilesAtomically([{ path: options.html, content: renderTraceHtml(trace) }]);
  io.stdout.write(options.format === 'mermaid' ? renderTraceMermaid(trace) : renderTraceText(trace));
  return 0;
}
