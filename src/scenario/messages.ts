/**
 * Validation messages that say what was found and what is allowed instead, as zod
 * customisers. Shared by the scenario schema and the presets' option schemas.
 */
import { didYouMean } from './suggest.js';
import { listOf, showValue } from './wording.js';

export interface Customiser {
  error: (issue: { input?: unknown }) => string;
}

/** The error message for one kind of value: what was found, and what is allowed instead. */
export function says(noun: string, allowed: string): Customiser {
  return {
    error: (issue) =>
      issue.input === undefined
        ? `missing; required: ${allowed}`
        : `${showValue(issue.input)} is not ${noun}; allowed: ${allowed}`,
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

