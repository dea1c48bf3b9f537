/**
 * How user values appear inside messages. Messages are one line each (`FILE:LINE:COL: ...`),
 * so anything the user wrote is quoted, escaped and shortened before it is shown.
 */

const MAX_SHOWN = 40;

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/**
 * Characters a terminal would act on rather than show: C0 and C1 controls, DEL, line and
 * paragraph separators, and the bidirectional overrides that reorder what follows them.
 */
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\n`, `\u009b`: the escape a reader can see in place of an unshowable character. */
function escapeOne(c: string): string {
  const json = JSON.stringify(c).slice(1, -1);
  return json.length > 1 ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text the user typed (a `--set` argument), with unshowable characters escaped so it stays one harmless line. */
export function oneLine(text: string): string {
  return text.replace(UNSHOWABLE, escapeOne);
}

/** `text` as a JSON string literal, its unshowable characters escaped too. */
function quoted(text: string): string {
  return oneLine(JSON.stringify(text));
}

/** A name the user wrote (key, region, strategy), in backticks, one line. */
export function quoteName(name: string): string {
  return `\`${shorten(quoted(name).slice(1, -1))}\``;
}

/** A value as the user would recognise it: `1.5`, `"lots"`, `a list`, `an empty value`. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return shorten(quoted(value));
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty map' : 'a map';
  // As YAML writes them: the user typed `.nan` or `.inf`, not NaN or Infinity.
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity || value === -Infinity) return value > 0 ? '.inf' : '-.inf';
  return String(value);
}

/** `a, b, c` for allowed-value lists, each name once. */
export function listOf(names: readonly string[]): string {
  return [...new Set(names)].join(', ');
}

/** Dotted path as used in messages and in `--set`: `regions.1.replica_lag`. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map(pathSegment).join('.');
}

/** Keys the user invented (region or metric names) may hold anything; quote the odd ones. */
function pathSegment(segment: PropertyKey): string {
  const text = String(segment);
  return /^[\w<>$-]{1,60}$/.test(text) ? text : shorten(quoted(text));
}
