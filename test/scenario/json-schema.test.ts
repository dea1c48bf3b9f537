/** The checked-in JSON Schema (for editors) must be what the zod schema generates today. */
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';

const CHECKED_IN = new URL('../../schema/scenario.schema.json', import.meta.url);

describe('schema/scenario.schema.json', () => {
  it('is in sync with the zod schema', () => {
    const checkedIn = readFileSync(CHECKED_IN, 'utf8');
    expect(checkedIn, 'schema/scenario.schema.json is stale: regenerate it with `npx tsx scripts/write-schema.ts`').toBe(
      scenarioJsonSchemaText(),
    );
  });

  it('is draft-7, allows `$schema` in scenarios and rejects unknown top-level keys', () => {
    const schema = scenarioJsonSchema() as { $schema: string; properties: Record<string, unknown>; additionalProperties: unknown; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.properties).toHaveProperty('$schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'duration', 'regions', 'workload']);
  });
});

describe('the JSON Schema as an editor shows it', () => {
  it('describes every field (an editor shows it on hover), and says more than its default', () => {
    const undescribed: string[] = [];
    const onlyDefault: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      for (const [key, field] of Object.entries((o.properties ?? {}) as Record<string, { description?: string }>)) {
        if (!field.description) undescribed.push(`${path}.${key}`);
        else if (/^Default: [^.]*\.$/.test(field.description)) onlyDefault.push(`${path}.${key}`);
        walk(field, `${path}.${key}`);
      }
      for (const key of ['items', 'additionalProperties', 'then']) walk(o[key], key === 'items' ? `${path}[]` : path);
      for (const key of ['anyOf', 'oneOf', 'allOf']) for (const branch of (o[key] ?? []) as unknown[]) walk(branch, path);
    };
    walk(scenarioJsonSchema(), '');
    expect(undescribed).toEqual([]);
    expect(onlyDefault).toEqual([]);
  });
});

describe('the JSON Schema as an editor applies it (ajv)', () => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(scenarioJsonSchema());
  const MINIMAL = { name: 't', duration: '1m', regions: [{ name: 'a', primary: true }], workload: { keys: 10, reads_per_second: 1 } };
  const withStrategies = (strategies: unknown[]) => ({ ...MINIMAL, strategies });

  it('accepts every scenario of the library', () => {
    for (const file of readdirSync('scenarios')) {
      expect(validate(parse(readFileSync(`scenarios/${file}`, 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("checks a strategy entry's preset options, found by `use` or by the entry's own name", () => {
    expect(validate(withStrategies([{ name: 'lease', retry_after: '5ms' }]))).toBe(true);
    expect(validate(withStrategies([{ name: 'lease', retry_after: 'soon' }]))).toBe(false);
    expect(validate(withStrategies([{ name: 'twice', use: 'pubsub', delete_again_after: '2s' }]))).toBe(true);
    expect(validate(withStrategies([{ name: 'twice', use: 'pubsub', delete_again_after: -1 }]))).toBe(false);
    expect(validate(withStrategies([{ name: 'slow-tail', use: 'cdc', tail_delay: 'x' }]))).toBe(false);
    expect(validate(withStrategies([{ name: 'ts', use: 'versioned', version_source: 'sundial' }]))).toBe(false);
    // A name that is no preset, with `use`, takes the options of what it uses.
    expect(validate(withStrategies([{ name: 'cdc', use: 'lease', lease_ttl: '1s' }]))).toBe(true);
  });
});
