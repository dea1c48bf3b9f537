/**
 * Paths (as in zod issues: `['bus', 'loss']`) -> `FILE:LINE:COL`. Every later stage reports
 * through a Locator, so every problem points at what the user wrote: the value itself, its
 * key when the value is blank or the key is the mistake, or the nearest enclosing node
 * when the value is missing. Nodes put in by `--set` point into that `--set` argument.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import type { SourcePosition } from './types.js';
import { oneLine, pathText } from './wording.js';

export type Path = readonly PropertyKey[];

/** Whether `path` is `prefix` or lies inside it. */
export function isWithin(path: Path, prefix: Path): boolean {
  return path.length >= prefix.length && prefix.every((step, i) => step === path[i]);
}

export function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && isWithin(a, b);
}

/** Where a node inserted by `--set path=value` came from; its ranges are offsets into `value`. */
export interface SetOrigin {
  /** The option that gave it: `--set`, or a sweep's `--param` (one of its values). */
  option: string;
  /** The whole argument, `path=value`. */
  text: string;
  /** Offset of `value` inside `text`. */
  valueOffset: number;
  /** When the option added a list item to hold its value (`regions.2.replica_lag=…` on two regions): the item's path and the list's length before. */
  added?: { item: string; listLength: number };
}

export const SET_FILE = '--set';

/** Problems in command-line values name the option as their file (`--set:1:12: …`). */
export function isOptionFile(file: string): boolean {
  return file.startsWith('--');
}

/** One step of a walk down the document: the node reached and the key that led to it. */
interface Step {
  node: Node | null;
  nodeOrigin: SetOrigin | undefined;
  key: Node | null;
  keyOrigin: SetOrigin | undefined;
}

/** Per list (by its path as JSON) that items were taken out of: for each item left, its index as written. */
export type Renumbering = ReadonlyMap<string, readonly number[]>;

export class Locator {
  constructor(
    readonly file: string,
    private readonly contents: Node | null,
    private readonly lineCounter: LineCounter,
    private readonly origins: ReadonlyMap<Node, SetOrigin>,
    private readonly renumbering: Renumbering = new Map(),
  ) {}

  /** This locator for paths into the scenario with items taken out of lists: each is told at its item as written. */
  renumbered(renumbering: Renumbering): Locator {
    return renumbering.size === 0 ? this : new Locator(this.file, this.contents, this.lineCounter, this.origins, renumbering);
  }

  /** This locator for the list at `listPath` keeping only the items `kept` (their indices here, in order). */
  keeping(listPath: Path, kept: readonly number[]): Locator {
    const key = JSON.stringify(listPath);
    const here = this.renumbering.get(key);
    const renumbering = new Map(this.renumbering);
    renumbering.set(key, kept.map((i) => (here ? here[i] : i)));
    return new Locator(this.file, this.contents, this.lineCounter, this.origins, renumbering);
  }

  /** A problem about the value at `path`, or about its nearest enclosing node when it is missing. */
  atValue(path: Path, message: string): Problem {
    const written = this.asWritten(path);
    return this.problem(this.valuePlace(written), written, message);
  }

  /** A problem about the key that ends `path` (an unknown key, an unknown region name used as a key). */
  atKey(given: Path, message: string): Problem {
    const path = this.asWritten(given);
    const steps = this.walk(path);
    const last = steps[steps.length - 1];
    const place = steps.length === path.length + 1 && last.key ? this.place(last.key, last.keyOrigin) : this.valuePlace(path);
    return this.problem(place, path.slice(0, -1), message);
  }

  /** Where the value at `path` was written, for positions carried into the Scenario. */
  position(path: Path): SourcePosition {
    const { file, line, col } = this.valuePlace(this.asWritten(path));
    return { file, line, col };
  }

  /** Whether the value at `path` was given by an option (`--set`, a sweep's `--param`) rather than the file. */
  fromOption(path: Path): boolean {
    return this.valuePlace(this.asWritten(path)).origin !== undefined;
  }

  /** The text a scalar at `path` was written as (`1e400`, `0x1F`), which its value may not show. */
  writtenText(path: Path): string | undefined {
    const steps = this.walk(this.asWritten(path));
    const last = steps[steps.length - 1];
    return steps.length === path.length + 1 && isScalar(last.node) ? last.node.source : undefined;
  }

