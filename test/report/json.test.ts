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

  it('does not round', () => {
    expect(renderJson([fixtureResults])).toContain('"stale_read_ratio": 0.000346048');
  });
});
