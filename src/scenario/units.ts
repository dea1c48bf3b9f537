/**
 * Unit conversions shared by the schema (patterns), the rules (comparisons) and the
 * normaliser (values). Everything comes out in milliseconds or plain fractions, so no
 * unit string ever reaches the model.
 */

/** A non-negative number with an optional unit; a bare number means milliseconds. */
export const DURATION_PATTERN = '^\\d+(\\.\\d+)?(us|ms|s|m|h)?$';
/** As DURATION_PATTERN, but a clock skew or jump may go backwards. */
export const SIGNED_DURATION_PATTERN = '^-?\\d+(\\.\\d+)?(us|ms|s|m|h)?$';
/** A percentage from 0% to 100%. */
export const PERCENT_PATTERN = '^(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)%$';

const MS_PER_UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Human wording for messages and schema descriptions, kept next to the patterns it describes. */
export const DURATION_WORDING = 'a duration like 250ms, 1.5s or 10m (units us, ms, s, m, h; a plain number is milliseconds)';

/**
 * Milliseconds for a duration as written: a number (already ms) or a string matching
 * SIGNED_DURATION_PATTERN. NaN for anything else, so callers can reject it.
 */
export function durationMs(written: number | string): number {
  if (typeof written === 'number') return written;
  const match = /^(-?\d+(?:\.\d+)?)(us|ms|s|m|h)?$/.exec(written);
  if (!match) return Number.NaN;
  return Number(match[1]) * MS_PER_UNIT[match[2] ?? 'ms'];
}

/** A fraction for a number (already a fraction) or a percentage string such as `10%`. */
export function fraction(written: number | string): number {
  return typeof written === 'number' ? written : Number(written.slice(0, -1)) / 100;
}

/** Shortest readable form of a millisecond count, for messages (`1.5s`, `30m`). */
export function formatMs(ms: number): string {
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (Math.abs(ms) >= size && Number.isInteger((ms / size) * 1000)) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
