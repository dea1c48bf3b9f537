import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FaultWindow, ScenarioResults, StrategyResult } from '../../src/metrics/results.js';
import { plain } from '../../src/report/colour.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTimelines } from '../../src/report/timeline-text.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';

const BUCKET_MS = 1000;

/**
 * A run from 0 to `stale.length` seconds: 100 reads a bucket, `stale[i]` of them stale, and
 * `dbReads[name][i]` database reads (none unless given).
 */
function run(strategies: Record<string, number[]>, faults: FaultWindow[] = [], dbReads: Record<string, number[]> = {}): ScenarioResults {
  const template = baselineResults.strategies.ttl;
  const entries = Object.entries(strategies).map(([name, stale]): [string, StrategyResult] => {
    const reads = stale.map(() => 100);
    const timeline = { start_ms: 0, bucket_ms: BUCKET_MS, reads, stale_reads: stale, hits: reads, db_reads: dbReads[name] ?? stale.map(() => 0), db_reads_after_end: 0 };
    return [name, { ...template, stale_reads: stale.reduce((a, b) => a + b, 0), timeline }];
  });
  const buckets = Object.values(strategies)[0].length;
  return { ...baselineResults, warmup_ms: 0, duration_ms: buckets * BUCKET_MS, faults, strategies: Object.fromEntries(entries) };
}

