/** Durations as messages tell them. */
import { describe, expect, it } from 'vitest';
import { formatMs } from '../../src/scenario/units.js';

describe('formatMs', () => {
  it('uses hours and minutes only when whole: 90s, not 1.5m', () => {
    expect([90_000, 5_400_000, 1_500, 250, 3_600_000, 120_000, -2_000].map(formatMs)).toEqual(['90s', '90m', '1.5s', '250ms', '1h', '2m', '-2s']);
  });
});
