import { describe, expect, it } from 'vitest';
import type { ScenarioResults } from '../../src/metrics/results.js';
import { renderJunit, stripInvalidXml } from '../../src/report/junit.js';
import { baselineResults, fixtureResults } from '../fixtures/results.js';

/** The fixture with one failing expectation whose names carry XML's special characters and a control character. */
function awkward(): ScenarioResults {
  return {
    ...fixtureResults,
    scenario: `a<b & "c" 'd'\u0007`,
    expectations: [
      {
        strategy: 'ttl',
        metric: 'staleness_p99',
        condition: '< 2s & "soon"',
        actual: 41_230.5,
        pass: false,
        at: 'dir/<x>.yaml:3:7',
      },
    ],
    replay: `cache-sim run 'dir/<x>.yaml' --seed 7`,
  };
}

describe('renderJunit', () => {
  it('escapes <, &, " and \' in attributes and text', () => {
    const xml = renderJunit([awkward()]);
    expect(xml).toContain('<testsuite name="a&lt;b &amp; &quot;c&quot; &apos;d&apos;"');
    expect(xml).toContain('name="ttl staleness_p99 &lt; 2s &amp; &quot;soon&quot;"');
    expect(xml).toContain("Replay: cache-sim run 'dir/&lt;x&gt;.yaml' --seed 7</failure>");
    // Nothing unescaped leaks: every < starts a tag and every & an entity.
    expect(xml).not.toMatch(/<(?![?/a-z])/);
    expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  });

  it('strips characters XML 1.0 cannot carry', () => {
    const xml = renderJunit([awkward()]);
    expect(xml).not.toContain('\u0007');
    expect(stripInvalidXml('a\u0000b\u0008c\td\ne\rf\uFFFEg\uD800h\u{1F600}')).toBe('abc\td\ne\rfgh\u{1F600}');
  });

  it('puts the actual value, the position and the replay command in the failure', () => {
    const xml = renderJunit([fixtureResults]);
    expect(xml).toContain(
      '<failure message="pubsub-5s staleness_p999 was 1.8402s, expected &lt;= 1s (scenarios/stale-refill-from-lagging-replica.yaml:56:21)"',
    );
    expect(xml).toContain(`Replay: ${fixtureResults.replay}</failure>`);
  });

  it('emits an empty suite for a scenario without expectations, still saying its seed and file', () => {
    const xml = renderJunit([baselineResults]);
    expect(xml).toContain('<testsuite name="single-region-baseline" tests="0" failures="0" errors="0" skipped="0">\n    <properties>');
    expect(xml).toContain(`<property name="file" value="${baselineResults.file}"/>\n    </properties>\n  </testsuite>`);
  });

  it("links each case to its expectation's line (file, line), except one given by --set, which has no line to link to", () => {
    const inFile = { ...fixtureResults.expectations[0], at: 'scenarios/a b.yaml:12:5' };
    const fromSet = { ...fixtureResults.expectations[0], at: '--set:1:20' };
    const xml = renderJunit([{ ...fixtureResults, expectations: [inFile, fromSet] }]);
    const cases = xml.split('\n').filter((line) => line.includes('<testcase '));
    expect(cases[0]).toContain(' file="scenarios/a b.yaml" line="12"');
    expect(cases[1]).not.toContain(' file=');
  });

  it('keeps the cases in the order their expectations are written, a skipped one where it is (those from --set last)', () => {
    const e = fixtureResults.expectations[0];
    const xml = renderJunit([
      {
        ...fixtureResults,
        expectations: [
          { ...e, metric: 'reads', at: '--set:1:20' },
          { ...e, metric: 'hit_ratio', at: 's.yaml:30:5' },
          { ...e, metric: 'stale_reads', at: 's.yaml:10:5' },
        ],
        skipped_expectations: [{ strategy: 'lease', metric: 'db_reads', condition: '< 5', at: 's.yaml:20:5' }],
      },
    ]);
    const names = [...xml.matchAll(/<testcase name="[^ ]+ (\w+)/g)].map((m) => m[1]);
    expect(names).toEqual(['stale_reads', 'db_reads', 'hit_ratio', 'reads']);
  });

  it('is deterministic: no time, timestamp or hostname', () => {
    const xml = renderJunit([fixtureResults, baselineResults]);
    expect(xml).toBe(renderJunit([fixtureResults, baselineResults]));
    expect(xml).not.toMatch(/timestamp=|hostname=|time=/);
  });

  it('tells suites of one name apart (CI pages would merge them): by file, then by turn; a name of its own stays as it is', () => {
    const names = (xml: string) => [...xml.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    const other = { ...fixtureResults, file: 'other.yaml' };
    expect(names(renderJunit([fixtureResults, other, baselineResults, fixtureResults]))).toEqual([
      `${fixtureResults.scenario} (${fixtureResults.file}) #1`,
      `${fixtureResults.scenario} (other.yaml)`,
      'single-region-baseline',
      `${fixtureResults.scenario} (${fixtureResults.file}) #2`,
    ]);
    // The cases are classed by their suite's name.
    expect(renderJunit([fixtureResults, other])).toContain(`classname="${fixtureResults.scenario} (other.yaml)"`);
  });

  it('counts tests and failures over all suites', () => {
    expect(renderJunit([fixtureResults, baselineResults])).toContain(
      '<testsuites name="cache-sim" tests="6" failures="2" errors="0">',
    );
  });
});
