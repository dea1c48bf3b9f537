/**
 * Every metric is also given per region (SPEC §4): on any run, what adds up over regions does,
 * and what does not (convergence, the busiest second) keeps its bounds.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runStrategy } from '../../src/simulate.js';
import { presetNames } from '../../src/strategies/registry.js';
import { arbitraryCache, arbitraryScenario, strategy } from '../strategies/arbitrary-scenario.js';

test('any run: per-region writes, messages, fills and refreshes add up to the run’s; convergence and the peak load keep their bounds', () => {
  fc.assert(
    fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom(...presetNames), (scenario, cache, preset) => {
      const r = runStrategy(scenario, strategy(preset, cache));
      const regions = Object.values(r.regions);
      const sum = (value: (set: (typeof regions)[number]) => number) => regions.reduce((n, set) => n + value(set), 0);
      expect(sum((s) => s.writes)).toBe(r.writes);
      expect(sum((s) => s.failed_writes)).toBe(r.failed_writes);
      for (const kind of ['sent', 'delivered', 'lost', 'duplicated'] as const) expect(sum((s) => s.messages[kind])).toBe(r.messages[kind]);
      expect(sum((s) => s.refused_fills)).toBe(r.refused_fills);
      expect(sum((s) => s.refreshes)).toBe(r.refreshes);
      // The busiest second over all regions is at least each region's, at most their sum.
      for (const s of regions) expect(s.db_reads_peak_per_second).toBeLessThanOrEqual(r.db_reads_peak_per_second);
      expect(r.db_reads_peak_per_second).toBeLessThanOrEqual(sum((s) => s.db_reads_peak_per_second));
      // Convergence is measured for the writes `writes` counts (those after the warmup), the unconverged ones until the end.
      expect(r.convergence_ms.count).toBe(r.writes);
      expect(r.unconverged_writes).toBeLessThanOrEqual(r.writes);
      // Every write is measured in each region; unconverged anywhere makes it unconverged overall.
      for (const s of regions) {
        expect(s.convergence_ms.count).toBe(r.convergence_ms.count);
        expect(s.unconverged_writes).toBeLessThanOrEqual(r.unconverged_writes);
      }
      // A write converges overall when its last region does.
      if (r.unconverged_writes === 0 && r.convergence_ms.count > 0) expect(Math.max(...regions.map((s) => s.convergence_ms.max))).toBe(r.convergence_ms.max);
    }),
    { numRuns: 40 },
  );
});
