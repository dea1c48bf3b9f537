/** Value types for preset options (validated by each preset's schema, durations turned into ms). */
import { z } from 'zod';
import { DURATION_PATTERN, DURATION_WORDING, durationMs, formatMs } from '../scenario/units.js';

/** What `cache-sim strategies` says of an option: its meaning, and whether its value is a duration in ms. */
export interface OptionMeta {
  description: string;
  duration?: boolean;
}

/** A duration option: milliseconds as a number, or a string with a unit; comes out in ms. */
export function durationOption(defaultMs: number, description: string) {
  return z
    .union([z.number().min(0), z.string().regex(new RegExp(DURATION_PATTERN))], { error: `expected ${DURATION_WORDING}` })
    .default(defaultMs)
    .transform(durationMs)
    .meta({ description, duration: true } satisfies OptionMeta);
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

export function countOption(defaultCount: number, description: string) {
  return z.number().int().min(0).default(defaultCount).describe(description);
}
