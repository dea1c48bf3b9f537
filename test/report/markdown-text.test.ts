/** The user's names and descriptions stay plain text in markdown reports, whatever they hold. */
import { describe, expect, it } from 'vitest';
import { cellCode, code, escapeCell, escapeText } from '../../src/report/markdown-text.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { sweepFacts } from '../../src/report/sweep-text.js';
import { fixtureResults } from '../fixtures/results.js';

describe('escapeText', () => {
  it('keeps emphasis, links, HTML, entities and strike-through from becoming markup', () => {
    expect(escapeText('a_b *c* [d](e) <i>f</i> ~~g~~ `h`')).toBe('a\\_b \\*c\\* \\[d\\](e) \\<i\\>f\\</i\\> \\~\\~g\\~\\~ \\`h\\`');
    // `&amp;` written by the user shows as written, not as `&`.
    expect(escapeText('dash &amp; name &copy; A&B')).toBe('dash &amp;amp; name &amp;copy; A&amp;B');
  });

  it('keeps a line from starting a heading, a list or a rule, and leaves numbers and words alone', () => {
    expect(escapeText('# not a heading\n- not an item\n+ nor this\n1. nor this\n2) nor this\n---\n===')).toBe(
      '\\# not a heading\n\\- not an item\n\\+ nor this\n1\\. nor this\n2\\) nor this\n\\---\n\\===',
    );
    expect(escapeText('#tag -5 0.5 1.5s 12 monkeys - in the middle')).toBe('#tag -5 0.5 1.5s 12 monkeys - in the middle');
  });

  it('in a table cell, also keeps pipes and line breaks from ending the cell or the row', () => {
    expect(escapeCell('a|b\nc')).toBe('a\\|b c');
  });
});

describe('inline code', () => {
  it('escapes a pipe only in a table cell, where it would end the cell (outside one GitHub would show the backslash)', () => {
    expect(code('p|ipe.yaml')).toBe('`p|ipe.yaml`');
    expect(cellCode('p|ipe.yaml')).toBe('`p\\|ipe.yaml`');
    expect(code('a`b')).toBe('``a`b``');
  });
});

describe('a run report in markdown', () => {
  it('keeps what --set gave plain text in its facts line', () => {
    const facts = renderMarkdown([{ ...fixtureResults, sets: ['description="*a* <b>x</b>"'] }]).split('\n')[4];
    expect(facts).toContain('--set description="\\*a\\* \\<b\\>x\\</b\\>"');
  });
});

describe('the facts of a sweep', () => {
  it('name its first ten seeds, and how many more (a step summary has a size limit; the JSON has them all)', () => {
    const seeds = Array.from({ length: 25 }, (_, i) => i + 1);
    const facts = sweepFacts({ version: 1, scenario: 's', file: 's.yaml', seed: 1, seeds, params: [], metrics: [], sets: [], points: [] });
    expect(facts).toContain('runs with seeds 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 15 more');
  });
});
