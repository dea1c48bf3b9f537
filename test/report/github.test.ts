import { describe, expect, it } from 'vitest';
import type { ScenarioResults } from '../../src/metrics/results.js';
import { problemAnnotations, renderAnnotations } from '../../src/report/github.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';

describe('renderAnnotations', () => {
  it('emits one ::error line per failed expectation, at its position', () => {
    const lines = renderAnnotations([fixtureResults]).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::error file=scenarios\/stale-refill-from-lagging-replica\.yaml,line=54,col=27,title=versioned monotonic_violations == 0::/,
    );
  });

  it("names the file from the repository's root (GITHUB_WORKSPACE), as GitHub reads it, when the run was in a folder below it", () => {
    const inSub = { workspace: '/repo', cwd: '/repo/sims' };
    expect(renderAnnotations([fixtureResults], inSub)).toMatch(/^::error file=sims\/scenarios\/stale-refill-from-lagging-replica\.yaml,line=54,/);
    // A file outside the repository keeps its path as given.
    expect(renderAnnotations([fixtureResults], { workspace: '/repo', cwd: '/elsewhere' })).toMatch(/^::error file=scenarios\/stale-refill/);
  });

  it('tells bad input on its line too, and a problem in a --set without a file', () => {
    const lines = problemAnnotations([
      { file: 'scenarios/a.yaml', line: 2, col: 11, message: 'duration: "10q" is not a duration' },
      { file: '--set', line: 1, col: 10, message: 'bus.loss: 2 is not a probability' },
    ]).split('\n');
    expect(lines[0]).toBe('::error file=scenarios/a.yaml,line=2,col=11,title=cache-sim%3A bad input::duration: "10q" is not a duration');
    expect(lines[1]).toBe('::error title=cache-sim%3A bad input::bus.loss: 2 is not a probability%0A(at --set:1:10)');
  });

  it('is empty when everything held', () => {
    expect(renderAnnotations([baselineResults])).toBe('');
  });

  it('escapes %, CR and LF in the message, and , and : in properties', () => {
    const results: ScenarioResults = {
      ...fixtureResults,
      expectations: [
        { strategy: 'a,b', metric: 'hit_ratio', condition: '>= 0.5', actual: 0.25, pass: false, at: 'C:\\x,y.yaml:1:2' },
      ],
      replay: 'cache-sim run x.yaml --set bus.loss=50%\r\n--seed 7',
    };
    const [line] = renderAnnotations([results]).split('\n');
    expect(line).toBe(
      '::error file=C%3A\\x%2Cy.yaml,line=1,col=2,title=a%2Cb hit_ratio >= 0.5::' +
        'a,b hit_ratio was 0.25, expected >= 0.5%0AReplay: cache-sim run x.yaml --set bus.loss=50%25%0D%0A--seed 7',
    );
  });
});
