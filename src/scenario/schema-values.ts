/**
 * The building blocks of the written-scenario schema: one customised message per kind of
 * value (what was found, what is allowed), and the value types every section shares —
 * durations, distributions, names. Kept apart from the sections (written-schema.ts) so
 * each file reads as one list.
 */
import { z } from 'zod';
import { presetNames } from '../strategies/registry.js';
import { DURATION_PATTERN, DURATION_WORDING, durationMs, MOST_DURATION_MS, MOST_DURATION_WORDING, SIGNED_DURATION_PATTERN } from './units.js';
import { type Customiser, says, saysOneOf } from './messages.js';
import { listOf } from './wording.js';

/** Checks across sibling keys run only on an otherwise clean object, so one mistake gives one message. */
export const whenClean = { when: (payload: { issues: unknown[] }) => payload.issues.length === 0 };

export function word<const T extends readonly [string, ...string[]]>(noun: string, words: T) {
  return z.enum(words, saysOneOf(noun, words));
}

export function map<S extends z.ZodRawShape>(noun: string, shape: S) {
  return z.strictObject(shape, says(noun, `a map with keys ${listOf(Object.keys(shape))}`));
}

export function list<T extends z.ZodType>(noun: string, allowed: string, item: T) {
  const customiser = says(noun, allowed);
  return z.array(item, customiser).min(1, customiser);
}

export function numberFrom(min: number, noun: string, allowed = `a number ≥ ${min}`) {
  const customiser = says(noun, allowed);
  return z.number(customiser).min(min, customiser);
}

/** A bound on a count, and how a message says it (`100 million`). */
export interface Most {
  value: number;
  said: string;
}

export function integerFrom(min: number, noun: string, most?: Most) {
  const customiser = says(noun, most ? `an integer from ${min} to ${most.said}` : `an integer ≥ ${min}`);
  return z
    .number(customiser)
    .int(customiser)
    .min(min, customiser)
    .max(most?.value ?? Number.MAX_SAFE_INTEGER, customiser);
}

export function probability() {
  // A percentage (`2%`), as a newcomer writes a loss rate: said as the number it means.
  const customiser = says('a probability', 'a number from 0 to 1', (input) => {
    const percent = typeof input === 'string' ? /^\s*(\d+(\.\d+)?)\s*%\s*$/.exec(input) : null;
    return percent ? ` (${percent[1]}% is ${Number(percent[1]) / 100})` : undefined;
  });
  return z.number(customiser).min(0, customiser).max(1, customiser);
}

/**
 * A number of milliseconds or a string with a unit. The finiteness check catches strings
 * of digits long enough to overflow; it runs only on well-formed input, so a bad unit gets
 * one message, not two.
 */
function durationSchema(pattern: string, customiser: Customiser, number: z.ZodNumber) {
  return z
    .union([number, z.string(customiser).regex(new RegExp(pattern), customiser)], customiser)
    .refine((written) => written === 'infinite' || Number.isFinite(durationMs(written)), { ...customiser, ...whenClean })
    .refine((written) => written === 'infinite' || !(Math.abs(durationMs(written)) > MOST_DURATION_MS), { ...tooLong, ...whenClean });
}

const tooLong = says('a duration cache-sim can simulate', MOST_DURATION_WORDING);

// The shared value types carry an `id`, so the JSON Schema defines each once and refers to it.

/** What a duration ≥ 0 that is not one is told: a negative one (`-1s`) is told so, not only that it is no duration. */
export function durationSays(): Customiser {
  return says('a duration', DURATION_WORDING, (input) =>
    (typeof input === 'number' && input < 0) || (typeof input === 'string' && /^\s*-/.test(input)) ? ', never negative here' : undefined,
  );
}

const nonNegative = durationSays();
export const duration = durationSchema(DURATION_PATTERN, nonNegative, z.number(nonNegative).min(0, nonNegative)).meta({
  id: 'duration',
  description: `A duration ≥ 0: ${DURATION_WORDING}.`,
});

const signedSays = says('a duration', `${DURATION_WORDING}, may be negative (-2s)`);
export const signedDuration = durationSchema(SIGNED_DURATION_PATTERN, signedSays, z.number(signedSays)).meta({
  id: 'signed_duration',
  description: `A duration that may be negative: ${DURATION_WORDING}.`,
});

export const positiveDuration = duration
  .refine((written) => durationMs(written) > 0, { ...says('a positive duration', `${DURATION_WORDING}, above 0`), ...whenClean })
  .meta({ id: 'positive_duration', description: `A duration > 0: ${DURATION_WORDING}.` });

