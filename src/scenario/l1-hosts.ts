/** The L1s a strategy entry of a written scenario runs with (rules about sizes and expectations need it). */
import { DEFAULTS } from './defaults.js';
import type { WrittenScenario, WrittenStrategy } from './written-schema.js';

/** An entry's L1s: app servers per region, and entries each may hold (Infinity: unbounded); null without L1s. */
export function l1Of(scenario: WrittenScenario, entry: WrittenStrategy): { hosts: number; capacity: number } | null {
  const top = scenario.cache?.l1;
  const own = typeof entry === 'object' ? entry.cache?.l1 : undefined;
  if (own === 'none' || (own === undefined && typeof top !== 'object')) return null;
  // A variant's L1 map is merged over the top-level one.
  const merged = { ...(typeof top === 'object' ? top : {}), ...(typeof own === 'object' ? own : {}) };
  const capacity = merged.capacity ?? DEFAULTS.capacity;
  return { hosts: merged.hosts ?? DEFAULTS.l1Hosts, capacity: capacity === 'unbounded' ? Infinity : capacity };
}
