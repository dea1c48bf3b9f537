/**
 * The scenario pipeline, read top to bottom: text -> YAML document (+ `--set` overrides)
 * -> written scenario checked by the schema -> cross-field rules -> normalised Scenario.
 * Each stage reports every problem it finds. A later stage runs on what the previous one
 * accepted, and on the rest where a problem can be stepped over (a duplicate or unknown key,
 * a wrong value that has a default), but never reports what it read of a wrong value, so no
 * message is a consequence of another.
 * Bad input of any kind ends in one InputError carrying all problems, sorted by position.
 */
import { readFileSync } from 'node:fs';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';
import { InputError, type Problem, wholeFileProblem } from '../errors.js';
import { fileProblem } from '../util/file-errors.js';
import { normalise } from './normalise.js';
import { applySets, parseSets, type SetArgument } from './overrides.js';
import { parseYaml } from './parse.js';
import { isOptionFile, isWithin, Locator, type Path, type Renumbering, samePath } from './positions.js';
import { checkRules } from './rules.js';
import type { Scenario } from './types.js';
import { scenarioSchema, type WrittenScenario } from './written-schema.js';
import { closest } from './suggest.js';
import { allowedKeysAt, issuesToProblems, listAllowedAt } from './zod-problems.js';
import { sectionHoldingKey } from './key-homes.js';

/** A scenario from YAML text; `file` names it in problems. */
export function loadScenarioText(text: string, file: string, sets: readonly SetArgument[] = []): Scenario {
  const { overrides, problems: setProblems } = parseSets(sets);
  const parsed = parseYaml(text, file);
  if (!parsed.ok || setProblems.length > 0) fail([...(parsed.ok ? [] : parsed.problems), ...setProblems]);
  const { doc, lineCounter, duplicateKeys } = parsed.parsed;
  const { origins, problems: placementProblems } = applySets(doc, overrides, (path) => listAllowedAt(scenarioSchema, path));
  if (placementProblems.length > 0) fail([...duplicateKeys, ...placementProblems]);
  const locator = new Locator(file, doc.contents as Node | null, lineCounter, origins);
  // Problems the schema can step over (unknown keys, wrong values with a default) let the rules run too: all are reported at once.
  const value = plainValue(doc, file);
  const tooLong = listsTooLong(value, locator);
  if (tooLong.length > 0) fail([...duplicateKeys, ...tooLong]);
  const { written, schemaProblems, defaulted, renumbered } = validate(value, locator, duplicateKeys);
  // Rules judging each item of a list on its own still run where items were taken out, told at the items as written.
  const itemsOutOf = [...renumbered.keys()].map((list) => JSON.parse(list) as Path);
  const problems = [...duplicateKeys, ...schemaProblems, ...checkRules(written, locator.renumbered(renumbered), defaulted, itemsOutOf)];
  if (problems.length > 0) fail(problems);
  return normalise(written, locator);
}

/** A scenario from a file; an unreadable file is a problem like any other (exit 2, no stack). */
export function loadScenarioFile(path: string, sets: readonly SetArgument[] = []): Scenario {
  return loadScenarioText(readScenarioText(path), path, sets);
}

/**
 * The longest list a scenario may hold (an empirical distribution's samples): checking each
 * of millions of items, and telling each wrong one, would take minutes, or overflow the stack.
 */
export const MOST_LIST_ITEMS = 100_000;

/** Every list in `value` longer than MOST_LIST_ITEMS, told at its place (the schema does not look at them). */
function listsTooLong(value: unknown, at: Locator, path: Path = []): Problem[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value) && value.length > MOST_LIST_ITEMS) {
    return [at.atValue(path, `a list of ${value.length} items; allowed: at most ${MOST_LIST_ITEMS} (an empirical distribution's samples: a sample of them draws the same)`)];
  }
  return Object.entries(value).flatMap(([key, child]) => listsTooLong(child, at, [...path, Array.isArray(value) ? Number(key) : key]));
}

/**
 * Scenarios are a few kB (an empirical distribution of 100,000 samples, about 1 MB); a file
 * far larger is the wrong file, and parsing it would take seconds and gigabytes.
 */
