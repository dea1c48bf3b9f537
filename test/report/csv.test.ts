import { describe, expect, it } from 'vitest';
import { strategyMetricNames } from '../../src/metrics/metric-names.js';
import { csvField, renderCsv } from '../../src/report/csv.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';

/** Good enough for this output: no field of the fixture needs quoting. */
const parse = (csv: string) => csv.trimEnd().split('\n').map((line) => line.split(','));

describe('renderCsv', () => {
  const rows = parse(renderCsv([fixtureResults, baselineResults]));
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);

  it('has the key columns, then every flattened metric in the fixed order', () => {
    expect(header).toEqual(['scenario', 'seed', 'strategy', 'preset', 'region', ...strategyMetricNames]);
    for (const row of rows) expect(row).toHaveLength(header.length);
  });

  it('has a row per strategy (region all) followed by its regions', () => {
    const keys = rows.slice(1, 9).map((r) => `${r[2]}/${r[3]}/${r[4]}`);
    expect(keys).toEqual([
      'ttl/ttl/all',
      'ttl/ttl/us-east',
      'ttl/ttl/eu-west',
      'ttl/ttl/ap-south',
      'versioned/versioned/all',
      'versioned/versioned/us-east',
      'versioned/versioned/eu-west',
      'versioned/versioned/ap-south',
    ]);
    expect(rows).toHaveLength(1 + 3 * 4 + 2);
  });

  it('writes numbers unformatted, and every metric on region rows too: what adds up over regions does', () => {
    const euWest = rows.find((r) => r[2] === 'ttl' && r[4] === 'eu-west');
    expect(euWest?.[col('stale_read_ratio')]).toBe('0.0940978');
    expect(euWest?.[col('staleness_p99')]).toBe('62310.8');
    expect(euWest?.[col('convergence_p99')]).toBe('88412.7');
    const all = rows.find((r) => r[2] === 'pubsub-5s' && r[4] === 'all');
    expect(all?.[col('messages_sent')]).toBe('104433');
    expect(all?.[col('reads')]).toBe('3479288');
    const regionRows = rows.filter((r) => r[2] === 'pubsub-5s' && r[4] !== 'all');
    expect(regionRows.reduce((n, r) => n + Number(r[col('messages_sent')]), 0)).toBe(104433);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [0.00035, '0.00035'],
    [undefined, ''],
    [Number.NaN, ''],
  ])('%j → %j', (value, text) => {
    expect(csvField(value)).toBe(text);
  });
});
