import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';

describe('renderJson', () => {
  it('prints one document for one scenario', () => {
    const text = renderJson([fixtureResults]);
    expect(JSON.parse(text)).toEqual(fixtureResults);
    expect(text.startsWith('{\n  "version": 1,\n  "scenario": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('prints an array for several, in the order given', () => {
    const parsed = JSON.parse(renderJson([baselineResults, fixtureResults]));
    expect(parsed.map((d: { scenario: string }) => d.scenario)).toEqual([baselineResults.scenario, fixtureResults.scenario]);
  });

  it('keeps the fixed top-level names of SPEC §5 in the object order', () => {
    const keys = Object.keys(JSON.parse(renderJson([fixtureResults])));
    expect(keys).toEqual(Object.keys(fixtureResults));
    for (const name of ['version', 'scenario', 'seed', 'strategies', 'expectations']) expect(keys).toContain(name);
  });

  it('keeps arrays of numbers on one line, and prints the same JSON value as JSON.stringify', () => {
    const text = renderJson([fixtureResults]);
    expect(text).toMatch(/\n {6}"timeline": \{\n {8}"start_ms": 60000,\n {8}"bucket_ms": 30000,\n {8}"reads": \[\d+, \d+, /);
    expect(text).toContain('"upper_ms": [0, 10, 100, 1000, 10000, 60000, null]');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(renderJson([value as unknown as typeof fixtureResults]))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not round', () => {
    expect(renderJson([fixtureResults])).toContain('"stale_read_ratio": 0.000346048');
  });
});
