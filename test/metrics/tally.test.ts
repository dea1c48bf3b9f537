/** The staleness CDF a Tally reports: sampled points that end at the largest staleness. */
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../src/metrics/histogram.js';
import { Tally } from '../../src/metrics/tally.js';

/** A tally of fresh reads and stale reads of the given ages (ms). */
function tallyOf(fresh: number, staleAgesMs: number[]): Tally {
  const tally = new Tally(null);
  for (let i = 0; i < fresh; i++) tally.recordRead(0, 1, true, false, false, false, false, 0, 0, 0);
  for (const age of staleAgesMs) tally.recordRead(0, 1, true, false, false, false, true, age, 1, 0);
  return tally;
}

const cdfOf = (tally: Tally) => tally.toRunCounts(new Histogram(), 0, 0).staleness_cdf;

describe('staleness CDF', () => {
  it('reaches fraction 1 at the first point at or past the largest staleness, also past an hour', () => {
    for (const largest of [40, 90_000, 5 * 3_600_000, 30 * 86_400_000]) {
      const cdf = cdfOf(tallyOf(3, [10, largest]));
      const last = cdf[cdf.length - 1];
      expect(last.fraction, `largest ${largest}`).toBe(1);
      expect(last.ms).toBeGreaterThanOrEqual(largest);
      // The point before it is below the largest staleness: the curve stops where it is complete.
      expect(cdf[cdf.length - 2].ms).toBeLessThan(largest);
    }
  });

  it('is non-decreasing and starts with the share of fresh reads', () => {
    const cdf = cdfOf(tallyOf(6, [5, 50, 5_000, 7_200_001]));
    expect(cdf[0]).toEqual({ ms: 0, fraction: 0.6 });
    for (let i = 1; i < cdf.length; i++) expect(cdf[i].fraction).toBeGreaterThanOrEqual(cdf[i - 1].fraction);
  });

  it('is empty without reads', () => {
    expect(cdfOf(new Tally(null))).toEqual([]);
  });
});