export const MOST_SCENARIO_BYTES = 8 * 1024 * 1024;

/** The text of a scenario file, to load it more than once (a sweep's points) while reading it once (/dev/stdin reads once). */
export function readScenarioText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError([wholeFileProblem(path, fileProblem(path, 'read', error))]);
  }
  if (bytes.length > MOST_SCENARIO_BYTES) {
    const size = (Math.ceil((bytes.length / 1024 / 1024) * 10) / 10).toFixed(1); // up: never "8.0 MiB" over 8 MiB
    throw new InputError([wholeFileProblem(path, `a file of ${size} MiB is no scenario (is it the right file?); allowed: at most ${MOST_SCENARIO_BYTES / 1024 / 1024} MiB`)]);
  }
  return utf8Text(bytes, path);
}

/** The file's text; bytes that are not UTF-8 (a file saved as Latin-1) are a problem at the first of them, not silently replaced. */
function utf8Text(bytes: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = bytes.toString('utf8');
    const before = text.slice(0, text.indexOf('\uFFFD'));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    return fail([{ file: path, line, col, message: 'not UTF-8 text (a byte no UTF-8 character has); allowed: a file saved as UTF-8' }]);
  }
}

/**
 * The document as plain data. The YAML library throws here, not while parsing, for an
 * alias explosion ("billion laughs": more than 100 aliased nodes).
 */
function plainValue(doc: Document, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([wholeFileProblem(file, `YAML error: ${reason}`)]);
  }
}

/**
 * The written scenario, checked by the schema, with the problems found. Where they allow it,
 * the later stages still run on the rest: an unknown key (a misspelt key has no effect) is
 * dropped; a wrong value in a map is taken out, so that the field falls back to its default;
 * a wrong item is taken out of its list, which puts the whole list out of play (the items
 * after it move up) for the rules but those judging each item on its own, told at the items
 * as written (`renumbered`), except for a misformed name (see `Taken`). When what is left is still
 * invalid (a required field went, a map emptied of its one misspelt key), the field that stays wrong is taken out, then the list
 * item holding it, for a few rounds. What fell back or went out of play is `defaulted`, for
 * the rules to leave alone what read it. Only the first check's problems are reported (the
 * later ones follow from what was taken out); when nothing more can go, it stops here with
 * `earlier` problems, for a rule run on the rest could blame their effects.
 */
function validate(
  value: unknown,
  locator: Locator,
  earlier: readonly Problem[],
): { written: WrittenScenario; schemaProblems: Problem[]; defaulted: Path[]; renumbered: Renumbering } {
  const proto = protoKeys(value);
  removeProtoKeys(value, proto);
  const protoProblems = proto.map((path) => locator.atKey(path, '`__proto__` is not a key a scenario can have; allowed: the keys and names each map takes'));
  const first = parse(value);
  if (first.success) return { written: first.data, schemaProblems: protoProblems, defaulted: proto, renumbered: new Map() };
  const problems = [...protoProblems, ...issuesToProblems(first.error.issues, { schema: scenarioSchema, locator, homeOf: sectionHoldingKey })];
  const taken: Taken = { defaulted: [...proto], removed: new Set<string>(), misformedNames: [], renumbered: new Map() };
  let issues = first.error.issues;
  for (let round = 0; round < MOST_ROUNDS && takeOut(value, issues, taken); round++) {
    const check = parse(value);
    if (check.success) {
      for (const { path, written } of taken.misformedNames) setAt(check.data, path, written);
      return { written: check.data, schemaProblems: problems, defaulted: taken.defaulted, renumbered: taken.renumbered };
    }
    issues = check.error.issues;
  }
  return fail([...earlier, ...problems]);
}

/**
 * Every `__proto__` key in `value`: the YAML library keeps it as an own key, but zod skips it in
 * maps of names (`expect:`, weights), where it would otherwise vanish without a word.
 */
function protoKeys(value: unknown, path: Path = []): Path[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = [...path, Array.isArray(value) ? Number(key) : key];
    return key === '__proto__' ? [here] : protoKeys(child, here);
  });
}

function removeProtoKeys(value: unknown, paths: readonly Path[]): void {
  for (const path of paths) removeKeys(value, path.slice(0, -1), ['__proto__']);
}

