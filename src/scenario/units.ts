/**
 * Unit conversions shared by the schema (patterns), the rules (comparisons) and the
 * normaliser (values). Everything comes out in milliseconds or plain fractions, so no
 * unit string ever reaches the model.
 */

/** One part of a compound duration: a number and its unit (`1h`, `30s`, `1.5m`). */
const part = (unit: string) => `(\\d+(\\.\\d+)?${unit})?`;
/** Parts in decreasing units, each at most once (`1h30m`, `2m05s`, `1s250ms`); at least one. */
const COMPOUND = `(?=\\d)${part('h')}${part('m')}${part('s')}${part('ms')}${part('(us|µs|μs)')}`;
const BARE = '\\d+(\\.\\d+)?';

/** A duration with units (`250ms`, `1.5s`, `1m30s`), for patterns that take a bare number as something else. */
export const UNIT_DURATION_PATTERN = COMPOUND;
/** A non-negative duration: a bare number (milliseconds), or parts with units (`250ms`, `1.5s`, `1m30s`). */
export const DURATION_PATTERN = `^(${BARE}|${COMPOUND})$`;
/** As DURATION_PATTERN, but a clock skew or jump may go backwards. */
export const SIGNED_DURATION_PATTERN = `^-?(${BARE}|${COMPOUND})$`;
/** A percentage from 0% to 100%. */
export const PERCENT_PATTERN = '^(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)%$';

const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Microseconds are written `us`, or as the reports print them, `µs` (micro sign) or `μs` (Greek mu); divided, so `954µs` reads back as 0.954 exactly. */
const MICROSECONDS = new Set(['us', 'µs', 'μs']);
const SIGNED_DURATION = new RegExp(SIGNED_DURATION_PATTERN);

/**
 * The longest duration anything in a scenario may last (about 11 years): far beyond any run,
 * yet small enough that sums of them (a latency per hop, a lag per write) stay exact numbers
 * instead of overflowing to Infinity.
 */
export const MOST_DURATION_MS = 100_000 * 3_600_000;
export const MOST_DURATION_WORDING = 'up to 100000h (about 11 years)';

/** Human wording for messages and schema descriptions, kept next to the patterns it describes. */
export const DURATION_WORDING = 'a duration like 250ms, 1.5s, 10m or 1m30s (units us or µs, ms, s, m, h; a plain number is milliseconds)';

/**
 * Milliseconds for a duration as written: a number (already ms) or a string matching
 * SIGNED_DURATION_PATTERN (its parts added up). NaN for anything else, so callers can reject it.
 */
export function durationMs(written: number | string): number {
  if (typeof written === 'number') return written;
  if (!SIGNED_DURATION.test(written)) return Number.NaN;
  const sign = written.startsWith('-') ? -1 : 1;
  const body = written.replace(/^-/, '');
  if (/^\d+(\.\d+)?$/.test(body)) return sign * Number(body);
  let ms = 0;
  // µ and μ as escapes: the bundle must stay ASCII (scripts/bundle.mjs).
  for (const [, value, unit] of body.matchAll(/(\d+(?:\.\d+)?)(us|\u00b5s|\u03bcs|ms|s|m|h)/g)) ms += MICROSECONDS.has(unit) ? Number(value) / 1000 : Number(value) * MS_PER_UNIT[unit];
  return sign * ms;
}

/** A fraction for a number (already a fraction) or a percentage string such as `10%`. */
export function fraction(written: number | string): number {
  return typeof written === 'number' ? written : Number(written.slice(0, -1)) / 100;
}

/**
 * Shortest readable form of a millisecond count, for messages (`1.5s`, `30m`, `90s`): hours and
 * minutes only whole (`90s`, not `1.5m`, as no one writes a minute and a half), seconds to the ms.
 */
export function formatMs(ms: number): string {
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (Math.abs(ms) >= size && Number.isInteger(ms / size)) return `${ms / size}${unit}`;
  }
  if (Math.abs(ms) >= 1000 && Number.isInteger(ms)) return `${ms / 1000}s`;
  return `${ms}ms`;
}
