/**
 * `--junit FILE`: expectations as JUnit XML, the format every CI shows as a test list. One
 * suite per scenario, one case per expectation. Deterministic on purpose (no timestamps,
 * hostnames or durations), so the file changes only when results do.
 */
import type { ExpectationResult, ScenarioResults } from '../metrics/results.js';
import { expectationTitle, failureText } from './expectation-text.js';

export function renderJunit(results: ScenarioResults[]): string {
  const tests = results.reduce((n, r) => n + r.expectations.length, 0);
  const failures = results.reduce((n, r) => n + failedCount(r), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cache-sim" tests="${tests}" failures="${failures}" errors="0">`,
    ...results.map(suite),
    '</testsuites>',
    '',
  ].join('\n');
}

function failedCount(r: ScenarioResults): number {
  return r.expectations.filter((e) => !e.pass).length;
}

function suite(r: ScenarioResults): string {
  const attrs = `name="${attr(r.scenario)}" tests="${r.expectations.length}" failures="${failedCount(r)}" errors="0" skipped="0"`;
  if (r.expectations.length === 0) return `  <testsuite ${attrs}/>`;
  return [
    `  <testsuite ${attrs}>`,
    `    <properties>`,
    `      <property name="seed" value="${r.seed}"/>`,
    `      <property name="file" value="${attr(r.file)}"/>`,
    `    </properties>`,
    ...r.expectations.map((e) => testcase(e, r)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(e: ExpectationResult, r: ScenarioResults): string {
  const open = `    <testcase name="${attr(expectationTitle(e))}" classname="${attr(r.scenario)}"`;
  if (e.pass) return `${open}/>`;
  const message = `${failureText(e)} (${e.at})`;
  const body = `${message}\nReplay: ${r.replay}`;
  return [
    `${open}>`,
    `      <failure message="${attr(message)}" type="expectation">${text(body)}</failure>`,
    '    </testcase>',
  ].join('\n');
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
