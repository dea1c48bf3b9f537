/**
 * `--format csv`: one row per scenario × strategy (region `all`) followed by one per
 * scenario × strategy × region, with every flattened metric as a column in the fixed order
 * of metric-names.ts, so spreadsheets and pandas can pivot on the names `expect:` uses.
 * Numbers are written unformatted (full precision, `.` decimal point); fields are quoted per
 * RFC 4180. Lines end in `\n`, which every CSV reader accepts and shell tools prefer.
 */
import { ALL_REGIONS, metricValue, strategyMetricNames } from '../metrics/metric-names.js';
import type { ScenarioResults, StrategyResult } from '../metrics/results.js';

/** `file` tells apart two scenarios of one name (run over several files). */
const KEY_COLUMNS = ['scenario', 'file', 'seed', 'strategy', 'preset', 'region'] as const;

export function renderCsv(results: ScenarioResults[]): string {
  const header = [...KEY_COLUMNS, ...strategyMetricNames];
  const rows = results.flatMap((r) =>
    Object.entries(r.strategies).flatMap(([name, s]) => [
      [r.scenario, r.file, r.seed, name, s.preset, ALL_REGIONS, ...strategyMetricNames.map((m) => metricValue(s, m))],
      ...Object.keys(s.regions).map((region) => [r.scenario, r.file, r.seed, name, s.preset, region, ...regionValues(s, region)]),
    ]),
  );
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** Region rows: every metric is also given per region. */
function regionValues(s: StrategyResult, region: string): (number | undefined)[] {
  return strategyMetricNames.map((m) => metricValue(s, `regions.${region}.${m}`));
}

/** RFC 4180: quote a field containing a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? numberText(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Non-finite numbers have no CSV spelling; an empty field is what readers treat as missing. */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : '';
}
