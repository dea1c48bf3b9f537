/** Value types for preset options (validated by each preset's schema, durations turned into ms). */
import { z } from 'zod';
import { says, saysOneOf } from '../scenario/messages.js';
import { durationSays, whenClean } from '../scenario/schema-values.js';
import { DURATION_PATTERN, durationMs, formatMs, MOST_DURATION_MS, MOST_DURATION_WORDING } from '../scenario/units.js';
import { groupThousands } from '../util/thousands.js';

/** What `cache-sim strategies` says of an option: its meaning, and whether its value is a duration in ms. */
export interface OptionMeta {
  description: string;
  duration?: boolean;
}

/** A duration option: milliseconds as a number, or a string with a unit (at most MOST_DURATION_MS, as every duration); comes out in ms. */
export function durationOption(defaultMs: number, description: string) {
  const customiser = durationSays();
  return z
    .union([z.number(customiser).min(0, customiser), z.string(customiser).regex(new RegExp(DURATION_PATTERN), customiser)], customiser)
    .refine((written) => !(durationMs(written) > MOST_DURATION_MS), { ...says('a duration cache-sim can simulate', MOST_DURATION_WORDING), ...whenClean })
    .default(defaultMs)
    .transform(durationMs)
    .meta({ description, duration: true } satisfies OptionMeta);
}

/** One of a few words. */
export function wordOption<const T extends readonly [string, ...string[]]>(words: T, defaultWord: T[number], noun: string, description: string) {
  return z.enum(words, saysOneOf(noun, words)).default(defaultWord).describe(description);
}

export function booleanOption(defaultValue: boolean, description: string) {
  const customiser = says('true or false', 'true or false');
  return z.boolean(customiser).default(defaultValue).describe(description);
}

/** Each option of a preset: its name, default (as a user would write it) and meaning. */
export function describeOptions(options: z.ZodObject): { name: string; default: string; description: string }[] {
  return Object.entries(options.shape).map(([name, schema]) => {
    const option = schema as z.ZodType;
    const meta = (option.meta() ?? {}) as Partial<OptionMeta>;
    const value: unknown = option.parse(undefined);
    return { name, default: meta.duration ? formatMs(value as number) : String(value), description: meta.description ?? '' };
  });
}

export function countOption(defaultCount: number, description: string, most = Number.MAX_SAFE_INTEGER) {
  const customiser = says('a count', most === Number.MAX_SAFE_INTEGER ? 'an integer ≥ 0' : `an integer from 0 to ${groupThousands(most)}`);
  return z.number(customiser).int(customiser).min(0, customiser).max(most, customiser).default(defaultCount).describe(description);
}
