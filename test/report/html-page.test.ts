import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { unbrokenWords } from '../../src/report/html-page.js';
import { sameLinesNote, timeGrid } from '../../src/report/chart-frame.js';
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

describe('the HTML page on paper', () => {
  const print = css.slice(css.indexOf('@media print{'));

  it('loses no data: wrappers do not clip, tables wrap inside the page, charts fit its width and are not cut across pages', () => {
    expect(css).toContain('@media print{');
    expect(print).toContain('.table-wrap,.chart-wrap,pre{overflow:visible}');
    expect(print).toMatch(/th,td,td\.num,th\.num,\.name\{white-space:normal;overflow-wrap:anywhere\}/);
    expect(print).toContain('svg.chart{min-width:0;max-width:100%}');
    // Metric names and conditions in code shrink with the table's text.
    expect(print).toContain('table code{font-size:inherit}');
    expect(print).toContain('figure,tr{break-inside:avoid}');
    // The swatches and highlighted best values are backgrounds, which print leaves out unless told.
    expect(print).toContain('print-color-adjust:exact');
  });
});

describe('the captions', () => {
  it('database reads over time: below the busiest second only where a stretch lasts a second or more', () => {
    expect(page).toContain('per second, averaged over each');
    const short = Object.fromEntries(Object.entries(fixtureResults.strategies).map(([name, s]) => [name, { ...s, timeline: { ...s.timeline, bucket_ms: 2 } }]));
    const html = renderHtml([{ ...fixtureResults, strategies: short }]);
    expect(html).not.toContain('so below the busiest single second');
    expect(html).toContain('Reads of the primary and the replicas in each 2ms stretch, as a rate per second: one read in a stretch this short plots as 500/s, so the line can rise above the busiest single second (db reads peak/s).');
  });
});

describe('lines drawn over each other', () => {
  it('are named in the caption, the one seen last, so that no strategy looks missing from a chart', () => {
    expect(sameLinesNote([{ name: 'a', points: [[1, 2]] }, { name: 'b', points: [[1, 3]] }])).toBe('');
    // Within a pixel is the same line to the eye.
    const line = (dy: number) => [[10, 20 + dy], [30, 40.2 + dy]];
    expect(sameLinesNote([{ name: 'a', points: line(0) }, { name: 'b', points: line(0.2) }, { name: 'c', points: [] }, { name: 'd', points: line(-0.1) }])).toBe(
      " a, b and d draw the same line (d’s, on top, is the one seen).",
    );
    // Two strategies that measured the same, as pubsub and lease do when no key is ever missed twice at once.
    const [ttl, versioned] = Object.keys(fixtureResults.strategies);
    const twin = { ...fixtureResults, strategies: { ...fixtureResults.strategies, [versioned]: fixtureResults.strategies[ttl] } };
    const html = renderHtml([twin]);
    expect(html).toContain(`lines join them. ${ttl} and ${versioned} draw the same line (${versioned}’s, on top, is the one seen).</figcaption>`);
    expect(html).toContain(`by when the read was issued. ${ttl} and ${versioned} draw the same line`);
    expect(renderHtml([fixtureResults])).not.toContain('draw the same line');
  });
});

describe('charts with nothing to draw', () => {
  it('say so in a line instead of showing an empty plot: no stale read in any region', () => {
    const fresh = Object.fromEntries(
      Object.entries(fixtureResults.strategies).map(([name, s]) => [name, { ...s, regions: Object.fromEntries(Object.entries(s.regions).map(([region, set]) => [region, { ...set, stale_read_ratio: 0, stale_reads: 0 }])) }]),
    );
    const html = renderHtml([{ ...fixtureResults, strategies: fresh }]);
    const chart = html.slice(html.indexOf('aria-label="Stale read ratio per region'), html.indexOf('</svg>', html.indexOf('aria-label="Stale read ratio per region')));
    expect(chart).toContain('class="note"');
    expect(chart).toContain('>No stale reads: every read in every region was fresh</text>');
    expect(chart).not.toContain('class="tick"');
  });
});

describe('names in tables', () => {
  it('stay on one line where they head a row or a column (no `us-` over `east`); on paper they may wrap', () => {
    expect(css).toContain('.name{white-space:nowrap}');
    expect(page).toContain('<tr><th class="name">us-east</th>');
    expect(page).toMatch(/<th class="num name"><span class="swatch"[^>]*><\/span>ttl<\/th>/);
    // A per-region metric in the expectations: its region's hyphen is no place to break the line.
    expect(unbrokenWords('regions.us-east.stale_read_ratio from 1m')).toBe('<span class="name">regions.us-east.stale_read_ratio</span> from 1m');
    expect(unbrokenWords('hit_ratio')).toBe('hit_ratio');
  });
});

describe('the HTML page in a dark setting', () => {
  it("follows the reader's setting on screen, never on paper, and keeps charts on a light panel their colours were chosen for", () => {
    expect(page).toContain('<meta name="color-scheme" content="light dark">');
    const dark = css.slice(css.indexOf('@media screen and (prefers-color-scheme:dark){'));
    expect(dark.length).toBeLessThan(css.length);
    expect(dark).toMatch(/body\{color:#ddd;background:#17191c\}/);
    expect(dark).toMatch(/svg\.chart\{background:#fff/);
  });

  it('wraps a long line of text at its spaces where it can (a trace story line), not inside a word', () => {
    expect(css).toMatch(/pre\{[^}]*white-space:pre-wrap;overflow-wrap:anywhere\}/);
    expect(css).not.toContain('break-all');
  });
});

describe('a time axis', () => {
  it('tells each tick exactly, so ticks half a second apart past a minute are all different (1m00.5s, not 1m01s twice)', () => {
    const labels = [...timeGrid(59_000, 62_000, (t) => t / 100, 0, 10, 10_000).matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(['59s', '59.5s', '1m', '1m00.5s', '1m01s', '1m01.5s', '1m02s']);
  });
});
