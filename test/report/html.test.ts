import { describe, expect, it } from 'vitest';
import type { ScenarioResults } from '../../src/metrics/results.js';
import { PLOT, categoryAxis, categoryTick, frame, xTick } from '../../src/report/chart-frame.js';
import { formatDuration } from '../../src/report/format.js';
import { renderHtml } from '../../src/report/html.js';
import { escapeHtml, num, roundTimeAbove, roundTimeBelow, roundTimes, zeroLogScale } from '../../src/report/svg.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';
import { expectGolden } from '../helpers/golden.js';
import { makeScenario, region, strategy } from '../helpers/scenario.js';
import { runScenario } from '../../src/simulate.js';

const both = [fixtureResults, baselineResults];

/** The SVG chart whose accessible label starts with `label`. */
function chart(html: string, label: string): string {
  const start = html.indexOf(`aria-label="${label}`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</svg>', start));
}

describe('renderHtml', () => {
  it('matches the golden report of the fixture', () => {
    expectGolden('report.html', renderHtml(both));
  });

  it('the staleness CDF runs to the next round time, but not past the run (no read is stale for longer)', () => {
    const cdfTicks = (r: ScenarioResults) => {
      const figure = renderHtml([r]).split('<figure>').find((f) => f.includes('at most'));
      return [...(figure ?? '').matchAll(/class="tick"[^>]*>([^<]*)</g)].map((m) => m[1]).filter((t) => !t.endsWith('%'));
    };
    // The fixture's stalest read is 89.95 s: a 30-minute run shows the next round time, a 95-second one ends at 1m35s.
    expect(cdfTicks(fixtureResults).slice(-3)).toEqual(['10s', '1m', '10m']);
    expect(cdfTicks({ ...fixtureResults, duration_ms: 95_000 }).slice(-2)).toEqual(['1m', '1m35s']);
    // Reads stale for 2 minutes in a 10-minute run: the axis ends at 10m.
    const longer = Object.fromEntries(
      Object.entries(fixtureResults.strategies).map(([name, s]) => [name, { ...s, staleness_cdf: [...s.staleness_cdf, { ms: 120_000, fraction: 1 }] }]),
    );
    expect(cdfTicks({ ...fixtureResults, strategies: longer, duration_ms: 600_000 }).slice(-2)).toEqual(['1m', '10m']);
  });

  it('a log time axis is labelled at round times, not at powers of ten milliseconds (1m40s, 16m40s, 2h46m40s)', () => {
    expect(roundTimes(0.1, 10 * 86_400_000).map((t) => formatDuration(t))).toEqual(['100µs', '1ms', '10ms', '100ms', '1s', '10s', '1m', '10m', '1h', '10h', '100h']);
    expect(roundTimeBelow(300_000)).toBe(60_000);
    expect(roundTimeAbove(300_000)).toBe(600_000);
    expect(roundTimeAbove(60_000)).toBe(60_000);
    expect(roundTimeAbove(7_200_000)).toBe(36_000_000);
  });

  it('a tick label at the axis’s end ends there rather than being cut at the chart’s edge', () => {
    // 720 px wide, the axis ending at 696.
    expect(xTick(696, 270, '2h46m40s')).toContain('text-anchor="end"');
    expect(xTick(696, 270, '30m')).toContain('text-anchor="middle"');
    expect(xTick(400, 270, '2h46m40s')).toContain('text-anchor="middle"');
    // A trace's lanes, 900 px wide with a narrower margin, end a 70-second run at 1m10s.
    expect(xTick(884, 300, '1m10s', 900)).toContain('text-anchor="end"');
  });

  it('is self-contained: no scripts, no external resources', () => {
    const html = renderHtml(both);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\bon[a-z]+=/i);
    const urls = html.match(/https?:\/\/[^\s"'<>]*/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
  });

  it('escapes user text: scenario names, descriptions, strategy and region names', () => {
    const strategies = Object.entries(fixtureResults.strategies);
    const hostile: ScenarioResults = {
      ...fixtureResults,
      scenario: '<b>&"x"</b>',
      description: "<script>alert('d')</script>",
      strategies: Object.fromEntries([
        ['<i>s</i>', { ...strategies[0][1], regions: { '<r>': strategies[0][1].regions['us-east'] } }],
        ...strategies.slice(1),
      ]),
    };
    const html = renderHtml([hostile]);
    expect(html).toContain('&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&#39;d&#39;)&lt;/script&gt;');
    expect(html).not.toContain('<i>s</i>');
    expect(html).toContain('&lt;i&gt;s&lt;/i&gt;');
    expect(html).not.toContain('<r>');
  });

  it('renders the same bytes twice', () => {
    expect(renderHtml(both)).toBe(renderHtml(both));
  });

  it('names every strategy in the CDF legend, in its palette colour', () => {
    const cdf = chart(renderHtml([fixtureResults]), 'Staleness CDF');
    const key = cdf.slice(cdf.indexOf('<g class="legend">'));
    for (const name of Object.keys(fixtureResults.strategies)) expect(key).toContain(`>${name}</text>`);
    expect(key).toContain('stroke="#4e79a7"');
    expect(key).toContain('stroke="#e15759"');
    // One line per strategy.
    expect(cdf.match(/<g class="series">/g)).toHaveLength(3);
  });

  it('draws a histogram of reads all fresh with 100 % at the top of a decade of axis, not flat on the floor', () => {
    const strategies = Object.fromEntries(
      Object.entries(fixtureResults.strategies).map(([name, s]) => [name, { ...s, staleness_histogram: { ...s.staleness_histogram, counts: s.staleness_histogram.counts.map((_, i) => (i === 0 ? 1000 : 0)) } }]),
    );
    const histogram = chart(renderHtml([{ ...fixtureResults, strategies }]), 'Staleness histogram');
    const ticks = [...histogram.matchAll(/<text class="tick" x="[\d.]+" y="([\d.]+)"[^>]*>(\d+%)<\/text>/g)].map((m) => [m[2], Number(m[1])]);
    expect(ticks.map(([label]) => label)).toEqual(['10%', '100%']);
    // The full bars reach the 100 % line, well above the floor.
    const bars = [...histogram.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(bars).toHaveLength(3);
    for (const height of bars) expect(height).toBeGreaterThan(200);
  });

  it('paints bars past the palette’s ten colours pale with a dashed outline, as their lines are dashed in the legend', () => {
    const names = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const strategies = Object.fromEntries(names.map((name) => [name, fixtureResults.strategies.ttl]));
    const bars = chart(renderHtml([{ ...fixtureResults, strategies }]), 'Staleness histogram');
    const first = bars.match(/<rect [^>]*><title>s0, /)?.[0] ?? '';
    const eleventh = bars.match(/<rect [^>]*><title>s10, /)?.[0] ?? '';
    expect(first).toContain('fill="#4e79a7"');
    expect(first).not.toContain('stroke-dasharray');
    expect(eleventh).toContain('fill="#4e79a7" fill-opacity="0.3" stroke="#4e79a7" stroke-width="1.5" stroke-dasharray="6 3"');
  });

  it('draws stale reads over time, one step line per strategy, over the fault window it marks and numbers', () => {
    const html = renderHtml([fixtureResults]);
    const stale = chart(html, 'Stale reads over time');
    expect(stale.match(/<g class="series">/g)).toHaveLength(3);
    // The fixture's ttl line peaks in the replication pause (10m–15m, shaded as fault 1).
    expect(stale).toContain('<title>ttl: peak 19.3% in ');
    expect(stale).toMatch(/<rect class="fault" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+"><title>1: eu-west replication paused<\/title><\/rect>/);
    expect(stale).toContain('<text class="fault-number"');
    // x: 1m (warmup) to 30m, ticks at round times.
    expect(stale).toContain('>5m</text>');
    expect(stale).toContain('>30m</text>');
    expect(html).toContain('Shaded or dashed, numbered: 1: eu-west replication paused, 10m–15m.');
  });

  it('draws stale reads over time per region, every region on the scale of the worst, and none for a single region', () => {
    const html = renderHtml([fixtureResults]);
    const regions = ['us-east', 'eu-west', 'ap-south'].map((region) => chart(html, `Stale reads over time in ${region}`));
    // One y axis for all: the same tick labels in each.
    const ticks = (svg: string) => [...svg.matchAll(/<text class="tick" x="[\d.]+" y="[\d.]+" text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(ticks(regions[0])).toEqual(ticks(regions[1]));
    expect(ticks(regions[1])).toEqual(ticks(regions[2]));
    expect(html).toContain('<figcaption>eu-west: stale reads ÷ reads of the region');
    expect(renderHtml([baselineResults])).not.toContain('Over time, per region');
  });

  it('leaves a region nobody read from out of the per-region charts, and says so (its ratio is not a number)', () => {
    const scenario = makeScenario({
      regions: [region('us-east', { primary: true }), region('eu-west'), region('ap-south')],
      workload: { readRegions: { 'eu-west': 1, 'ap-south': 1 }, writeRegions: { 'us-east': 1 } },
      durationMs: 20_000,
    });
    const html = renderHtml([runScenario(scenario)]);
    expect(html).not.toContain('NaN');
    const bars = chart(html, 'Stale read ratio per region');
    expect(bars).toContain('>eu-west</text>');
    expect(bars).not.toContain('>us-east</text>');
    expect(html).toContain('No reads were issued in us-east.');
    expect(html).not.toContain('Stale reads over time in us-east');
    expect(html).toContain('Stale reads over time in ap-south');
  });

  it('draws database reads per second over time; the fault window is shaded, an instant is a dashed line', () => {
    const restarted: ScenarioResults = {
      ...fixtureResults,
      faults: [{ kind: 'cache_restart', label: 'eu-west cache restarted', at_ms: 300_000, until_ms: null }],
    };
    const db = chart(renderHtml([restarted]), 'Database reads over time');
    expect(db.match(/<g class="series">/g)).toHaveLength(3);
    expect(db).toContain('<line class="fault-instant"');
    expect(db).not.toContain('<rect class="fault"');
    expect(db).toContain('database reads per second');
    // The peak is a rate per second.
    expect(db).toMatch(/<title>ttl: peak [\d.,]+\/s in /);
  });

  it('highlights the best value of a row, and ends with the replay command only when an expectation failed', () => {
    const html = renderHtml([fixtureResults]);
    // versioned has the lowest stale read ratio.
    expect(html).toMatch(/<tr><th>stale read ratio<\/th><td class="num">[^<]*<\/td><td class="num best">0\.035%<\/td>/);
    expect(html).toContain(`<pre><code>${escapeHtml(fixtureResults.replay)}</code></pre>`);
    expect(renderHtml([baselineResults])).not.toContain('<pre>');
  });

  it('keeps every SVG coordinate to at most one decimal', () => {
    const html = renderHtml(both);
    const svg = html.slice(html.indexOf('<svg'), html.lastIndexOf('</svg>'));
    const coords = svg.match(/ (?:x|y|x1|y1|x2|y2|cx|cy|width|height)="[^"]*"/g) ?? [];
    expect(coords.length).toBeGreaterThan(50);
    for (const c of coords) expect(c).toMatch(/="-?\d+(\.\d)?"$/);
  });

  it('renders an empty run as a valid document', () => {
    const html = renderHtml([]);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('No scenarios ran.');
  });
});

describe('category labels under the x axis', () => {
  it('fit their share of the axis: a long name is cut short, the whole of it in a tooltip', () => {
    expect(categoryTick(100, 'ttl', 70)).toBe('<text class="tick" x="100" y="270" text-anchor="middle">ttl</text>');
    const cut = categoryTick(100, 'session-token-strict', 70);
    // 70 px hold 10 characters of 6.5 px: nine and an ellipsis.
    expect(cut).toContain('>session-t…</text>');
    expect(cut).toContain('<title>session-token-strict</title>');
  });

  it('nine strategies with long names: each label whole, slanted, rather than nine alike cut short', () => {
    const names = Array.from({ length: 9 }, (_, i) => `pubsub-variant-${i}`);
    const scenario = makeScenario({
      regions: [region('us', { primary: true })],
      workload: { keys: 10, readsPerSecond: 50, writesPerSecond: 5 },
      strategies: names.map((name) => ({ ...strategy('pubsub'), name })),
      durationMs: 5_000,
    });
    const html = renderHtml([runScenario(scenario)]);
    const labels = [...chart(html, 'Why reads were stale').matchAll(/class="tick"[^>]*transform="rotate\(-45 [^"]*"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels).toEqual(names);
  });

  it('sixteen regions: distinguishable labels, slanted, the plot’s frame taller to hold them; a long name cut short keeps its tooltip', () => {
    const names = Array.from({ length: 16 }, (_, i) => `region-${String(i).padStart(2, '0')}`);
    const axis = categoryAxis(names, (i) => PLOT.x0 + 20 + 39 * i, 39);
    const labels = [...axis.svg.matchAll(/>([^<>]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(names);
    expect(axis.depth).toBeGreaterThan(30);
    // Level labels when every one fits: no extra depth.
    expect(categoryAxis(['us', 'eu'], (i) => 200 + 300 * i, 300)).toEqual({ svg: expect.not.stringContaining('rotate'), depth: 0 });
    const long = categoryAxis(['a-very-long-region-name-indeed', 'b'], (i) => 300 + 20 * i, 20).svg;
    expect(long).toContain('<title>a-very-long-region-name-indeed</title>a-very-long-region-…</text>');
    // The frame grows by the labels' depth.
    const height = (svg: string) => Number(/viewBox="0 0 720 ([\d.]+)"/.exec(svg)?.[1]);
    expect(height(frame('x', '', 'x', 'y', [], axis.depth)) - height(frame('x', '', 'x', 'y', []))).toBe(axis.depth);
  });
});

describe('svg helpers', () => {
  it('rounds coordinates to one decimal without -0', () => {
    expect(num(12.345)).toBe('12.3');
    expect(num(12.96)).toBe('13');
    expect(num(-0.04)).toBe('0');
    expect(num(-3.25)).toBe('-3.2');
  });

  it('places 0 at the left edge and decades on a log scale after the gap', () => {
    const x = zeroLogScale([1, 1000], [0, 340], 40);
    expect(x(0)).toBe(0);
    expect(x(1)).toBe(40);
    expect(x(10)).toBeCloseTo(140);
    expect(x(1000)).toBe(340);
  });
});
