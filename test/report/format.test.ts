import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatNumber, formatRatio, joinWrapped, visibleWidth, wrapText } from '../../src/report/format.js';

describe('formatDuration', () => {
  it.each([
    [0, '0'],
    [0.85, '850µs'],
    [0.0004, '0.4µs'],
    [1, '1ms'],
    [12.34, '12.3ms'],
    [999.4, '999ms'],
    [999.96, '1s'],
    [1_520, '1.52s'],
    [30_000, '30s'],
    [59_990, '1m'],
    [125_000, '2m05s'],
    [1_800_000, '30m'],
    [3_600_000, '1h'],
    [3_725_000, '1h02m05s'],
    [5_400_000, '1h30m'],
    [-12.34, '-12.3ms'],
    [Infinity, '∞'],
    [Number.NaN, '—'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [2_004, '2.004s'],
    [1_840.2, '1.8402s'],
    [812.4, '812.4ms'],
    [125_000.4, '2m05s'],
    [125_250, '2m05.25s'],
    [0, '0'],
  ])('exact: %d ms → %s', (ms, text) => {
    expect(formatDuration(ms, { exact: true })).toBe(text);
  });
});

describe('formatRatio', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.91, '91.0%'],
    [0.0412196, '4.12%'],
    [0.00035, '0.035%'],
    [0.0000034, '0.00034%'],
    [0.9999, '99.990%'],
    [0.99965, '99.965%'],
    [0.995, '99.50%'],
    [Number.NaN, '—'],
  ])('%d → %s', (r, text) => {
    expect(formatRatio(r)).toBe(text);
  });

  it('never shows "almost all" as 100', () => {
    for (const r of [0.9995, 0.99999, 0.9999999]) expect(formatRatio(r)).not.toMatch(/^100/);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1_000, '1,000'],
    [3_420_113, '3,420,113'],
    [-1_234_567, '-1,234,567'],
    [1.5, '1.5'],
    // Means of counts (sweeps) group their whole part too, like the integers beside them.
    [4_838.5, '4,838.5'],
    [-1_029.25, '-1,029.25'],
    [NaN, '—'],
  ])('%d → %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});

describe('formatNumber', () => {
  it('keeps six significant figures and drops trailing zeros', () => {
    expect(formatNumber(0.000346048)).toBe('0.000346048');
    expect(formatNumber(1.9)).toBe('1.9');
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(42)).toBe('42');
  });
});

describe('text layout', () => {
  it('measures visible width without escape codes', () => {
    expect(visibleWidth('\x1b[1m\x1b[32m850µs\x1b[39m\x1b[22m')).toBe(5);
  });

  it('wraps words to a width', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });

  it('joins pieces within a width', () => {
    expect(joinWrapped(['a.yaml', 'seed 7', '30m simulated'], ' · ', 16)).toEqual(['a.yaml · seed 7', '30m simulated']);
  });
});

describe('a list wrapped to the width', () => {
  it('breaks between its items, never inside one, each but the last keeping its comma', async () => {
    const { skippedPieces } = await import('../../src/report/expectation-text.js');
    const skipped = ['stale_read_ratio < 0.05', 'regions.eu-west.staleness_p99 <= 2s', 'hit_ratio >= 0.8'].map((condition) => {
      const [metric, ...rest] = condition.split(' ');
      return { strategy: 'versioned', metric, condition: rest.join(' '), at: 's.yaml:1:1' };
    });
    const lines = joinWrapped(skippedPieces({ skipped_expectations: skipped }), ' ', 60);
    expect(lines).toEqual([
      'Not checked, their strategies did not run (--strategy):',
      'versioned stale_read_ratio < 0.05,',
      'versioned regions.eu-west.staleness_p99 <= 2s,',
      'versioned hit_ratio >= 0.8',
    ]);
  });
});
