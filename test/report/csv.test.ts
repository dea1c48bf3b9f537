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
    expect(header).toEqual(['scenario', 'file', 'seed', 'strategy', 'preset', 'region', ...strategyMetricNames]);
    for (const row of rows) expect(row).toHaveLength(header.length);
  });

  it('has a row per strategy (region all) followed by its regions', () => {
    const keys = rows.slice(1, 9).map((r) => `${r[col('strategy')]}/${r[col('preset')]}/${r[col('region')]}`);
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
    // Two scenarios of one name run from two files are told apart by their files.
    expect(new Set(rows.slice(1).map((r) => r[col('file')]))).toEqual(new Set([fixtureResults.file, baselineResults.file]));
  });

  it('writes numbers unformatted, and every metric on region rows too: what adds up over regions does', () => {
    const euWest = rows.find((r) => r[col('strategy')] === 'ttl' && r[col('region')] === 'eu-west');
    expect(euWest?.[col('stale_read_ratio')]).toBe('0.0940978');
    expect(euWest?.[col('staleness_p99')]).toBe('62310.8');
    expect(euWest?.[col('convergence_p99')]).toBe('88412.7');
    const all = rows.find((r) => r[col('strategy')] === 'pubsub-5s' && r[col('region')] === 'all');
    expect(all?.[col('messages_sent')]).toBe('104433');
    expect(all?.[col('reads')]).toBe('3479288');
    const regionRows = rows.filter((r) => r[col('strategy')] === 'pubsub-5s' && r[col('region')] !== 'all');
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
