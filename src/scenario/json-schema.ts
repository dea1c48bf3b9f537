/**
 * The JSON Schema of the scenario format, generated from the same zod schema that
 * validates scenarios, so editors (`# yaml-language-server: $schema=...`) and `cache-sim
 * validate` cannot disagree about shapes. Cross-field rules are not expressible in it; a
 * strategy entry's preset options are, per preset (`if` the entry uses it `then` its options),
 * so an editor offers them and checks their values.
 */
import { z } from 'zod';
import { presets } from '../strategies/registry.js';
import { scenarioSchema } from './written-schema.js';

type JsonObject = Record<string, unknown>;

export function scenarioJsonSchema(): object {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-7', io: 'input' }) as JsonObject;
  const entry = strategyEntrySchema(schema);
  entry.allOf = presets.filter((p) => Object.keys(p.options.shape).length > 0).map(presetOptionsRule);
  return schema;
}

/** The schema of a strategy entry written as a map (`{ name, use, cache, ...options }`). */
function strategyEntrySchema(schema: JsonObject): JsonObject {
  const strategies = (schema.properties as JsonObject).strategies as { items: { anyOf: JsonObject[] } };
  const entry = strategies.items.anyOf.find((s) => s.type === 'object');
  if (!entry) throw new Error('bug: the strategies schema has no map form');
  return entry;
}

/** `if` an entry uses the preset (by `use`, or by its name when it has no `use`) `then` the preset's options. */
function presetOptionsRule(preset: (typeof presets)[number]): JsonObject {
  const options = z.toJSONSchema(preset.options, { target: 'draft-7', io: 'input' }) as { properties: Record<string, JsonObject> };
  // `duration` is our own mark for `cache-sim strategies`; it is no JSON Schema keyword.
  const properties = Object.fromEntries(Object.entries(options.properties).map(([name, { duration: _, ...option }]) => [name, option]));
  return {
    if: {
      anyOf: [
        { properties: { use: { const: preset.name } }, required: ['use'] },
        { not: { required: ['use'] }, properties: { name: { const: preset.name } } },
      ],
    },
    then: { properties },
  };
}

/** The exact text of the checked-in `schema/scenario.schema.json`. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
