/** Where a key written in the wrong place belongs (`strategies` under `cache:` belongs at the top level). */
import type { Path } from './positions.js';
import { scenarioSchema } from './written-schema.js';
import { allowedKeysAt } from './zod-problems.js';

/** The sections a misplaced key most likely belongs to, in the order they are tried. */
const SECTIONS: readonly Path[] = [[], ['cache'], ['workload'], ['bus'], ['network']];

/** Where `key` is a key of the scenario (`at the top level`, `under cache`), or undefined when it is none. */
export function sectionHoldingKey(key: string): string | undefined {
  const section = SECTIONS.find((path) => allowedKeysAt(scenarioSchema, path).includes(key));
  if (section === undefined) return undefined;
  return section.length === 0 ? 'at the top level' : `under ${section.join('.')}`;
}
