import { describe, expect, it } from 'vitest';
import { plain } from '../../src/report/colour.js';
import { renderCsv } from '../../src/report/csv.js';
import { visibleWidth } from '../../src/report/format.js';
import { annotationLines, renderAnnotations } from '../../src/report/github.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTable } from '../../src/report/table.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';
import { expectGolden } from '../helpers/golden.js';

const both = [fixtureResults, baselineResults];

describe('golden renderings of the fixture', () => {
  it('table, colour off', () => {
    expectGolden('table.txt', renderTable(both, { colour: plain }));
  });

  it('table split for a narrow terminal', () => {
    expectGolden('table-narrow.txt', renderTable([fixtureResults], { colour: plain, width: 50 }));
  });

  it('markdown', () => {
    expectGolden('summary.md', renderMarkdown(both));
  });

  it('csv', () => {
    expectGolden('results.csv', renderCsv(both));
  });

  it('junit', () => {
    expectGolden('junit.xml', renderJunit(both));
  });

  it('json, one scenario', () => {
    expectGolden('results.json', renderJson([fixtureResults]));
  });

  it('github annotations', () => {
    expectGolden('annotations.txt', renderAnnotations(both));
  });

  it('a github annotation of an expectation given by --set points at no file, and says where it came from', () => {
    expect(annotationLines([{ at: '--set:1:22', title: 'ttl hit_ratio', message: 'was 0.5' }])).toBe('::error title=ttl hit_ratio::was 0.5%0A(at --set:1:22)\n');
  });
});

describe('table layout', () => {
  it('fits a 100-column terminal', () => {
    const lines = renderTable(both, { colour: plain }).split('\n');
    const widest = Math.max(...lines.map(visibleWidth));
    expect(widest).toBeLessThanOrEqual(100);
  });

  it('keeps every strategy when it has to split the comparison', () => {
    const narrow = renderTable([fixtureResults], { colour: plain, width: 50 });
    // Tables and histograms fit; an expectation line is as long as the names in it, and a command to copy is never wrapped.
    const laidOut = narrow.split('\n').filter((line) => /^[┌│├└]|^  \S/.test(line) && !/^  [✓✗]/.test(line) && !/^  cache-sim /.test(line));
    for (const line of laidOut) expect(visibleWidth(line)).toBeLessThanOrEqual(50);
    for (const name of Object.keys(fixtureResults.strategies)) expect(narrow).toContain(name);
  });

  it('ends with the replay command when an expectation failed, and not otherwise', () => {
    const failing = renderTable([fixtureResults], { colour: plain });
    expect(failing.trimEnd().split('\n').at(-1)).toBe(`Replay: ${fixtureResults.replay}`);
    expect(renderTable([baselineResults], { colour: plain })).not.toContain('Replay:');
  });
});
