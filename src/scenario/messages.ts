/**
 * Validation messages that say what was found and what is allowed instead, as zod
 * customisers. Shared by the scenario schema and the presets' option schemas.
 */
import { didYouMean } from './suggest.js';
import { listOf, showValue } from './wording.js';

export interface Customiser {
  error: (issue: { input?: unknown }) => string;
}

/**
 * The error message for one kind of value: what was found, and what is allowed instead;
 * `hint` adds what a value written a certain wrong way means (`2%` is 0.02), when it does.
 */
export function says(noun: string, allowed: string, hint?: (input: unknown) => string | undefined): Customiser {
  return {
    error: (issue) => {
      if (issue.input === undefined) return `missing; required: ${allowed}`;
      const extra = hint?.(issue.input);
      return `${showValue(issue.input)} is not ${noun}; allowed: ${allowed}${extra ?? ''}`;
    },
  };
}

/** As `says`, with a did-you-mean when a string is close to one of the allowed words. */
export function saysOneOf(noun: string, words: readonly string[]): Customiser {
  const plain = says(noun, listOf(words));
  return {
    error: (issue) => {
      if (typeof issue.input !== 'string') return plain.error(issue);
      return `${showValue(issue.input)} is not ${noun}${didYouMean(issue.input, words)}; allowed: ${listOf(words)}`;
    },
  };
}

