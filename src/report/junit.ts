/**
 * `--junit FILE`: expectations as JUnit XML, the format every CI shows as a test list. One
 * suite per scenario, one case per expectation. Deterministic on purpose (no timestamps,
 * hostnames or durations), so the file changes only when results do.
 */
import { type AnnotationPaths, inRepository } from './github.js';
import type { ExpectationRef, ExpectationResult, ScenarioResults } from '../metrics/results.js';
import { expectationTitle, failureText, parseAt, placeInFile } from './expectation-text.js';

/** One test case: its name, and what went wrong if it failed, or why it was not checked. */
export interface JunitCase {
  name: string;
  /** Where the expectation is written (`FILE:LINE:COL`), for the case's `file` and `line`. */
  at: string;
  failure?: { message: string; body: string };
  skipped?: string;
}

export interface JunitSuite {
  name: string;
  properties: [string, string][];
  cases: JunitCase[];
}

export function renderJunit(results: ScenarioResults[], paths?: AnnotationPaths): string {
  return renderJunitSuites(
    results.map((r) => ({
      name: r.scenario,
      properties: [
        ['seed', String(r.seed)],
        ['file', r.file],
      ],
      cases: inWrittenOrder([...r.expectations.map((e) => expectationCase(e, r.replay)), ...skippedCases(r)]),
    })),
    paths,
  );
}

/**
 * Cases in the order their expectations are written (those from `--set` after the file's), so
 * that leaving strategies out (`--strategy`) skips cases where they are instead of moving them.
 */
export function inWrittenOrder(cases: readonly JunitCase[]): JunitCase[] {
  const place = (c: JunitCase) => {
    const pos = parseAt(c.at);
    return pos === undefined ? [2, 0, 0] : [placeInFile(c.at) ? 0 : 1, pos.line, pos.col];
  };
  const keyed = cases.map((c) => ({ c, key: place(c) }));
  // Array.prototype.sort is stable: cases at one place keep their order.
  return keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]).map(({ c }) => c);
}

/** A skipped case for each expectation the run could not check (its strategy was left out). */
export function skippedCases(r: { skipped_expectations?: readonly ExpectationRef[] }): JunitCase[] {
  return (r.skipped_expectations ?? []).map((e) => ({ name: expectationTitle(e), at: e.at, skipped: `${e.strategy} did not run (--strategy) (${e.at})` }));
}

function expectationCase(e: ExpectationResult, replay: string): JunitCase {
  if (e.pass) return { name: expectationTitle(e), at: e.at };
  const message = `${failureText(e)} (${e.at})`;
  return { name: expectationTitle(e), at: e.at, failure: { message, body: `${message}\nReplay: ${replay}` } };
}

/**
 * The XML of `suites`: one `<testsuite>` each, its cases classed by the suite's name; on
 * GitHub Actions (`paths`), each case's file named from the repository's root, as its
 * annotations are (the JUnit actions link to it from there).
 */
export function renderJunitSuites(suites: readonly JunitSuite[], paths?: AnnotationPaths): string {
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + failedCount(s), 0);
  const skipped = suites.reduce((n, s) => n + skippedCount(s), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cache-sim" tests="${tests}" failures="${failures}" errors="0"${skipped > 0 ? ` skipped="${skipped}"` : ''}>`,
    ...distinctlyNamed(suites).map((s) => suite(s, paths)),
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * CI pages merge suites of one name (and their cases, classed by it): two scenarios named
 * alike are told apart by their files, and the same file run twice by its turn.
 */
function distinctlyNamed(suites: readonly JunitSuite[]): JunitSuite[] {
  const count = (names: readonly string[], name: string) => names.filter((n) => n === name).length;
  const plain = suites.map((s) => s.name);
  const withFile = suites.map((s, i) => {
    const file = s.properties.find(([key]) => key === 'file')?.[1];
    return count(plain, s.name) > 1 && file !== undefined ? `${s.name} (${file})` : plain[i];
  });
  return suites.map((s, i) => {
    const turn = count(withFile.slice(0, i), withFile[i]);
    return { ...s, name: count(withFile, withFile[i]) > 1 ? `${withFile[i]} #${turn + 1}` : withFile[i] };
  });
}

function failedCount(s: JunitSuite): number {
  return s.cases.filter((c) => c.failure).length;
}

function skippedCount(s: JunitSuite): number {
  return s.cases.filter((c) => c.skipped !== undefined).length;
}

function suite(s: JunitSuite, paths: AnnotationPaths | undefined): string {
  const attrs = `name="${attr(s.name)}" tests="${s.cases.length}" failures="${failedCount(s)}" errors="0" skipped="${skippedCount(s)}"`;
  return [
    `  <testsuite ${attrs}>`,
    `    <properties>`,
    ...s.properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    `    </properties>`,
    ...s.cases.map((c) => testcase(c, s.name, paths)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(c: JunitCase, classname: string, paths: AnnotationPaths | undefined): string {
  const open = `    <testcase name="${attr(c.name)}" classname="${attr(classname)}"${placeAttributes(c.at, paths)}`;
  if (c.skipped !== undefined) return [`${open}>`, `      <skipped message="${attr(c.skipped)}"/>`, '    </testcase>'].join('\n');
  if (!c.failure) return `${open}/>`;
  return [
    `${open}>`,
    `      <failure message="${attr(c.failure.message)}" type="expectation">${text(c.failure.body)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * ` file="…" line="…"`: where the expectation is written, which CI test reports (GitLab,
 * Jenkins, the JUnit actions of GitHub) link to; none for one given by `--set`.
 */
function placeAttributes(at: string, paths: AnnotationPaths | undefined): string {
  const pos = placeInFile(at);
  return pos === undefined ? '' : ` file="${attr(inRepository(pos.file, paths))}" line="${pos.line}"`;
}

/**
 * Characters XML 1.0 cannot carry at all, not even escaped: C0 controls other than tab, LF
 * and CR, lone surrogates, U+FFFE and U+FFFF. With the `u` flag a lone surrogate is one
 * code point outside the allowed ranges, so it is matched too.
 */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXml(s: string): string {
  return s.replace(INVALID_XML, '');
}

/** Text content: `&` and `<` must be escaped, `>` is for `]]>`. */
function text(s: string): string {
  return stripInvalidXml(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: also quotes, and whitespace as references because parsers turn raw tab/LF/CR into spaces. */
function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
