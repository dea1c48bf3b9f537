/**
 * `cache-sim compare BASE.json HEAD.json`: the paired change of every metric between two
 * sweep documents of the same seeds. Exit 0; with `--fail-on-worse`, 1 when any metric got
 * significantly worse or the head lacks what the base has (a CI check against a baseline);
 * 2 on bad input.
 */
import { readFileSync } from 'node:fs';
import { InputError, type Problem, wholeFileProblem } from '../errors.js';
import { compareDocuments } from '../compare.js';
import { paletteFor } from '../report/colour.js';
import { type CompareFormat, gotWorse, renderCompare } from '../report/compare.js';
import { fileProblem } from '../util/file-errors.js';
import { reportWidth } from '../report/sink.js';
import type { CommandIO } from './io.js';

export function compareCommand(base: string, head: string, options: { format: CompareFormat; failOnWorse: boolean }, io: CommandIO): number {
  const problems: Problem[] = [];
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      problems.push(wholeFileProblem(file, fileProblem(file, 'read', error)));
      return '';
    }
  };
  const texts = [read(base), read(head)];
  if (problems.length > 0) throw new InputError(problems);
  const comparison = compareDocuments({ file: base, text: texts[0] }, { file: head, text: texts[1] });
  io.stdout.write(renderCompare(options.format, comparison, paletteFor(io.env, io.stdout), reportWidth(io.stdout, io.env)));
  // What the head lost would otherwise slip through the gate unseen.
  return options.failOnWorse && gotWorse(comparison) ? 1 : 0;
}
