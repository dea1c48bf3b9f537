/**
 * `cache-sim validate FILE...`: loads each scenario and reports; nothing runs. Every file is
 * checked even after a bad one, so one invocation lists every problem.
 */
import { InputError } from '../errors.js';
import { loadScenarioFile } from '../scenario/load.js';
import { type CommandIO, writeProblems } from './io.js';
import { countText } from '../report/format.js';

/** 0 when every file is valid, 2 (bad input) otherwise. */
export function validateCommand(files: readonly string[], io: CommandIO, sets: readonly string[] = []): number {
  let allValid = true;
  for (const file of files) {
    try {
      const scenario = loadScenarioFile(file, sets);
      io.stdout.write(`${file}: ok (${countText(scenario.strategies.length, 'strategy', 'strategies')}, ${countText(scenario.regions.length, 'region', 'regions')})\n`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      allValid = false;
      writeProblems(error.problems, io);
    }
  }
  return allValid ? 0 : 2;
}

