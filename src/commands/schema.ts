/** `cache-sim schema`: prints the JSON Schema of the scenario format. */
import { scenarioJsonSchemaText } from '../scenario/json-schema.js';
import type { CommandIO } from './io.js';

export function schemaCommand(io: CommandIO): number {
  io.stdout.write(scenarioJsonSchemaText());
  return 0;
}