/**
 * Values for the required fields without a default, put in once a wrong one is taken out, so
 * the rules run on the rest: the field stays among what is `defaulted`, so no rule reading
 * it is heard.
 */
const STAND_INS = new Map<string, unknown>([
  [JSON.stringify(['name']), 'scenario'],
  [JSON.stringify(['duration']), 60_000],
  [JSON.stringify(['workload']), { keys: 1, reads_per_second: 0 }],
  [JSON.stringify(['workload', 'keys']), 1],
  [JSON.stringify(['workload', 'reads_per_second']), 0],
]);

/**
 * What validation took out or stood in for: `defaulted` paths (see `validate`), fields taken
 * out once, and names of regions or strategies written in a form the schema does not take.
 * Such a name is passed with a stand-in and put back as written before the rules, which read
 * names only to match them: it still names its item, so the list stays in play (a duplicate
 * name or an unknown one elsewhere is reported with it) and what refers to it is not unknown.
 */
interface Taken {
  defaulted: Path[];
  /** Lists (not inside another list) that items were taken out of: the index each item left had as written. */
  renumbered: Map<string, number[]>;
  removed: Set<string>;
  misformedNames: { path: Path; written: string }[];
}

const NAMED_LISTS: ReadonlySet<unknown> = new Set(['regions', 'strategies']);
/** Passes the schema's name pattern; never seen by a rule (the written name is put back). */
const NAME_STAND_IN = 'misformed-name';

function isListedName(path: readonly PropertyKey[]): boolean {
  return path.length === 3 && NAMED_LISTS.has(path[0]) && typeof path[1] === 'number' && path[2] === 'name';
}

/** Rounds of taking out what stays wrong: a field, then the item holding it, and one to spare. */
const MOST_ROUNDS = 3;

/**
 * Takes out of `value` what `issues` point at; false when one cannot go (the document's root).
 * A field is taken out once; if it is still wrong after that (it is required), the list item
 * holding it goes instead.
 */
function takeOut(value: unknown, issues: readonly z.core.$ZodIssue[], taken: Taken): boolean {
  const items = new Map<string, Path>();
  const thisRound = new Set<string>();
  for (const issue of issues) {
    const last = issue.path.at(-1);
    const fieldKey = JSON.stringify(issue.path);
    // A value can have several problems: it goes once.
    if (thisRound.has(fieldKey)) continue;
    const written = valueAt(value, issue.path);
    if (issue.code === 'invalid_format' && isListedName(issue.path) && typeof written === 'string' && written !== '__proto__') {
      setAt(value, issue.path, NAME_STAND_IN);
      taken.misformedNames.push({ path: issue.path, written });
      thisRound.add(fieldKey);
    } else if (issue.code === 'unrecognized_keys') {
      removeKeys(value, issue.path, issue.keys);
      // A misspelt key stands for the one meant, now at its default: what reads that is not heard either.
      const allowed = allowedKeysAt(scenarioSchema, issue.path);
      for (const key of issue.keys) {
        const meant = closest(key, allowed);
        if (meant !== undefined) taken.defaulted.push([...issue.path, meant]);
      }
    } else if (typeof last === 'string' && !taken.removed.has(fieldKey)) {
      removeKeys(value, issue.path.slice(0, -1), [last]);
      taken.removed.add(fieldKey);
      thisRound.add(fieldKey);
      taken.defaulted.push(issue.path);
    } else if (typeof last === 'string' && STAND_INS.has(fieldKey) && !thisRound.has(fieldKey)) {
      // A required field taken out has no default: a stand-in lets the rules that do not read it run.
      setAt(value, issue.path, STAND_INS.get(fieldKey));
      thisRound.add(fieldKey);
    } else {
      const item = itemHolding(issue.path);
      if (item === undefined) return false;
      items.set(JSON.stringify(item), item);
    }
  }
  // Items inside another item going go with it; the rest, list by list, in one pass over each
  // (a list of thousands of wrong samples stays linear).
  const insideAnother = (item: Path) => item.some((step, i) => i < item.length - 1 && typeof step === 'number' && items.has(JSON.stringify(item.slice(0, i + 1))));
  const byList = new Map<string, { listPath: Path; indices: Set<number> }>();
  for (const item of items.values()) {
    if (insideAnother(item)) continue;
    const listPath = item.slice(0, -1);
    const key = JSON.stringify(listPath);
    const entry = byList.get(key) ?? { listPath, indices: new Set<number>() };
    entry.indices.add(item.at(-1) as number);
    byList.set(key, entry);
  }
  // Deepest lists first: taking items out of an outer list moves the paths of the lists inside its later items.
  for (const [key, { listPath, indices }] of [...byList].sort(([, a], [, b]) => b.listPath.length - a.listPath.length)) {
    const list = valueAt(value, listPath);
    if (!Array.isArray(list)) continue;
    const kept = (_: unknown, i: number) => !indices.has(i);
    if (listPath.some((step) => typeof step === 'number')) {
      if (!taken.defaulted.some((path) => samePath(path, listPath))) taken.defaulted.push(listPath);
    } else {
      taken.renumbered.set(key, (taken.renumbered.get(key) ?? list.map((_, i) => i)).filter(kept));
    }
    setAt(value, listPath, list.filter(kept));
    forgetItems(taken, listPath, indices);
  }
  return true;
}

