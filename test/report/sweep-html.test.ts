import { describe, expect, it } from 'vitest';
import type { ExpectationOverSeeds } from '../../src/metrics/expect.js';
import { renderSweepHtml } from '../../src/report/sweep-html.js';
import type { MetricSummary, SweepResults } from '../../src/sweep.js';

const summary = (values: number[]): MetricSummary => ({ mean: values.reduce((a, b) => a + b, 0) / values.length, ci95: 0.01, values });

const held = (strategy: string, pass: boolean): ExpectationOverSeeds => ({
  strategy,
  metric: 'stale_read_ratio',
  condition: '< 0.05',
  at: 's.yaml:20:5',
  runs: 2,
  held: pass ? 2 : 1,
  pass,
  min: 0.01,
  max: pass ? 0.02 : 0.07,
  failed: pass ? [] : [{ seed: 9, actual: 0.07 }],
  replay: pass ? null : 'cache-sim run s.yaml --seed 9',
});

/** Two TTLs × two strategies, over two seeds, with an expectation on each. */
const twoByTwo: SweepResults = {
  version: 1,
  scenario: 'small',
  file: 's.yaml',
  seed: 1,
  seeds: [3, 9],
  params: [{ path: 'cache.ttl', values: ['1s', '30s'] }],
  metrics: ['stale_read_ratio', 'staleness_p99'],
  sets: [],
  points: ['1s', '30s'].map((ttl, i) => ({
    params: { 'cache.ttl': ttl },
    strategies: {
      ttl: { stale_read_ratio: summary([0.02 + i * 0.05, 0.03 + i * 0.05]), staleness_p99: summary([1000, 1200]) },
      pubsub: { stale_read_ratio: summary([0.01, 0.01]), staleness_p99: summary([Number.NaN, Number.NaN]) },
    },
    expectations: [held('ttl', i === 0), held('pubsub', true)],
  })),
};

describe('the sweep page', () => {
  it('labels a ratio axis as the run report does, with the decimals its step needs (10%, not 10.0%)', () => {
    const ratioOnly = { ...twoByTwo, metrics: ['stale_read_ratio'] };
    const ticks = [...renderSweepHtml(ratioOnly).matchAll(/<text class="tick"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(ticks.filter((t) => t.endsWith('%'))).toEqual(['0%', '2%', '4%', '6%', '8%', '10%']);
  });

  it('gives every mean and interval as an HTML table, a group per point and a row per strategy, not the terminal’s text', () => {
    const html = renderSweepHtml(twoByTwo);
    expect(html).not.toContain('<pre>');
    expect(html).not.toMatch(/[│┌└─]/);
    const table = html.slice(html.indexOf('<h3>Every mean and interval'));
    expect(table).toContain('<thead><tr><th><code>cache.ttl</code></th><th>strategy</th><th class="num"><code>stale_read_ratio</code></th><th class="num"><code>staleness_p99</code></th></tr></thead>');
    expect(table).toContain('<tbody><tr><th class="name" rowspan="2">1s</th><th class="name">ttl</th><td class="num">2.50% ± 1.00%</td><td class="num">1.1s ± 10µs</td></tr>\n<tr><th class="name">pubsub</th><td class="num">1.00% ± 1.00%</td><td class="num">—</td></tr></tbody>');
  });

  it('lists each expectation over the seeds in a table, a failure with its seeds, then where each strategy held', () => {
    const html = renderSweepHtml(twoByTwo);
    expect(html).toContain('<h4 class="fail">Expectations on 2 seeds at each point: 1 of 4 failed on at least one seed</h4>');
    expect(html).toContain(
      '<tr class="failed"><td><span class="fail">✗ fail</span></td><td>30s</td><td class="name">ttl</td><td><code>stale_read_ratio</code></td><td><code>&lt; 0.05</code></td><td class="num">1/2</td><td class="num">0.01 … 0.07</td><td>failed with seed 9 (0.07), at <code>s.yaml:20:5</code></td></tr>',
    );
    expect(html).toContain('<tr><th class="name">ttl</th><td>cache.ttl = 1s</td></tr>');
    expect(html).toContain('<tr><th class="name">pubsub</th><td>everywhere</td></tr>');
  });

  it('says so in a line where a metric has no value on any seed, instead of an empty axis', () => {
    const none = { mean: Number.NaN, ci95: Number.NaN, values: [Number.NaN, Number.NaN] };
    const sweep = { ...twoByTwo, metrics: ['convergence_p99'], points: twoByTwo.points.map((p) => ({ ...p, strategies: { ttl: { convergence_p99: none } }, expectations: [] })) };
    const html = renderSweepHtml(sweep);
    expect(html).toContain('>No value on any seed, for any strategy</text>');
    expect(html).not.toMatch(/class="tick"[^>]*>0<\/text>/);
  });
});
