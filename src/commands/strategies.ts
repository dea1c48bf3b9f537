/** `cache-sim strategies`: every preset, what it guarantees and what it costs. */
import { presets } from '../strategies/registry.js';
import { paletteFor } from '../report/index.js';
import type { CommandIO } from './io.js';

export function strategiesCommand(io: CommandIO): number {
  const palette = paletteFor(io.env, io.stdout);
  const blocks = presets.map((p) =>
    [
      palette.heading(p.name),
      `  ${p.summary}`,
      `  Guarantees: ${p.guarantees}`,
      `  Costs: ${p.costs}`,
      `  Options: ${Object.keys(p.options.shape).join(', ') || 'none besides cache'}`,
    ].join('\n'),
  );
  io.stdout.write(`${blocks.join('\n\n')}\n`);
  return 0;
}