/** What was taken from inside items that went is gone with them; the items after them moved up, and so do their paths. */
function forgetItems(taken: Taken, listPath: Path, indices: ReadonlySet<number>): void {
  const gone = [...indices].sort((a, b) => a - b);
  const goneBefore = (at: number) => {
    let low = 0;
    for (let high = gone.length; low < high; ) {
      const middle = (low + high) >> 1;
      if (gone[middle] < at) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const moved = (path: Path): Path | null => {
    const at = path[listPath.length];
    if (!isWithin(path, listPath) || typeof at !== 'number') return path;
    if (indices.has(at)) return null;
    return [...listPath, at - goneBefore(at), ...path.slice(listPath.length + 1)];
  };
  const keep = <T>(things: readonly T[], pathOf: (thing: T) => Path, withPath: (thing: T, path: Path) => T): T[] =>
    things.flatMap((thing) => {
      const path = moved(pathOf(thing));
      return path ? [withPath(thing, path)] : [];
    });
  taken.defaulted = keep(taken.defaulted, (path) => path, (_, path) => path);
  taken.removed = new Set(keep([...taken.removed], (key) => JSON.parse(key) as Path, (_, path) => JSON.stringify(path)));
  taken.misformedNames = keep(taken.misformedNames, (name) => name.path, (name, path) => ({ ...name, path }));
}

/** The path of the innermost list item `path` goes through, or undefined. */
function itemHolding(path: Path): Path | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return path.slice(0, i + 1);
  return undefined;
}

function parse(value: unknown) {
  // jitless: zod would otherwise generate and compile a parser for this one-off parse, which costs more than it saves.
  return scenarioSchema.safeParse(value, { reportInput: true, jitless: true });
}

/** Delete `keys` from the map at `path` in plain data (the document's own copy, made for this load). */
function removeKeys(value: unknown, path: Path, keys: readonly string[]): void {
  const node = valueAt(value, path);
  if (node && typeof node === 'object') for (const key of keys) delete (node as Record<string, unknown>)[key];
}

function setAt(value: unknown, path: Path, to: unknown): void {
  const parent = valueAt(value, path.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<PropertyKey, unknown>)[path.at(-1) as PropertyKey] = to;
}

function valueAt(value: unknown, path: Path): unknown {
  let node = value as Record<PropertyKey, unknown> | undefined;
  for (const step of path) node = node?.[step] as Record<PropertyKey, unknown> | undefined;
  return node;
}

function fail(problems: Problem[]): never {
  throw new InputError(sortByPosition(problems));
}

/** File order, then `--set` arguments; duplicates (one mistake seen twice) once. */
function sortByPosition(problems: readonly Problem[]): Problem[] {
  const unique = [...new Map(problems.map((p) => [`${p.file}:${p.line}:${p.col}: ${p.message}`, p])).values()];
  const rank = (p: Problem) => (isOptionFile(p.file) ? 1 : 0);
  return unique.sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.col - b.col);
}
