import { describe, expect, it } from 'vitest';
import { isExpectableMetric, strategyMetricNames } from '../../src/metrics/metric-names.js';
import { COMPARISON_GROUPS, type ComparisonRow, bestColumns, compareStrategies, mainStaleCauses, regionNames, rowValue, staleCauseRows, staleKeyTrace } from '../../src/report/rows.js';
import { bar, bucketLabels } from '../../src/report/histogram.js';
import { fixtureResults } from '../fixtures/results.js';

const lower: ComparisonRow = { label: 'x', metric: 'staleness_p99', kind: 'duration', better: 'lower' };
const higher: ComparisonRow = { label: 'x', metric: 'hit_ratio', kind: 'ratio', better: 'higher' };

describe('comparison rows', () => {
  it('name only metrics that exist', () => {
    for (const row of COMPARISON_GROUPS.flat()) {
      expect(strategyMetricNames).toContain(row.metric);
      if (row.onlyIf) expect(isExpectableMetric(row.onlyIf, [])).toBe(true);
    }
  });

  it('show the stale age the JSON has, 0, when there were no stale reads; no convergence when no write converged', () => {
    const staleAge = COMPARISON_GROUPS.flat().find((r) => r.metric === 'stale_age_p99');
    const s = fixtureResults.strategies.versioned;
    const fresh = { ...s, stale_age_ms: { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 } };
    expect(staleAge && rowValue(staleAge, fresh)).toBe(0);
    const convergence = COMPARISON_GROUPS.flat().find((r) => r.metric === 'convergence_p99');
    expect(convergence && rowValue(convergence, { ...s, convergence_ms: { ...s.convergence_ms, count: 0 } })).toBeUndefined();
  });
});

describe('rows of optional mechanisms', () => {
  const labels = (r: typeof fixtureResults) => compareStrategies(r).flat().map((row) => row.label);

  it('show background refreshes only when some strategy made any', () => {
    expect(labels(fixtureResults)).not.toContain('background refreshes');
    const refreshing = { ...fixtureResults, strategies: { ...fixtureResults.strategies, ttl: { ...fixtureResults.strategies.ttl, refreshes: 12 } } };
    const row = compareStrategies(refreshing).flat().find((r) => r.label === 'background refreshes');
    expect(row?.cells.map((c) => c.text)).toEqual(['12', '0', '0']);
  });

  it('show the L1 hit ratio only when some strategy has L1s', () => {
    expect(labels(fixtureResults)).not.toContain('L1 hit ratio');
    const withL1 = { ...fixtureResults, strategies: { ...fixtureResults.strategies, ttl: { ...fixtureResults.strategies.ttl, l1_hit_ratio: 0 } } };
    expect(labels(withL1)).toContain('L1 hit ratio');
  });
});

describe('bestColumns', () => {
  it('picks the lowest or highest', () => {
    expect([...bestColumns(lower, [3000, 10, 500])]).toEqual([1]);
    expect([...bestColumns(higher, [0.5, 0.9, 0.7])]).toEqual([1]);
  });

  it('marks ties as printed, and nothing when all read the same', () => {
    expect([...bestColumns(lower, [0.5101, 0.5102, 0.9])]).toEqual([0, 1]);
    expect([...bestColumns(lower, [0.5101, 0.5102])]).toEqual([]);
    expect([...bestColumns(lower, [0, 0, 0])]).toEqual([]);
  });

  it('ignores missing values and needs two to compare', () => {
    expect([...bestColumns(lower, [undefined, 5, 7])]).toEqual([1]);
    expect([...bestColumns(lower, [undefined, 5])]).toEqual([]);
    expect([...bestColumns({ ...lower, better: 'none' }, [1, 2])]).toEqual([]);
  });
});

describe('regionNames', () => {
  it('lists regions in scenario order', () => {
    expect(regionNames(fixtureResults)).toEqual(['us-east', 'eu-west', 'ap-south']);
  });
});

describe('histogram drawing', () => {
  it('labels buckets from their upper bounds', () => {
    expect(bucketLabels([0, 10, 1_000, 60_000, null])).toEqual(['fresh', '≤10ms', '≤1s', '≤1m', '>1m']);
    expect(bucketLabels([null])).toEqual(['all']);
  });

  it('scales bars in eighths and never hides a non-zero count', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 4)).toBe('██');
    expect(bar(1, 16, 2)).toBe('▏');
    expect(bar(1, 1_000_000, 10)).toBe('▏');
    expect(bar(0, 10, 4)).toBe('');
  });
});

