import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';

const page = renderHtml([fixtureResults, baselineResults]);
const css = page.slice(page.indexOf('<style>'), page.indexOf('</style>'));

describe('the HTML page on a narrow screen', () => {
  it('keeps every chart legible: a minimum width inside a wrapper that scrolls sideways', () => {
    const charts = page.match(/<svg [^>]*class="chart"/g) ?? [];
    expect(charts.length).toBeGreaterThan(5);
    expect(page.match(/<div class="chart-wrap"><svg [^>]*class="chart"/g)).toHaveLength(charts.length);
    expect(css).toContain('.chart-wrap{overflow-x:auto}');
    expect(css).toMatch(/svg\.chart\{[^}]*min-width:600px/);
  });
});
