/** "Did you mean": a typo within a third of the word, or a word left out of a longer name. */
import { describe, expect, it } from 'vitest';
import { closest } from '../../src/scenario/suggest.js';

describe('closest', () => {
  it('finds a typo within a third of the word, and nothing for a word unlike any', () => {
    expect(closest('nmae', ['name', 'seed'])).toBe('name');
    expect(closest('ttll', ['ttl', 'cache'])).toBe('ttl');
    expect(closest('foo', ['seed', 'name'])).toBeUndefined();
  });

  it('finds the name a word was left out of, the nearest when several hold every word written', () => {
    expect(closest('stale_ratio', ['stale_reads', 'stale_read_ratio', 'regions.eu.stale_read_ratio', 'hit_ratio'])).toBe('stale_read_ratio');
    expect(closest('stale', ['serve-stale', 'fail', 'route'])).toBe('serve-stale');
    // As near as each other: no guess.
    expect(closest('delay', ['tail_delay', 'retry_delay'])).toBeUndefined();
    // Short words alone are too common to guess from.
    expect(closest('hit', ['hit_ratio', 'l1_hit_ratio'])).toBeUndefined();
  });
});