const lineOf = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name} `)) as string;

describe('the run over time, as text', () => {
  test('left out when no strategy read anything stale or from the database', () => {
    expect(renderTimelines(run({ a: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }), plain, 80)).toEqual([]);
  });

  test('one scale for every strategy; a fresh column is a dot, any stale read at least the lowest block', () => {
    const lines = renderTimelines(run({ a: [0, 1, 20, 40, 0, 0, 0, 0, 0, 0], b: [0, 0, 10, 0, 0, 0, 0, 0, 0, 0] }), plain, 80);
    expect(lines.slice(0, 2)).toEqual(['Over time: a column per 1s, each block on one scale', 'Stale reads, share of reads (█ = 40.0%)']);
    expect(lineOf(lines, 'a')).toBe('a  ·▁▄█······  peak 40.0% from 3s');
    expect(lineOf(lines, 'b')).toBe('b  ··▂·······  peak 10.0% from 2s');
    expect(lines.at(-1)).toBe('   0      10s');
  });

  test('a column without reads stays blank; a strategy never stale says so', () => {
    const results = run({ a: [0, 5, 0, 0, 0, 0, 0, 0, 0, 0], b: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    results.strategies.a.timeline.reads[4] = 0;
    const lines = renderTimelines(results, plain, 80);
    expect(lineOf(lines, 'a')).toBe('a  ·█·· ·····  peak 5.00% from 1s');
    expect(lineOf(lines, 'b')).toBe('b  ··········  never stale');
  });

  test('faults: a numbered bar under a window, a number at an instant, and what each was; faults outside the measured span are left out', () => {
    const faults: FaultWindow[] = [
      { kind: 'bus_partition', label: 'eu-west cut off from the bus', at_ms: 2000, until_ms: 5000 },
      { kind: 'cache_restart', label: 'eu-west cache restarted', at_ms: 7500, until_ms: null },
      { kind: 'cache_restart', label: 'after the end', at_ms: 10_000, until_ms: null },
    ];
    const lines = renderTimelines(run({ strategy: [0, 0, 9, 9, 9, 0, 0, 0, 0, 0] }, faults), plain, 80);
    expect(lines.slice(2)).toEqual([
      'strategy  ··███·····  peak 9.00% from 2s',
      'faults      1━━  2',
      '          0      10s',
      '  1 ━ 2s–5s eu-west cut off from the bus',
      '  2 ▲ at 7.5s eu-west cache restarted',
    ]);
  });

  test('faults that overlap go on lines of their own, none hiding another; the next fault takes the first line it fits on', () => {
    const faults: FaultWindow[] = [
      { kind: 'bus_partition', label: 'long partition', at_ms: 1000, until_ms: 8000 },
      { kind: 'replica_lag', label: 'lag inside it', at_ms: 3000, until_ms: 5000 },
      { kind: 'cache_restart', label: 'restart inside both', at_ms: 4000, until_ms: null },
      { kind: 'bus_loss', label: 'loss after the first', at_ms: 8000, until_ms: 10_000 },
    ];
    const lines = renderTimelines(run({ strategy: [0, 0, 9, 9, 9, 0, 0, 0, 0, 0] }, faults), plain, 80);
    expect(lines.slice(3, 6)).toEqual(['faults     1━━━━━━4━', '             2━', '              3']);
  });

  test('database reads per second, on their own scale, after the stale reads; a bucket cut short by the end of the run counts per second it covers', () => {
    const results = run({ a: [0, 5, 0, 0, 0, 0, 0, 0, 0, 0], b: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, [], {
      a: [10, 10, 40, 0, 10, 10, 10, 10, 10, 10],
      b: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(renderTimelines(results, plain, 80).slice(1, 7)).toEqual([
      'Stale reads, share of reads (█ = 5.00%)',
      'a  ·█········  peak 5.00% from 1s',
      'b  ··········  never stale',
      'Database reads, per second (█ = 40/s)',
      'a  ▂▂█·▂▂▂▂▂▂  peak 40/s from 2s',
      'b  ··········  no database reads',
    ]);
    // The run ends half way through its last bucket: 10 reads in half a second are 20 a second.
    results.duration_ms = 9500;
    expect(lineOf(renderTimelines(results, plain, 80).slice(4), 'a')).toBe('a  ▂▂█·▂▂▂▂▂▄  peak 40/s from 2s');
  });

  test('only the database block when nothing was stale', () => {
    const lines = renderTimelines(run({ a: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, [], { a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }), plain, 80);
    expect(lines.slice(0, 3)).toEqual(['Over time: a column per 1s, each block on one scale', 'Database reads, per second (█ = 10/s)', 'a  ▁▂▃▄▄▅▆▇██  peak 10/s from 9s']);
  });

  test('buckets merge, a few to a column, to fit the width; every line fits', () => {
    const stale = Array.from({ length: 100 }, (_, i) => (i >= 50 && i < 60 ? 50 : 0));
    for (const width of [40, 60, 80, 100, 120]) {
      const lines = renderTimelines(run({ strategy: stale }), plain, width);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
      const spark = lineOf(lines, 'strategy').split(/ {2,}/)[1];
      expect(spark.length).toBe(Math.ceil(100 / Math.ceil(100 / spark.length)));
      expect(spark).toContain('█');
    }
    expect(lineOf(renderTimelines(run({ strategy: stale }), plain, 120), 'strategy')).toContain('peak 50.0% from 50s');
  });

  test('times are told as they are, not rounded: a run measured from 9999ms peaks from 9.999s, not 10s', () => {
    const results = run({ a: [0, 5, 0] });
    const shifted = { ...results, warmup_ms: 9999, duration_ms: 12_999, strategies: { a: { ...results.strategies.a, timeline: { ...results.strategies.a.timeline, start_ms: 9999 } } } };
    expect(lineOf(renderTimelines(shifted, plain, 80), 'a')).toMatch(/peak 5\.00% from 10\.999s$/);
  });

  test('the fixture at its width: the replication pause lines up with the stale reads it caused', () => {
    const lines = renderTimelines(fixtureResults, plain, 100);
    // Same columns: the stale reads' top blocks sit right above the pause's bar.
    const top = [...lineOf(lines, 'ttl')].flatMap((ch, i) => (ch === '█' ? [i] : []));
    const bar = [...lineOf(lines, 'faults')].flatMap((ch, i) => (ch === '━' || ch === '1' ? [i] : []));
    expect(top.length).toBeGreaterThan(0);
    expect(top).toEqual(bar);
  });
});

test('any timeline, names and faults: every line fits the width; a block shows exactly when it has something to show', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', '-', '1'), minLength: 1, maxLength: 12 });
  const fault = fc
    .record({ at: fc.integer({ min: 0, max: 200 }), length: fc.option(fc.integer({ min: 1, max: 200 })), words: fc.array(word, { minLength: 1, maxLength: 5 }) })
    .map(({ at, length, words }): FaultWindow => ({ kind: 'bus_partition', label: words.join(' '), at_ms: at * BUCKET_MS, until_ms: length === null ? null : (at + length) * BUCKET_MS }));
  const strategies = fc.integer({ min: 1, max: 120 }).chain((buckets) =>
    fc.dictionary(word, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: buckets, maxLength: buckets }), { minKeys: 1, maxKeys: 6 }),
  );
  fc.assert(
    fc.property(strategies, fc.array(fault, { maxLength: 4 }), fc.integer({ min: 40, max: 140 }), fc.boolean(), (stale, faults, width, withDatabase) => {
      // The stale counts double as database reads (any counts will do), or there are none.
      const lines = renderTimelines(run(stale, faults, withDatabase ? stale : {}), plain, width);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
      const anyStale = Object.values(stale).some((s) => s.some((n) => n > 0));
      if (!anyStale) expect(lines).toEqual([]);
      // (Too narrow a width leaves the whole section out.)
      if (anyStale && lines.length > 0) expect(lines.some((line) => line.startsWith('Database reads'))).toBe(withDatabase);
    }),
  );
});

describe('in the markdown summary', () => {
  test('a code block that no backticks in a name can close early', () => {
    const results = run({ 'a```b': [0, 1, 20, 40, 0, 0, 0, 0, 0, 0] });
    const block = /\n(`{3,})text\n([^]*?)\n\1\n/.exec(renderMarkdown([results]));
    expect(block?.[1]).toBe('````');
    expect(block?.[2]).toContain('a```b  ·▁▄█······  peak 40.0% from 3s');
  });
});
