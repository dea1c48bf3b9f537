/** `cache-sim strategies`: every preset, what it guarantees and what it costs. */
import { describeOptions } from '../strategies/options.js';
import { presets } from '../strategies/registry.js';
import { paletteFor } from '../report/index.js';
import type { CommandIO } from './io.js';

/** `Options:` then one line per option, `name (default D): meaning`. */
function optionLines(options: Parameters<typeof describeOptions>[0]): string[] {
  const described = describeOptions(options);
  if (described.length === 0) return ['  Options: none besides cache'];
  return ['  Options:', ...described.map((o) => `    ${o.name} (default ${o.default}): ${o.description}`)];
}

export function strategiesCommand(io: CommandIO): number {
  const palette = paletteFor(io.env, io.stdout);
  const blocks = presets.map((p) =>
    [
      palette.heading(p.name),
      `  ${p.summary}`,
      `  Guarantees: ${p.guarantees}`,
      `  Costs: ${p.costs}`,
      ...optionLines(p.options),
    ].join('\n'),
  );
  io.stdout.write(`${blocks.join('\n\n')}\n`);
  return 0;
}
