/**
 * The session ledger drops (session, key) rows no future read could contradict. Dropping must
 * change no count: the same runs with every row kept give the same violations.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Collector, collectorOptions } from '../../src/metrics/collector.js';
import { Simulation } from '../../src/model/simulation.js';
import type { Scenario, StrategySpec } from '../../src/scenario/types.js';
import { presetNames } from '../../src/strategies/registry.js';
import { arbitraryCache, arbitraryScenario, strategy } from '../strategies/arbitrary-scenario.js';

function sessionCounts(scenario: Scenario, spec: StrategySpec, keepEverySessionPair: boolean) {
  const collector = new Collector({ ...collectorOptions(scenario), keepEverySessionPair });
  const result = collector.result(spec.use, new Simulation(scenario, spec, collector).run());
  return [result.ryw_violations, result.monotonic_violations];
}

test('dropping ledger rows changes no read-your-writes or monotonic-read count', () => {
  // Many sessions and keys, so the ledger fills and drops rows many times.
  const big = arbitraryScenario.map((s) => ({ ...s, workload: { ...s.workload, keys: 400, sessions: 200, readsPerSecond: 2000 } }));
  fc.assert(
    fc.property(big, arbitraryCache, fc.constantFrom(...presetNames), (scenario, cache, preset) => {
      const spec = strategy(preset, cache);
      expect(sessionCounts(scenario, spec, false)).toEqual(sessionCounts(scenario, spec, true));
    }),
    { numRuns: 30 },
  );
});
