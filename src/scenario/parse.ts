/**
 * YAML text -> document with source positions. Thin: syntax errors (and duplicate keys,
 * which the YAML library flags as errors) become problems; nothing is interpreted here.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit, type YAMLError } from 'yaml';
import type { Problem } from '../errors.js';
import { quoteName } from './wording.js';

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** A key given twice in a map: a problem, but the document is whole (the later value counts), so checking goes on. */
  duplicateKeys: Problem[];
}

export type ParseOutcome = { ok: true; parsed: ParsedYaml } | { ok: false; problems: Problem[] };

/**
 * `logLevel: 'error'` keeps the YAML library from printing warnings (collection keys,
 * unknown tags) to the process's stderr: whatever they hint at, validation reports.
 */
export function parseYaml(text: string, file: string): ParseOutcome {
  const lineCounter = new LineCounter();
  // A byte-order mark is no part of the scenario: left in, it would shift line 1's columns by one.
  // merge: `<<: *base` takes an anchored map's keys (the usual way to share settings between entries).
  // Lone carriage returns (old Mac line ends) end lines too, as every editor shows them; YAML would read one long line.
  const source = text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, logLevel: 'error', merge: true });
  const lines = source.split(/\r?\n/);
  const problemOf = (error: YAMLError): Problem => {
    const place = lineCounter.linePos(error.pos[0]);
    // The parser places an indentation mistake at the start of its line; elsewhere it is another one.
    const misaligned = place.col === 1 ? misalignedLine(error, lines, place.line) : undefined;
    return misaligned ? { file, line: place.line, col: misaligned.col, message: misaligned.message } : { file, ...place, message: syntaxMessage(error, doc) };
  };
  const duplicateKeys = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY').map(problemOf);
  const problems = firstOfEachLine(doc.errors.filter((error) => error.code !== 'DUPLICATE_KEY').map(problemOf));
  problems.push(...unresolvedAliases(doc, lineCounter, file), ...unknownTags(doc).map(problemOf), ...oddKeys(doc, lineCounter, file));
  for (const { offset, message } of extendedTypes(doc)) problems.push({ file, ...lineCounter.linePos(offset), message });
  return problems.length === 0 ? { ok: true, parsed: { doc, lineCounter, duplicateKeys } } : { ok: false, problems: [...duplicateKeys, ...problems] };
}

/**
 * A line the parser cannot place because of its indentation (`All mapping items must start at
 * the same column`, a key under a list item indented one space short): told at its first
 * character, with the indentation the keys above it have, which is what was most likely meant.
 */
function misalignedLine(error: YAMLError, lines: readonly string[], line: number): { col: number; message: string } | undefined {
  const misindented = error.code === 'BAD_INDENT' || (error.code === 'MISSING_CHAR' && error.message.startsWith('Sequence item without - indicator'));
  const text = lines[line - 1];
  if (!misindented || text === undefined) return undefined;
  const indent = text.length - text.trimStart().length;
  if (indent === 0) return undefined;
  // The keys of the map just above: after the `- ` of a list item, or where its line starts.
  let above = line - 2;
  while (above >= 0 && (lines[above].trim() === '' || lines[above].trimStart().startsWith('#'))) above--;
  if (above < 0) return undefined;
  const aboveKeys = /^(\s*)(-\s+)?/.exec(lines[above])?.[0].length ?? 0;
  if (aboveKeys === indent) return undefined;
  const spaces = (n: number) => `${n} ${n === 1 ? 'space' : 'spaces'}`;
  return {
    col: indent + 1,
    message: `indented ${spaces(indent)}, which lines up with no map above it: the keys on line ${above + 1} start after ${spaces(aboveKeys)}; allowed: ${spaces(aboveKeys)} to add this key to that map, or the indentation of a map further out`,
  };
}

/**
 * The parser, stumbling on one mistake, often trips again a character or two later (an
 * unclosed `[` inside `{`: the list, then the map, are not closed): one syntax error a line.
 */
function firstOfEachLine(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem, i) => problems.findIndex((other) => other.line === problem.line) === i);
}

/**
 * Aliases the YAML library accepts and only fails on when converting: `*x` without an `&x`
 * before it, and an alias inside the very value it names (`a: &a [*a]`), which has no end.
 */
function unresolvedAliases(doc: Document, lineCounter: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Alias(_, alias, ancestors) {
      const target = alias.resolve(doc);
      const name = quoteName(`*${alias.source}`);
      const anchor = quoteName(`&${alias.source}`);
      let message: string | undefined;
      if (target === undefined) message = `alias ${name} has no anchor ${anchor} before it`;
      else if (ancestors.includes(target)) message = `alias ${name} stands inside the value anchored ${anchor}, which would then contain itself without end; allowed: an alias of a value that ends before it`;
      if (message === undefined) return;
      problems.push({ file, ...lineCounter.linePos(alias.range?.[0] ?? 0), message });
    },
  });
  return problems;
}

