/**
 * `--set path=value` overrides. They edit the YAML document before validation, so a value
 * set on the command line is checked exactly like one written in the file, and a problem
 * in it points back at the `--set` argument.
 */
import { type Alias, type Document, isMap, isScalar, isSeq, type Node, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { Problem } from '../errors.js';
import { childOf, SET_FILE, type SetOrigin } from './positions.js';
import { oneLine, quoteName, showValue } from './wording.js';
import { extendedTypes, tagMessage, unknownTags } from './parse.js';

export interface SetOverride extends SetOrigin {
  path: string[];
  /** Where each segment of the path starts in `text` (a key the override adds is told there, whichever value it came with). */
  segmentOffsets: number[];
  value: Node;
}

const SET_USAGE = 'expected path=value, e.g. --set cache.ttl=5s or --set regions.1.replica_lag=2s';

/** How a name with dots in it is one segment of a path. */
export const QUOTED_SEGMENT = '; a name with dots goes in double quotes: workload.read_regions."eu.west"=2';

/** A path as one text, each segment quoted only where it must be (a name with dots): one path, one text, however it was written. */
export function pathText(path: readonly string[]): string {
  return path.map((segment) => (segment.includes('.') ? `"${segment}"` : segment)).join('.');
}

/**
 * The segments of a path (`cache.ttl`, `regions.1.replica_lag`; a name with dots in double
 * quotes, `workload.read_regions."eu.west"`) and where each starts in `text` (spaces around
 * segments left out); undefined when a segment is empty or a quote is not closed where its segment ends.
 */
export function pathSegments(text: string): { path: string[]; offsets: number[] } | undefined {
  const end = text.trimEnd().length;
  let at = text.length - text.trimStart().length;
  const path: string[] = [];
  const offsets: number[] = [];
  // Spaces around a segment are no part of it (no name has any).
  const skipSpaces = () => {
    while (at < end && /\s/.test(text[at])) at++;
  };
  for (;;) {
    skipSpaces();
    offsets.push(at);
    let segment: string;
    if (text[at] === '"') {
      const close = text.indexOf('"', at + 1);
      if (close < 0 || close >= end) return undefined;
      segment = text.slice(at + 1, close);
      at = close + 1;
      skipSpaces();
    } else {
      const dot = text.indexOf('.', at);
      const stop = dot < 0 || dot > end ? end : dot;
      segment = text.slice(at, stop).trimEnd();
      at = stop;
    }
    if (segment === '') return undefined;
    path.push(segment);
    if (at >= end) return { path, offsets };
    if (text[at] !== '.') return undefined;
    at++;
  }
}

/**
 * `path=value` as given to `--set`, or with the option that gave it; `value` says where in
 * `text` the value lies when it is not all that follows the `=` (one value of a sweep's
 * `--param path=v1,v2`, whose positions are told in the argument as the user wrote it).
 */
export type SetArgument = string | { option: string; text: string; value?: readonly [number, number] };

/** Parses every override; problems for malformed ones (all reported together). */
export function parseSets(sets: readonly SetArgument[]): { overrides: SetOverride[]; problems: Problem[] } {
  const overrides: SetOverride[] = [];
  const problems: Problem[] = [];
  for (const set of sets) {
    const parsed = typeof set === 'string' ? parseSet(SET_FILE, set) : parseSet(set.option, set.text, set.value);
    if ('message' in parsed) problems.push(parsed);
    else overrides.push(parsed);
  }
  return { overrides, problems };
}

function parseSet(option: string, text: string, range?: readonly [number, number]): SetOverride | Problem {
  const equals = text.indexOf('=');
  if (equals < 0) return setProblem(option, text, `no \`=\`; ${SET_USAGE}`);
  const segments = pathSegments(text.slice(0, equals));
  if (!segments) return setProblem(option, text, `empty path or path segment, or an unclosed quote; ${SET_USAGE}${QUOTED_SEGMENT}`);
  const { path, offsets: segmentOffsets } = segments;
  const [valueOffset, valueEnd] = range ?? [equals + 1, text.length];
  const valueText = text.slice(valueOffset, valueEnd);
  const valueDoc = parseDocument(valueText, { prettyErrors: false, logLevel: 'error', merge: true });
  const [error] = valueDoc.errors;
  if (error) return setProblem(option, text, `YAML syntax error in the value: ${error.message.split('\n')[0]}${quoteHint(option, text.slice(0, equals), valueText)}`, valueOffset + error.pos[0]);
  const [tag] = unknownTags(valueDoc);
  if (tag) return setProblem(option, text, tagMessage(tag), valueOffset + tag.pos[0]);
  const [extended] = extendedTypes(valueDoc);
  if (extended) return setProblem(option, text, extended.message, valueOffset + extended.offset);
  const alias = firstAlias(valueDoc);
  if (alias) return setProblem(option, text, `an alias (${quoteName(`*${alias.source}`)}) cannot reach the scenario's anchors; allowed: the value written out`, valueOffset + (alias.range?.[0] ?? 0));
  return { option, text, valueOffset, path, segmentOffsets, value: (valueDoc.contents as Node | null) ?? new Scalar(null) };
}

/** The first alias in a --set value: the value is parsed alone, so none can resolve. */
function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, alias) {
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

/** A value starting with a YAML indicator (`>= 0.9` reads as a folded block) wants quotes. */
function quoteHint(option: string, path: string, value: string): string {
  return /^\s*[>|&*!%@`]/.test(value) ? `; allowed: the value in quotes, ${option} '${path}="${value.trim()}"'` : '';
}

function setProblem(option: string, text: string, message: string, offset = 0): Problem {
  return { file: option, line: 1, col: offset + 1, message: `${option} ${oneLine(text)}: ${message}` };
}

/**
 * Puts each override's value into `doc`, creating missing maps (or lists, before an index) on the way, and records which
 * nodes each override brought in (for positions). Lists are indexed by number; an index
 * equal to the length appends. Later overrides win over earlier ones.
 */
export function applySets(
  doc: Document,
  overrides: readonly SetOverride[],
  /** Whether the scenario allows a list at a path. */
  listAt: (path: string[]) => boolean,
): { origins: Map<Node, SetOrigin>; problems: Problem[] } {
  const origins = new Map<Node, SetOrigin>();
  const problems: Problem[] = [];
  for (const override of overrides) {
    const problem = applySet(doc, override, origins, listAt);
    if (problem) problems.push(problem);
  }
  return { origins, problems };
}

function applySet(doc: Document, override: SetOverride, origins: Map<Node, SetOrigin>, listAt: (path: string[]) => boolean): Problem | undefined {
  const origin: SetOrigin = { option: override.option, text: override.text, valueOffset: override.valueOffset };
  const fresh = () => remember(new YAMLMap(), origin, origins);
  if (isAbsent(doc.contents)) doc.contents = fresh() as typeof doc.contents;
  let parent = doc.contents as Node;
  for (const [i, segment] of override.path.entries()) {
    const problem = cannotFollow(parent, override.path, i);
    if (problem) return setProblem(override.option, override.text, problem);
    if (i === override.path.length - 1) {
      put(parent, segment, remember(override.value, origin, origins), { ...origin, valueOffset: override.segmentOffsets[i] }, origins);
      break;
    }
    const existing = childOf(parent, segment)?.node ?? null;
    // A missing list is started by an index after it (`faults.0=…`) where the scenario allows a
    // list; anything else missing is a map (weights and expectations are keyed by names, which may be digits).
    const startsList = /^\d+$/.test(override.path[i + 1]) && listAt(override.path.slice(0, i + 1));
    // A new item of an existing list, made to hold what follows: told as such if it then lacks what an item needs.
    const added = isSeq(parent) && parent.items.length > 0 && isAbsent(existing) ? { item: override.path.slice(0, i + 1).join('.'), listLength: parent.items.length } : undefined;
    const missing = () => (startsList ? remember(new YAMLSeq(), origin, origins) : added ? remember(new YAMLMap(), { ...origin, added }, origins) : fresh());
    // A scalar in the middle of the path is kept, and reported by cannotFollow on the next step.
    parent = isAbsent(existing) ? put(parent, segment, missing(), { ...origin, valueOffset: override.segmentOffsets[i] }, origins) : (existing as Node);
  }
  return undefined;
}

/** Why `path[i]` cannot be followed from `parent`, if it cannot. */
function cannotFollow(parent: Node, path: string[], i: number): string | undefined {
  const where = i === 0 ? 'the scenario' : `\`${path.slice(0, i).join('.')}\``;
  if (isMap(parent)) return undefined;
  if (isSeq(parent)) {
    const count = parent.items.length;
    const valid = /^\d+$/.test(path[i]) && Number(path[i]) <= count;
    return valid ? undefined : `${where} is a list of ${count}; allowed: an index from 0 to ${count} (${count} appends)`;
  }
  return `${where} is ${showValue(isScalar(parent) ? parent.value : parent)}, not a map or a list, so it has no \`${path[i]}\``;
}

/** Sets `parent[segment] = child`, replacing an existing value or adding a key (told at `keyOrigin`) or list item. */
function put(parent: Node, segment: string, child: Node, keyOrigin: SetOrigin, origins: Map<Node, SetOrigin>): Node {
  if (isSeq(parent)) {
    parent.items[Number(segment)] = child;
    return child;
  }
  const map = parent as YAMLMap<unknown, unknown>;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
  if (pair) pair.value = child;
  else map.items.push(new Pair(remember(new Scalar(segment), keyOrigin, origins), child));
  return child;
}

function remember<T extends Node>(node: T, origin: SetOrigin, origins: Map<Node, SetOrigin>): T {
  origins.set(node, origin);
  return node;
}

/** No value, or a blank one (`cache:`): a `--set` below it starts a fresh map. */
function isAbsent(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}
