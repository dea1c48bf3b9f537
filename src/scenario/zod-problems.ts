/**
 * zod issues -> positioned problems. Messages come from the schema's own customisers; this
 * file adds what only the whole picture knows: which branch of a union the user meant,
 * and, for an unknown key, the keys that are allowed there and the likely intended one.
 */
import { z } from 'zod';
import type { Problem } from '../errors.js';
import type { Locator, Path } from './positions.js';
import { closest, didYouMean } from './suggest.js';
import { listOf, quoteName, showValue } from './wording.js';

type Issue = z.core.$ZodIssue;

export interface IssueContext {
  /** The schema the issues came from, to list the keys allowed where an unknown one was found. */
  schema: z.ZodType;
  locator: Locator;
  /** Where in the scenario the validated value sits (a strategy entry, for preset options). */
  basePath?: Path;
  /** Keys allowed besides the schema's own (the entry keys around preset options). */
  extraKeys?: readonly string[];
  /** Where an unknown key belongs, if it is a key elsewhere (`strategies` written under `cache`): `at the top level`, `under cache`. */
  homeOf?: (key: string) => string | undefined;
}

export function issuesToProblems(issues: readonly Issue[], context: IssueContext): Problem[] {
  const base = context.basePath ?? [];
  const placed = issues.flatMap((issue) => placedIssues(issue, base));
  // A required key reported missing next to a misspelling of it (`zipff` for `zipf`) is one
  // mistake: the unknown key's message, with its "did you mean", says it all.
  const misspelt = new Set(
    placed.flatMap(({ issue, path }) =>
      issue.code === 'unrecognized_keys' ? issue.keys.flatMap((key) => closest(key, allowedKeys(path, context)) ?? []).map((meant) => pathKey([...path, meant])) : [],
    ),
  );
  return placed.flatMap(({ issue, path }) => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(path, context);
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, allowed);
        const home = suggestion === '' ? context.homeOf?.(key) : undefined;
        const placed = home ? ` (${quoteName(key)} belongs ${home})` : suggestion;
        return context.locator.atKey([...path, key], `unknown key ${quoteName(key)}${placed}; allowed keys: ${listOf(allowed)}`);
      });
    }
    if (isMissing(issue) && misspelt.has(pathKey(path))) return [];
    return [context.locator.atValue(path, asWritten(issue, path, context.locator))];
  });
}

/**
 * The message as the customisers word it (`.inf is not a key count`), but naming a number as
 * it was written (`1e400`, `18446744073709551617`), which its value may not show.
 */
function asWritten(issue: Issue, path: Path, locator: Locator): string {
  if (typeof issue.input !== 'number') return issue.message;
  const shown = `${showValue(issue.input)} `;
  const written = locator.writtenText(path);
  return written !== undefined && issue.message.startsWith(shown) ? `${written} ${issue.message.slice(shown.length)}` : issue.message;
}

/** Each issue with its path from the scenario's root, a union's in the branch the user meant (the union's own when none). */
function placedIssues(issue: Issue, parentPath: Path): { issue: Issue; path: Path }[] {
  const path = [...parentPath, ...issue.path];
  if (issue.code === 'invalid_union') {
    const meant = intendedBranch(issue.errors);
    if (meant) return meant.flatMap((inner) => placedIssues(inner, path));
  }
  return [{ issue, path }];
}

/** The keys allowed in the map at `path`. */
function allowedKeys(path: Path, context: IssueContext): string[] {
  const relative = path.slice((context.basePath ?? []).length);
  return [...(context.extraKeys ?? []), ...allowedKeysAt(context.schema, relative)];
}

/** A required value not given (a union's, such as a duration's or a distribution's, too). */
function isMissing(issue: Issue): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined;
}

function pathKey(path: Path): string {
  return JSON.stringify(path.map(String));
}

/**
 * The branch the user evidently meant: the only one whose type matches the value (a map
 * for a `{exponential: ...}` distribution, a string for `250ms`). With none or several,
 * the union's own message (which lists every form) is the honest answer.
 */
function intendedBranch(branches: Issue[][]): Issue[] | undefined {
  const fitting = branches.filter((issues) => !rejectsType(issues));
  return fitting.length === 1 ? fitting[0] : undefined;
}

function rejectsType(issues: readonly Issue[]): boolean {
  return issues.some(
    (issue) =>
      issue.path.length === 0 &&
      (issue.code === 'invalid_type' || literalOfOtherType(issue) || (issue.code === 'invalid_union' && issue.errors.every(rejectsType))),
  );
}

/** A word branch (`none`, a preset name) is not the one meant for a value of another type (a map). */
function literalOfOtherType(issue: Issue): boolean {
  return issue.code === 'invalid_value' && issue.input !== undefined && issue.values.every((value) => typeof value !== typeof issue.input);
}

/** Keys of every object schema that can sit at `path` below `schema` (all branches of unions). */
export function allowedKeysAt(schema: z.ZodType, path: Path): string[] {
  const keys = schemasAt(schema, path).flatMap((candidate) => (candidate instanceof z.ZodObject ? Object.keys(candidate.shape) : []));
  return [...new Set(keys)];
}

/** Whether a list can sit at `path` below `schema`. */
export function listAllowedAt(schema: z.ZodType, path: Path): boolean {
  return schemasAt(schema, path).some((candidate) => candidate instanceof z.ZodArray || candidate instanceof z.ZodTuple);
}

/** Every schema that can sit at `path` below `schema` (all branches of unions). */
function schemasAt(schema: z.ZodType, path: Path): z.ZodType[] {
  let candidates = alternatives(schema);
  for (const segment of path) {
    candidates = candidates.flatMap((candidate) => {
      const child = childSchema(candidate, segment);
      return child ? alternatives(child) : [];
    });
  }
  return candidates;
}

function alternatives(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return alternatives(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(alternatives);
  return [schema];
}

function childSchema(schema: z.ZodType, segment: PropertyKey): z.ZodType | undefined {
  if (schema instanceof z.ZodObject) return schema.shape[String(segment)] as z.ZodType | undefined;
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  if (schema instanceof z.ZodTuple) return schema.def.items[Number(segment)] as z.ZodType | undefined;
  return undefined;
}