/** Tags the YAML library does not know (`!weird 1s`) would otherwise be dropped without a word. */
export function unknownTags(doc: Document): YAMLError[] {
  return doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
}

function syntaxMessage(error: YAMLError, doc: Document): string {
  if (error.code === 'TAG_RESOLVE_FAILED') return tagMessage(error);
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyAt(doc, error.pos[0]);
    return `duplicate key${key === undefined ? '' : ` ${quoteName(key)}`}; each key may appear once in a map`;
  }
  if (error.code === 'TAB_AS_INDENT') return 'a tab in the indentation; allowed: spaces to indent (YAML takes no tabs there)';
  if (error.code === 'MULTIPLE_DOCS') return 'a second YAML document (after `---`); allowed: one scenario per file, each in a file of its own';
  if (error.message.includes('Maximum call stack size exceeded')) return 'nested too deeply to read; allowed: the few levels a scenario has';
  return `YAML syntax error: ${error.message.split('\n')[0]}`;
}

/**
 * Keys no scenario map can have, which the YAML library would otherwise turn into text
 * (`[ complex, key ]`, or `""` for `null:`) or fail on while converting (a merge of a
 * scalar): a list or map as a key, an empty key, and `<<:` with anything but maps.
 */
function oddKeys(doc: Document, lineCounter: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  const at = (node: Node | null, message: string) => problems.push({ file, ...lineCounter.linePos(node?.range?.[0] ?? 0), message });
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      // A merge key is a scalar whose value is a symbol (the YAML library's `<<`).
      if (isMap(key) || isSeq(key)) at(key, `a ${isMap(key) ? 'map' : 'list'} as a key; allowed: a plain name as each key`);
      else if (isScalar(key) && key.value === null) at(key.range ? key : (pair.value as Node | null), 'an empty key (`null`, `~` or nothing before the colon); allowed: a plain name as each key');
      else if (isScalar(key) && typeof key.value === 'symbol' && key.source === '<<' && !mergesMaps(pair.value as Node | null, doc)) {
        at(pair.value as Node | null, '`<<` merges maps into this one; allowed: an alias of a map (`<<: *base`), a map, or a list of them');
      }
    },
  });
  return problems;
}

/** Whether a merge's value is a map, an alias of one, or a list of those (an alias of nothing is told as such, not here). */
function mergesMaps(value: Node | null, doc: Document): boolean {
  const isMapLike = (node: unknown): boolean => isMap(node) || (isAlias(node) && (node.resolve(doc) === undefined || isMap(node.resolve(doc))));
  return isMapLike(value) || (isSeq(value) && value.items.every(isMapLike));
}

/**
 * YAML 1.1's extra types, which the YAML library builds: a set, an ordered map or pairs, a
 * timestamp, binary data. No scenario field takes one, and as plain data a set or an ordered
 * map would pass for an empty map (its contents silently gone).
 */
const EXTENDED_TYPES = new Set(['set', 'omap', 'pairs', 'timestamp', 'binary'].map((name) => `tag:yaml.org,2002:${name}`));

/** Each value of YAML 1.1's extra types in `doc`: where it starts, and what to say of it. */
export function extendedTypes(doc: Document): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  visit(doc, {
    Node(_, node) {
      if (node.tag === undefined || !EXTENDED_TYPES.has(node.tag)) return;
      const tag = `!!${node.tag.slice('tag:yaml.org,2002:'.length)}`;
      found.push({ offset: node.range?.[0] ?? 0, message: `${quoteName(tag)} makes a value no scenario field takes; allowed: the value without a tag (a plain map, list or scalar)` });
    },
  });
  return found;
}

/** What to say of a tag the YAML library could not resolve. */
export function tagMessage(error: YAMLError): string {
  const tag = /tag: (\S+)/.exec(error.message)?.[1];
  const core = tag?.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : undefined;
  if (core) return `${quoteName(core)} does not fit this value; allowed: the value without a tag`;
  return `unknown YAML tag${tag ? ` ${quoteName(tag)}` : ''}; allowed: plain values without tags`;
}

/** The scalar key starting at `offset`, to name it in the duplicate-key message. */
function keyAt(doc: Document, offset: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (isScalar(key) && key.range?.[0] === offset) {
        found = String(key.value);
        return visit.BREAK;
      }
    },
  });
  return found;
}
