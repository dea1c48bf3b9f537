/** `expect:` conditions: a number (equality) or `OP VALUE`, VALUE a number or a duration. */
import type { ComparisonOp } from './types.js';
import { durationMs, UNIT_DURATION_PATTERN } from './units.js';

/** `OP VALUE`, VALUE a number or a duration as scenarios write them (`2s`, `1m30s`, `900µs`); whether a duration fits the metric is a rule. */
export const CONDITION_PATTERN = `^\\s*(<=|>=|==|<|>)\\s*(-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|-?${UNIT_DURATION_PATTERN})\\s*$`;

export interface ParsedCondition {
  op: ComparisonOp;
  /** Milliseconds when written with a unit. */
  value: number;
  /** Written with a unit (`2s`): only meaningful for duration metrics. */
  hasUnit: boolean;
}

/** Assumes CONDITION_PATTERN already matched (the schema checks it). */
export function parseCondition(written: number | string): ParsedCondition {
  if (typeof written === 'number') return { op: '==', value: written, hasUnit: false };
  const match = /^\s*(<=|>=|==|<|>)\s*(\S+)\s*$/.exec(written);
  const [, op, valueText] = match ?? ['', '==', 'NaN'];
  // µ and μ as escapes: the bundle must stay ASCII (scripts/bundle.mjs).
  const hasUnit = /[a-z\u00b5\u03bc]$/.test(valueText);
  // A negative duration (`< -3s`) is read, so that the rules can say it never holds.
  const value = !hasUnit ? Number(valueText) : valueText.startsWith('-') ? -durationMs(valueText.slice(1)) : durationMs(valueText);
  return { op: op as ComparisonOp, value, hasUnit };
}

/**
 * The condition as every report (and the JSON) says it: `<= 2s` as written, a bare number as
 * the equality it is (`== 0`). On a time metric a bare number other than 0 gets its unit,
 * ms, so that `< 0.5` does not read as half a second beside an actual value of `56.2s`.
 */
export function conditionText(written: number | string, isTime = false): string {
  const text = typeof written === 'number' ? `== ${written}` : written.trim();
  if (!isTime) return text;
  const { hasUnit, value } = parseCondition(written);
  return hasUnit || value === 0 ? text : `${text}ms`;
}
