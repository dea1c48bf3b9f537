/** `cache-sim trace`: the story of one key under one strategy, as text or a Mermaid diagram, and as an HTML page of lanes. */
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
  if (options.strategy !== undefined) checkStrategiesExist(scenario, [options.strategy]);
  const spec = scenario.strategies.find((s) => options.strategy === undefined || s.name === options.strategy) as StrategySpec;
  const { allReads, fromMs, untilMs } = options;
  const trace = traceKey(scenario, spec, options.key, { allReads, fromMs, untilMs });
  if (options.html !== undefined) writeFilesAtomically([{ path: options.html, content: renderTraceHtml(trace) }]);
  io.stdout.write(options.format === 'mermaid' ? renderTraceMermaid(trace) : renderTraceText(trace));
  return 0;
}
