/** Shared helpers for scenario tests: a minimal valid scenario and problem capture. */
import type { SetArgument } from '../../src/scenario/overrides.js';
import { formatProblem, InputError } from '../../src/errors.js';
import { loadScenarioText } from '../../src/scenario/load.js';

export const MINIMAL = `name: minimal
duration: 10m
regions:
  - name: us-east
    primary: true
  - name: eu-west
workload:
  keys: 100
  reads_per_second: 50
`;

/** Every problem `loadScenarioText` reports, as `FILE:LINE:COL: message` lines; fails the test if none. */
export function problemsOf(text: string, sets: SetArgument[] = []): string[] {
  try {
    loadScenarioText(text, 'test.yaml', sets);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected the scenario to be rejected, but it loaded');
}
