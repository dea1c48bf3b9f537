/** The user's names and descriptions stay plain text in markdown reports, whatever they hold. */
import { describe, expect, it } from 'vitest';
import { escapeCell, escapeText } from '../../src/report/markdown-text.js';

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
