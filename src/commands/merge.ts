/**
 * `cache-sim merge`: the shard documents of one sweep, put together and printed as the
 * unsharded sweep would print them (table, JSON or CSV; `--html FILE` the sweep's page), and
 * ends as it would: exit 1 when an expectation failed somewhere, 0 when all held, 2 on bad input.
 */
import { readFileSync } from 'node:fs';
import { InputError, wholeFileProblem } from '../errors.js';
import { mergeShards, type ShardFile } from '../sweep-merge.js';
import { fileProblem } from '../util/file-errors.js';
import type { CommandIO } from './io.js';
import { loadEach } from './output-file.js';
import { reportSweep } from './sweep.js';
import type { SweepFormat } from '../report/sweep.js';

export function mergeCommand(files: readonly string[], options: { format: SweepFormat; html?: string }, io: CommandIO): number {
  const shards: ShardFile[] = loadEach(files, [options.html], (file) => {
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (error) {
      throw new InputError([wholeFileProblem(file, fileProblem(file, 'read', error))]);
    }
  }, 'a shard document being merged');
  return reportSweep(mergeShards(shards), options.format, options.html, io);
}