describe('why reads were stale', () => {
  const template = fixtureResults.strategies.ttl;
  const none = { stored_stale: 0, not_invalidated: 0, invalidation_late: 0, invalidation_held: 0, invalidation_lost: 0, invalidation_ignored: 0, replica_behind: 0, l1_copy: 0 };
  const withCauses = (causes: Record<string, Partial<typeof none>>) => ({
    ...fixtureResults,
    strategies: Object.fromEntries(
      Object.entries(causes).map(([name, c]) => {
        const stale_causes = { ...none, ...c };
        return [name, { ...template, stale_reads: Object.values(stale_causes).reduce((a, b) => a + b, 0), stale_causes }];
      }),
    ),
  });

  it('rows only for the causes some strategy had, as shares of each strategy’s stale reads', () => {
    const rows = staleCauseRows(withCauses({ a: { stored_stale: 3, invalidation_lost: 1 }, b: {} }));
    expect(rows).toEqual([
      { cause: 'stored_stale', label: 'cached already stale', cells: ['75.0%', '—'] },
      { cause: 'invalidation_lost', label: 'invalidation lost', cells: ['25.0%', '—'] },
    ]);
  });

  it('a main cause is at least half of a strategy’s stale reads; strategies sharing one are named together', () => {
    const main = mainStaleCauses(withCauses({ a: { stored_stale: 6, invalidation_late: 4 }, b: { stored_stale: 7, l1_copy: 3 }, c: { stored_stale: 4, invalidation_late: 4, l1_copy: 2 }, d: { l1_copy: 1 } }));
    expect(main.map((m) => [m.cause, m.strategies])).toEqual([
      ['cached already stale', 'a 60.0%, b 70.0%'],
      ['L1 copy', 'd 100%'],
    ]);
    expect(main[1].help).toContain('l1.invalidated: true');
  });

  it('never suggests a strategy to itself: one of its preset gets the other remedies, on a line of its own', () => {
    const results = withCauses({ a: { stored_stale: 6 }, b: { stored_stale: 7 } });
    results.strategies.b = { ...results.strategies.b, preset: 'cdc' };
    const main = mainStaleCauses(results);
    expect(main.map((m) => m.strategies)).toEqual(['a 100%', 'b 100%']);
    expect(main[0].help).toContain('cdc never races the replica');
    expect(main[1].help).not.toContain('cdc');
    expect(main[1].help).toContain('versioned refuses such refills');
  });

  it('suggests an option only to the presets that have it, and invalidation only to those without it', () => {
    const results = withCauses({ a: { stored_stale: 6 }, b: { stored_stale: 7 }, c: { not_invalidated: 5 }, d: { not_invalidated: 5 } });
    const presets: Record<string, string> = { a: 'cdc', b: 'write-update', c: 'cdc', d: 'ttl' };
    for (const [name, preset] of Object.entries(presets)) results.strategies[name] = { ...results.strategies[name], preset };
    const helpOf = (name: string) => mainStaleCauses(results).find((m) => m.strategies.startsWith(`${name} `))?.help ?? '';
    expect(helpOf('a')).not.toContain('delete_again_after');
    expect(helpOf('a')).not.toContain('keep_newer');
    expect(helpOf('b').startsWith('keep_newer: true')).toBe(true);
    expect(helpOf('c')).not.toContain('invalidate on write');
    expect(helpOf('c')).toContain('replication lag');
    expect(helpOf('d')).toContain('invalidate on write');
    expect(helpOf('d')).not.toContain('change stream');
  });

  it('suggests leases to pubsub, and refilling from the primary only to a strategy that read a replica', () => {
    const results = withCauses({ a: { stored_stale: 6 }, b: { stored_stale: 7 } });
    results.strategies.a = { ...results.strategies.a, preset: 'pubsub', db_reads: { primary: 90, replica: 0 } };
    results.strategies.b = { ...results.strategies.b, preset: 'ttl', db_reads: { primary: 10, replica: 80 } };
    const helpOf = (name: string) => mainStaleCauses(results).find((m) => m.strategies.startsWith(`${name} `))?.help ?? '';
    expect(helpOf('a')).toContain('lease refuses a refill that raced the delete');
    expect(helpOf('a')).not.toContain('refill_from');
    expect(helpOf('b')).not.toContain('lease');
    expect(helpOf('b')).toContain('refill_from primary');
  });
});

describe('the suggested story of one key', () => {
  const withKeys = (keys: Record<string, [preset: string, key: number, staleReads: number] | null>) => ({
    ...fixtureResults,
    strategies: Object.fromEntries(
      Object.entries(keys).map(([name, k]) => [
        name,
        { ...fixtureResults.strategies.versioned, preset: k ? k[0] : 'pubsub', stale_keys: k ? [{ key: k[1], reads: 100, stale_reads: k[2], first_stale_ms: 37_960 }] : [] },
      ]),
    ),
  });

  it('tells the key with the most stale reads, of a strategy other than the ttl baseline when one has any', () => {
    expect(staleKeyTrace(withKeys({ ttl: ['ttl', 1, 90], a: ['pubsub', 2, 10], b: ['versioned', 3, 30], c: null }))).toMatch(/--key 3 .*--strategy b$/);
    expect(staleKeyTrace(withKeys({ ttl: ['ttl', 1, 90], a: null }))).toMatch(/--key 1 .*--strategy ttl$/);
    // Around its first stale read, on tenths of a second: a screenful, not the whole run.
    expect(staleKeyTrace(withKeys({ a: ['pubsub', 2, 30] }))).toMatch(/ --key 2 --from 36.9s --until 40s --seed /);
    expect(staleKeyTrace(withKeys({ a: ['pubsub', 2, 30], b: ['lease', 3, 30] }))).toMatch(/--strategy a$/);
    expect(staleKeyTrace(withKeys({ a: null }))).toBeUndefined();
  });
});
