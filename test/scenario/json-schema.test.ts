/** The checked-in JSON Schema (for editors) must be what the zod schema generates today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
