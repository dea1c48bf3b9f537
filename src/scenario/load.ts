/**
 * The scenario pipeline, read top to bottom: text -> YAML document (+ `--set` overrides)
 * -> written scenario checked by the schema -> cross-field rules -> normalised Scenario.
 * Each stage reports every problem it finds; a stage runs only on what the previous one
 * accepted, so no message is a consequence of another. Bad input of any kind ends in one
 * InputError carrying all problems, sorted by position.
 */
import { readFileSync } from 'node:fs';
import type { Document, Node } from 'yaml';
import { InputError, type Problem, wholeFileProblem } from '../errors.js';
import { fileProblem } from '../util/file-errors.js';
import { normalise } from './normalise.js';
import { applySets, parseSets, type SetArgument } from './overrides.js';
import { parseYaml } from './parse.js';
import { isOptionFile, Locator } from './positions.js';
import { checkRules } from './rules.js';
import type { Scenario } from './types.js';
import { scenarioSchema, type WrittenScenario } from './written-schema.js';
import { issuesToProblems } from './zod-problems.js';

/** A scenario from YAML text; `file` names it in problems. */
export function loadScenarioText(text: string, file: string, sets: readonly SetArgument[] = []): Scenario {
  const { overrides, problems: setProblems } = parseSets(sets);
  const parsed = parseYaml(text, file);
  if (!parsed.ok || setProblems.length > 0) fail([...(parsed.ok ? [] : parsed.problems), ...setProblems]);
  const { doc, lineCounter } = parsed.parsed;
  const { origins, problems: placementProblems } = applySets(doc, overrides);
  if (placementProblems.length > 0) fail(placementProblems);
  const locator = new Locator(file, doc.contents as Node | null, lineCounter, origins);
  const written = validate(plainValue(doc, file), locator);
  const ruleProblems = checkRules(written, locator);
  if (ruleProblems.length > 0) fail(ruleProblems);
  return normalise(written, locator);
}

/** A scenario from a file; an unreadable file is a problem like any other (exit 2, no stack). */
export function loadScenarioFile(path: string, sets: readonly SetArgument[] = []): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError([wholeFileProblem(path, fileProblem(path, 'read', error))]);
  }
  return loadScenarioText(text, path, sets);
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

function validate(value: unknown, locator: Locator): WrittenScenario {
  // jitless: zod would otherwise generate and compile a parser for this one-off parse, which costs more than it saves.
  const result = scenarioSchema.safeParse(value, { reportInput: true, jitless: true });
  if (result.success) return result.data;
  return fail(issuesToProblems(result.error.issues, { schema: scenarioSchema, locator }));
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
