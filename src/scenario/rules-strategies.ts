/** Rules about the strategies list: names, presets, preset options. */
import type { Problem } from '../errors.js';
import { findPreset, presetNames, presets } from '../strategies/registry.js';
import { STRATEGY_ENTRY_KEYS } from './normalise.js';
import type { Locator } from './positions.js';
import { duplicates } from './rules-regions.js';
import { didYouMean } from './suggest.js';
import { listOf, quoteName } from './wording.js';
import type { WrittenScenario, WrittenStrategy } from './written-schema.js';
import { issuesToProblems } from './zod-problems.js';
import { sectionHoldingKey } from './key-homes.js';

export const strategyName = (entry: WrittenStrategy): string => (typeof entry === 'string' ? entry : entry.name);

/** Results are keyed by strategy name, so two entries with one name would overwrite each other. */
export function uniqueStrategyNames(scenario: WrittenScenario, at: Locator): Problem[] {
  const entries = scenario.strategies ?? [];
  return duplicates(entries.map(strategyName)).map(({ index, first }) => {
    const path = typeof entries[index] === 'string' ? ['strategies', index] : ['strategies', index, 'name'];
    const name = quoteName(strategyName(entries[index]));
    return at.atValue(path, `${name} is already the name of strategies.${first}; allowed: each name once (give a variant its own \`name\`)`);
  });
}

/**
 * A variant named after another preset (`{ name: pubsub, use: versioned }`) would report one
 * preset's numbers under the other's name; under its own preset's name it is that preset, tuned.
 */
export function variantNamesNoOtherPreset(scenario: WrittenScenario, at: Locator): Problem[] {
  return (scenario.strategies ?? []).flatMap((entry, i) => {
    if (typeof entry === 'string' || entry.use === undefined || entry.use === entry.name || !findPreset(entry.name)) return [];
    const message = `${quoteName(entry.name)} is the name of another preset, but this variant uses ${quoteName(entry.use)}: its numbers would read as ${quoteName(entry.name)}'s; allowed: a name of its own (e.g. ${entry.use}-2) or no use`;
    return [at.atValue(['strategies', i, 'name'], message)];
  });
}

/** Without `use`, a variant's name is its preset, so the name must be one. */
export function variantsNameAPreset(scenario: WrittenScenario, at: Locator): Problem[] {
  return (scenario.strategies ?? []).flatMap((entry, i) => {
    if (typeof entry === 'string' || entry.use !== undefined || findPreset(entry.name)) return [];
    const message = `${quoteName(entry.name)} is not a preset${didYouMean(entry.name, presetNames)}; a variant with another name needs \`use: PRESET\`; presets: ${listOf(presetNames)}`;
    return [at.atValue(['strategies', i, 'name'], message)];
  });
}

/** Where an unknown key of a variant belongs: another preset's option, or a cache setting (under its own `cache:`). */
function optionHome(key: string, presetName: string): string | undefined {
  const others = presets.filter((p) => p.name !== presetName && key in p.options.shape).map((p) => p.name);
  if (others.length > 0) return `to ${others.length === 1 ? 'the preset' : 'the presets'} ${listOf(others)}, not ${presetName}`;
  const section = sectionHoldingKey(key);
  return section === 'under cache' ? "under the variant's cache" : section;
}

/** Everything in a variant besides name, use and cache is an option of its preset, checked by the preset's schema. */
export function presetOptionsValid(scenario: WrittenScenario, at: Locator): Problem[] {
  return (scenario.strategies ?? []).flatMap((entry, i) => {
    if (typeof entry === 'string') return [];
    const preset = findPreset(entry.use ?? entry.name);
    if (!preset) return [];
    const options = Object.fromEntries(Object.entries(entry).filter(([key]) => !(STRATEGY_ENTRY_KEYS as readonly string[]).includes(key)));
    const result = preset.options.safeParse(options, { reportInput: true });
    if (result.success) return [];
    return issuesToProblems(result.error.issues, {
      schema: preset.options,
      locator: at,
      basePath: ['strategies', i],
      extraKeys: STRATEGY_ENTRY_KEYS,
      homeOf: (key) => optionHome(key, preset.name),
    });
  });
}
