/** `cache-sim strategies`: every preset, what it guarantees and what it costs, wrapped to the report width. */
import { wrapIndented } from '../report/format.js';
import { describeOptions } from '../strategies/options.js';
import { presets } from '../strategies/registry.js';
import { paletteFor } from '../report/index.js';
import { reportWidth } from '../report/sink.js';
import type { CommandIO } from './io.js';

/** `Options:` then one entry per option, `name (default D): meaning`. */
function optionLines(options: Parameters<typeof describeOptions>[0], width: number): string[] {
  const described = describeOptions(options);
  if (described.length === 0) return ['  Options: none besides cache'];
  return ['  Options:', ...described.flatMap((o) => wrapIndented(`${o.name} (default ${o.default}): ${o.description}`, width, '    ', '      '))];
}

export function strategiesCommand(io: CommandIO): number {
  const palette = paletteFor(io.env, io.stdout);
  const width = reportWidth(io.stdout, io.env);
  const blocks = presets.map((p) =>
    [
      palette.heading(p.name),
      ...wrapIndented(p.summary, width, '  ', '  '),
      ...wrapIndented(`Guarantees: ${p.guarantees}`, width),
      ...wrapIndented(`Costs: ${p.costs}`, width),
      ...optionLines(p.options, width),
    ].join('\n'),
  );
  io.stdout.write(`${blocks.join('\n\n')}\n`);
  return 0;
}
