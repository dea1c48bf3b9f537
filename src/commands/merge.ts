/**
 * `cache-sim merge`: the shard documents of one sweep, put together and printed as the
 * unsharded sweep would print them (table, JSON or CSV; `--html FILE` the sweep's page). Exit 0, or 2 on bad input.
 */
import { readFileSync } from 'node:fs';
import { InputError, wholeFileProblem } from '../errors.js';
import { paletteFor } from '../report/colour.js';
import { renderSweep, type SweepFormat } from '../report/sweep.js';
import { renderSweepHtml } from '../report/sweep-html.js';
import { mergeShards, type ShardFile } from '../sweep-merge.js';
import { fileProblem } from '../util/file-errors.js';
import { reportWidth } from '../report/sink.js';
import type { CommandIO } from './io.js';
import { loadEach, writeFilesAtomically } from './output-file.js';

export function mergeCommand(files: readonly string[], options: { format: SweepFormat; html?: string }, io: CommandIO): number {
  const shards: ShardFile[] = loadEach(files, [options.html], (file) => {
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (error) {
      throw new InputError([wholeFileProblem(file, fileProblem(file, 'read', error))]);
    }
  }, 'a shard document being merged');
  const results = mergeShards(shards);
  if (options.html !== undefined) writeFilesAtomically([{ path: options.html, content: renderSweepHtml(results) }]);
  io.stdout.write(renderSweep(options.format, results, paletteFor(io.env, io.stdout), reportWidth(io.stdout, io.env)));
  return 0;
}
