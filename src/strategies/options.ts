/** Value types for preset options (validated by each preset's schema, durations turned into ms). */
import { z } from 'zod';
import { DURATION_PATTERN, DURATION_WORDING, durationMs } from '../scenario/units.js';

/** A duration option: milliseconds as a number, or a string with a unit; comes out in ms. */
export function durationOption(defaultMs: number, description: string) {
  return z
    .union([z.number().min(0), z.string().regex(new RegExp(DURATION_PATTERN))], { error: `expected ${DURATION_WORDING}` })
    .default(defaultMs)
    .transform(durationMs)
    .describe(description);
}

export function countOption(defaultCount: number, description: string) {
  return z.number().int().min(0).default(defaultCount).describe(description);
}
