/**
 * The timeline: reads, stale reads, hits and database reads per bucket of simulated time.
 * Its buckets must add up to the run's totals, and a hand-written history must land in the
 * buckets its times say.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Collector } from '../../src/metrics/collector.js';
import { runStrategy } from '../../src/simulate.js';
import type { MetricSet, TimelineResult } from '../../src/metrics/results.js';
import { MAX_BUCKETS, timelineShape } from '../../src/metrics/timeline.js';
import { ReadSource } from '../../src/model/observer.js';
import { presetNames } from '../../src/strategies/registry.js';
import { arbitraryCache, arbitraryScenario, strategy } from '../strategies/arbitrary-scenario.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('timelineShape', () => {
  test.each([
    // [start, end, bucket width, buckets]
    [60_000, 1_800_000, 30_000, 58],
    [0, 1_000_000, 10_000, 100],
    [0, 1_000_001, 15_000, 67],
    [0, 20_000, 200, 100],
    [5, 6, 1, 1],
    [0, 200 * 86_400_000, 2 * 86_400_000, 100],
  ])('[%i, %i) ms: buckets of %i ms, %i of them', (start, end, width, buckets) => {
    expect(timelineShape(start, end)).toEqual({ startMs: start, bucketMs: width, buckets, endMs: end });
  });

  test('any span: at most MAX_BUCKETS buckets that cover it, and one bucket fewer would not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e11 }), (start, span) => {
        const { bucketMs, buckets } = timelineShape(start, start + span);
        expect(buckets).toBeLessThanOrEqual(MAX_BUCKETS);
        expect(buckets * bucketMs).toBeGreaterThanOrEqual(span);
        expect((buckets - 1) * bucketMs).toBeLessThan(span);
      }),
    );
  });
});

describe('a hand-written history', () => {
  // Measured from 1 s to 11 s: buckets of 100 ms.
  const c = new Collector({ regionNames: ['a', 'b'], keys: 10, sessionRegion: new Int32Array(10), primary: 0, warmupMs: 1000, durationMs: 11_000, l1Hosts: 0 });
  c.commit(3, 1, 500, 0);
  c.read(0, 1, 3, 999, 1, 0, ReadSource.Cache); // before the warmup: not counted
  c.read(0, 1, 3, 1000, 1, 0, ReadSource.Cache); // stale hit, first bucket
  c.read(1, 2, 3, 1099.99, 1, 1, ReadSource.Replica); // fresh, first bucket
  c.read(1, 2, 3, 1100, 1, 1, ReadSource.Cache); // a bucket's start belongs to it: second bucket
  c.databaseRead(1, ReadSource.Replica, 1099);
  c.databaseRead(0, ReadSource.Primary, 10_999.5); // the last bucket
  c.databaseRead(0, ReadSource.Primary, 11_000); // at the end: after it, in no bucket
  const r = c.result('ttl', 0);
  const head = (t: TimelineResult) => ({ reads: t.reads.slice(0, 2), stale: t.stale_reads.slice(0, 2), hits: t.hits.slice(0, 2), db: t.db_reads.slice(0, 2) });

  test('each read lands in the bucket of the time it was issued', () => {
    expect(r.timeline.start_ms).toBe(1000);
    expect(r.timeline.bucket_ms).toBe(100);
    expect(r.timeline.reads).toHaveLength(100);
    expect(head(r.timeline)).toEqual({ reads: [2, 1], stale: [1, 0], hits: [1, 1], db: [1, 0] });
    expect(r.timeline.db_reads[99]).toBe(1);
    expect(r.timeline.db_reads_after_end).toBe(1);
    expect(sum(r.timeline.reads)).toBe(r.reads);
  });

  test('per region too; the total is the regions added up', () => {
    expect(head(r.regions.a.timeline)).toEqual({ reads: [1, 0], stale: [1, 0], hits: [1, 0], db: [0, 0] });
    expect(head(r.regions.b.timeline)).toEqual({ reads: [1, 1], stale: [0, 0], hits: [0, 1], db: [1, 0] });
  });
});

/** The timeline's buckets add up to `set`'s own counts. */
function expectTimelineAddsUp(set: MetricSet): void {
  const t = set.timeline;
  expect(sum(t.reads)).toBe(set.reads);
  expect(sum(t.stale_reads)).toBe(set.stale_reads);
  expect(sum(t.db_reads) + t.db_reads_after_end).toBe(set.db_reads.primary + set.db_reads.replica);
  expect(set.reads === 0 ? 0 : Number((sum(t.hits) / set.reads).toPrecision(6))).toBe(set.hit_ratio);
  t.reads.forEach((reads, i) => {
    expect(t.stale_reads[i]).toBeLessThanOrEqual(reads);
    expect(t.hits[i]).toBeLessThanOrEqual(reads);
  });
}

test('any run: the buckets add up to the totals, in every region, and the regions to the whole', () => {
  fc.assert(
    fc.property(arbitraryScenario, arbitraryCache, fc.constantFrom(...presetNames), (scenario, cache, preset) => {
      const spec = strategy(preset, cache);
      const result = runStrategy(scenario, spec);
      expectTimelineAddsUp(result);
      const regions = Object.values(result.regions);
      for (const region of regions) expectTimelineAddsUp(region);
      for (const key of ['reads', 'stale_reads', 'hits', 'db_reads'] as const) {
        expect(result.timeline[key]).toEqual(result.timeline[key].map((_, i) => sum(regions.map((r) => r.timeline[key][i]))));
      }
    }),
    { numRuns: 40 },
  );
});