/** `infinite` is part of the string pattern, so a misspelt TTL gets the whole list of forms. */
export function ttlSchema() {
  const customiser = says('a TTL', `${DURATION_WORDING}, or infinite`);
  const pattern = `(${DURATION_PATTERN})|^infinite$`;
  return durationSchema(pattern, customiser, z.number(customiser).min(0, customiser));
}

const DIST_KINDS = ['exponential', 'uniform', 'normal', 'lognormal', 'pareto', 'empirical'] as const;

const DIST_WORDING =
  'a duration (constant) or exactly one of {exponential: {mean}}, {uniform: [min, max]}, {normal: {mean, stddev}}, ' +
  '{lognormal: {median, p99}}, {pareto: {scale, shape}}, {empirical: [d1, d2, ...]}';

/** For "exactly one of" maps: names the kinds present, or the lack of them. */
export function exactlyOneKey(noun: string, kinds: readonly string[], allowed: string) {
  return {
    ...whenClean,
    error: (issue: { input?: unknown }) => {
      const present = Object.keys(issue.input ?? {}).filter((key) => kinds.includes(key));
      const found = present.length === 0 ? `none of ${listOf(kinds)}` : `both ${present.slice(0, 2).join(' and ')}`;
      return `${found} given, so this is not ${noun}; allowed: ${allowed}`;
    },
  };
}

export function hasExactlyOne(kinds: readonly string[]) {
  return (value: object) => Object.keys(value).filter((key) => kinds.includes(key)).length === 1;
}

/** Two parameters of one distribution that must be in order, checked once their units are known. */
function inOrder(low: number | string, high: number | string): boolean {
  return durationMs(low) <= durationMs(high);
}

function outOfOrder(kind: string, wrong: string, allowed: string) {
  return { ...whenClean, path: [kind], error: () => `${wrong}; allowed: ${allowed}` };
}

/** Draws are scale · (1 − u)^(−1/shape) with u on 2^-32 steps: below 0.1 the largest overflow to infinity. */
const PARETO_SHAPE_MIN = 0.1;
const paretoShapeSays = says('a pareto shape', `a number from ${PARETO_SHAPE_MIN} up (smaller shapes draw latencies too large to be numbers)`);

const distributionKinds = z
  .strictObject(
    {
      exponential: map('exponential parameters', { mean: duration }).optional(),
      uniform: z.tuple([duration, duration], says('uniform bounds', 'a list [min, max] of two durations')).optional(),
      normal: map('normal parameters', { mean: duration, stddev: duration }).optional(),
      lognormal: map('lognormal parameters', { median: positiveDuration, p99: duration }).optional(),
      pareto: map('pareto parameters', {
        scale: positiveDuration,
        shape: z.number(paretoShapeSays).min(PARETO_SHAPE_MIN, paretoShapeSays),
      }).optional(),
      empirical: list('a list of samples', 'a non-empty list of durations', duration).optional(),
    },
    says('a distribution', DIST_WORDING),
  )
  .refine(hasExactlyOne(DIST_KINDS), exactlyOneKey('a distribution', DIST_KINDS, DIST_WORDING))
  .refine((d) => !d.uniform || inOrder(d.uniform[0], d.uniform[1]), outOfOrder('uniform', 'min is above max', '[min, max] with min ≤ max'))
  .refine(
    (d) => !d.lognormal || inOrder(d.lognormal.median, d.lognormal.p99),
    outOfOrder('lognormal', 'median is above p99', 'p99 ≥ median > 0'),
  )
  .meta({ minProperties: 1, maxProperties: 1 });

export const distribution = z.union([duration, distributionKinds], says('a distribution', DIST_WORDING)).meta({
  id: 'distribution',
  description: `A random duration: ${DIST_WORDING}.`,
});

/**
 * Region and strategy names become map keys (`read_regions`, `expect`, the JSON's `regions`
 * and `strategies`), where `__proto__` cannot survive conversion to a JS object, and a key of
 * digits alone is put before all others (out of the scenario's order); so neither is a name.
 */
const NAME_PATTERN = /^(?!__proto__$)(?![0-9]+$)[A-Za-z0-9_.-]+$/;
const NAME_WORDING = 'a non-empty name of ASCII letters, digits, _, . and -, not digits alone';

export const regionName = () => {
  const customiser = says('a region name', NAME_WORDING);
  return z.string(customiser).regex(NAME_PATTERN, customiser);
};

/** A region mentioned elsewhere (faults, weights): that it exists is a cross-field rule. */
export const regionRef = () => z.string(says('a region name', 'the name of a region in `regions`'));

export const strategyName = () => {
  const customiser = says('a strategy name', NAME_WORDING);
  return z.string(customiser).regex(NAME_PATTERN, customiser);
};

export const presetName = () => word('a strategy preset', presetNames as [string, ...string[]]);

export type WrittenDist = z.output<typeof distribution>;
