/** The verdict of a significant change: every statistic of a scored distribution has the direction of its family. */
import { describe, expect, test } from 'vitest';
import type { MetricChange } from '../../src/compare.js';
import { verdict } from '../../src/report/compare.js';

const rose = (metric: string): MetricChange => ({ params: {}, strategy: 'pubsub', metric, base: 1, head: 2, change: 1, ci95: 0.1, significant: true, pairs: 3 });

describe('verdict of a significant rise', () => {
  test('worse for every statistic of staleness, stale age, read latency and convergence, for stale reads and the mean version lag', () => {
    const scored = ['stale_reads', 'version_lag_mean', 'staleness_p90', 'staleness_mean', 'stale_age_p999', 'stale_age_max', 'read_latency_mean', 'read_latency_p90', 'convergence_max', 'convergence_p90'];
    for (const metric of [...scored, ...scored.map((m) => `regions.eu-west.${m}`)]) expect(verdict(rose(metric)), metric).toBe('worse');
  });

  test('better for hit ratios; only changed for counts of what was measured and for traffic with no merit either way', () => {
    expect(verdict(rose('hit_ratio'))).toBe('better');
    expect(verdict(rose('regions.eu-west.l1_hit_ratio'))).toBe('better');
    for (const metric of ['reads', 'staleness_count', 'convergence_count', 'messages_lost', 'messages_delivered', 'writes', 'refused_fills']) expect(verdict(rose(metric)), metric).toBe('changed');
  });
});