  /** `path` with the index of an item in a list that items were taken out of as it was written. */
  private asWritten(path: Path): Path {
    for (const [list, written] of this.renumbering) {
      const listPath = JSON.parse(list) as Path;
      const index = path[listPath.length];
      if (typeof index === 'number' && isWithin(path, listPath)) return [...listPath, written[index], ...path.slice(listPath.length + 1)];
    }
    return path;
  }

  private problem(place: Place, path: Path, message: string): Problem {
    const prefix = path.length === 0 ? '' : `${pathText(path)}: `;
    const added = place.origin?.added;
    const list = added?.item.slice(0, added.item.lastIndexOf('.'));
    const adding = added ? `; it adds ${added.item} to a list of ${added.listLength}, whose items are ${list}.0${added.listLength > 1 ? ` to ${list}.${added.listLength - 1}` : ''}` : '';
    const note = place.origin ? ` (from ${place.origin.option} ${oneLine(place.origin.text)}${adding})` : '';
    return { file: place.file, line: place.line, col: place.col, message: `${prefix}${message}${note}` };
  }

  /**
   * The value itself when it is there and not blank; otherwise its key; otherwise, going up,
   * the nearest enclosing key or node that was written somewhere.
   */
  private valuePlace(path: Path): Place {
    const steps = this.walk(path);
    const [last, ...enclosing] = steps.reverse();
    const valueFirst = steps.length === path.length + 1 && !isBlank(last.node);
    const candidates = [
      ...(valueFirst ? [valueOf(last), keyOf(last)] : [keyOf(last), valueOf(last)]),
      ...enclosing.flatMap((step) => [keyOf(step), valueOf(step)]),
    ];
    const written = candidates.find(({ node, origin }) => node && (node.range || origin));
    return written?.node ? this.place(written.node, written.origin) : { file: this.file, line: 1, col: 1 };
  }

  private place(node: Node, origin: SetOrigin | undefined): Place {
    if (origin) return { ...positionInText(origin.text, origin.valueOffset + (node.range?.[0] ?? 0)), file: origin.option, origin };
    const { line, col } = this.lineCounter.linePos(node.range?.[0] ?? 0);
    return { file: this.file, line, col };
  }

  private walk(path: Path): Step[] {
    const rootOrigin = this.contents ? this.origins.get(this.contents) : undefined;
    const steps: Step[] = [{ node: this.contents, nodeOrigin: rootOrigin, key: null, keyOrigin: undefined }];
    for (const segment of path) {
      const parent = steps[steps.length - 1];
      const next = childOf(parent.node, segment);
      if (!next) break;
      steps.push({
        node: next.node,
        nodeOrigin: (next.node && this.origins.get(next.node)) ?? parent.nodeOrigin,
        key: next.key,
        keyOrigin: (next.key && this.origins.get(next.key)) ?? parent.nodeOrigin,
      });
    }
    return steps;
  }
}

interface Place extends SourcePosition {
  origin?: SetOrigin;
}

const valueOf = (step: Step) => ({ node: step.node, origin: step.nodeOrigin });
const keyOf = (step: Step) => ({ node: step.key, origin: step.keyOrigin });

/**
 * The child of a map (by key text, as YAML-to-JS conversion names it) or of a list (by index).
 * A key written twice (itself a problem) means what its last value says, as in the conversion.
 */
export function childOf(node: Node | null, segment: PropertyKey): { node: Node | null; key: Node | null } | undefined {
  if (isMap(node)) {
    const pair = [...node.items].reverse().find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    return pair && { node: pair.value as Node | null, key: pair.key as Node };
  }
  if (isSeq(node)) {
    const index = Number(segment);
    if (Number.isInteger(index) && index >= 0 && index < node.items.length) return { node: node.items[index] as Node, key: null };
  }
  return undefined;
}

/** `key:` with nothing after it: the key is the better place to point at. */
function isBlank(node: Node | null): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

/** 1-based line and column of `offset` in a `--set` argument (which may, rarely, span lines). */
function positionInText(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}
