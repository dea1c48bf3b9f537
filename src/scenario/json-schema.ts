/**
 * The JSON Schema of the scenario format, generated from the same zod schema that
 * validates scenarios, so editors (`# yaml-language-server: $schema=...`) and `cache-sim
 * validate` cannot disagree about shapes. Cross-field rules are not expressible in it.
 */
import { z } from 'zod';
import { scenarioSchema } from './written-schema.js';

export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { target: 'draft-7', io: 'input' });
}

/** The exact text of the checked-in `schema/scenario.schema.json`. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
