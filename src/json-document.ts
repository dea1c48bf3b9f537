/**
 * Reading a JSON document the CLI takes back in (a sweep shard for `merge`, a sweep's results
 * for `compare`): parse, recognise, check its shape — every problem at its place in the file,
 * as for scenarios (JSON is YAML, so the YAML parser gives the positions).
 */
import { LineCounter, type Node } from 'yaml';
import type { z } from 'zod';
import { type Problem, wholeFileProblem } from './errors.js';
import { parseYaml } from './scenario/parse.js';
import { Locator } from './scenario/positions.js';
import { issuesToProblems } from './scenario/zod-problems.js';

export interface JsonFile {
  file: string;
  text: string;
}

export interface JsonDocumentKind {
  /** Why a parsed value is not the kind of document expected at all (before its shape is checked), or undefined when it is. */
  rejects: (value: unknown) => string | undefined;
  /** What the command takes, added to a complaint about the JSON itself. */
  whatTakes: string;
}

/** The document, checked against `schema`, with positions in its file; undefined (and `problems` added to) when it is not one. */
export function readJsonDocument<T extends z.ZodType>(
  { file, text: written }: JsonFile,
  schema: T,
  problems: Problem[],
  kind: JsonDocumentKind,
): { doc: z.output<T>; at: () => Locator } | undefined {
  // A byte order mark (a document saved by a Windows editor) is no part of the JSON, as for scenarios.
  const text = written.startsWith('\uFEFF') ? written.slice(1) : written;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problems.push(notJson(file, text, error, kind.whatTakes));
    return undefined;
  }
  const rejected = kind.rejects(value);
  if (rejected !== undefined) {
    problems.push(wholeFileProblem(file, rejected));
    return undefined;
  }
  const at = lazyLocator(file, text);
  const result = schema.safeParse(value, { jitless: true, error: documentIssueMessage });
  if (!result.success) {
    problems.push(...issuesToProblems(result.error.issues, { schema, locator: at() }));
    return undefined;
  }
  return { doc: result.data, at };
}

/**
 * What is wrong with a value in a document cache-sim wrote itself, in the words of scenario
 * problems (what is there, what belongs there): such a file was edited, cut short, or
 * written by another version.
 */
function documentIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const found = issue.input === undefined ? 'missing' : `${JSON.stringify(issue.input)} found`;
  const edited = 'not as cache-sim writes it';
  switch (issue.code) {
    case 'invalid_type':
      return `${found}; expected ${issue.expected === 'int' ? 'a whole number' : `a value of type ${issue.expected}`} (${edited})`;
    case 'invalid_value':
      return `${found}; expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')} (${edited})`;
    case 'too_small':
      return `${found}; expected at least ${String(issue.minimum)} (${edited})`;
    default:
      return undefined;
  }
}

/** Positions in a JSON text, from the YAML parser (JSON is YAML), made on first use; everything at 1:1 in the odd case it disagrees. */
function lazyLocator(file: string, text: string): () => Locator {
  let locator: Locator | undefined;
  return () => {
    if (!locator) {
      const parsed = parseYaml(text, file);
      locator = parsed.ok
        ? new Locator(file, parsed.parsed.doc.contents as Node | null, parsed.parsed.lineCounter, new Map())
        : new Locator(file, null, new LineCounter(), new Map());
    }
    return locator;
  };
}

/** JSON.parse's complaint, at the place it names (or where the YAML parser stumbles, when it names none). */
function notJson(file: string, text: string, error: unknown, whatTakes: string): Problem {
  // An empty file (a command whose output went nowhere) is that, not an unexpected end.
  if (text.trim() === '') return { file, line: 1, col: 1, message: `an empty file, not a JSON document; ${whatTakes}` };
  const message = error instanceof Error ? error.message : String(error);
  const named = /at position (\d+)/.exec(message);
  const parsed = named ? undefined : parseYaml(text, file);
  const place = named ? lineCol(text, Number(named[1])) : parsed && !parsed.ok ? parsed.problems[0] : { line: 1, col: 1 };
  // JSON.parse quotes the text around the mistake, newlines and all: the message stays one line without it.
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '').replace(/\s*\n\s*/g, ' ');
  return { file, line: place.line, col: place.col, message: `not valid JSON: ${reason}; ${whatTakes}` };
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter.linePos(offset);
}

