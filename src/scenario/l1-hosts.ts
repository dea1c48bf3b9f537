/** The L1s a strategy entry of a written scenario runs with (rules about sizes and expectations need it). */
import { DEFAULTS } from './defaults.js';
import type { WrittenScenario, WrittenStrategy } from './written-schema.js';

/** How many L1s per region a strategy entry runs with (0: none): its own `cache.l1` merged over the top-level one. */
export function l1HostsOf(scenario: WrittenScenario, entry: WrittenStrategy): number {
  const top = scenario.cache?.l1;
  const topHosts = typeof top === 'object' ? (top.hosts ?? DEFAULTS.l1Hosts) : 0;
  const own = typeof entry === 'object' ? entry.cache?.l1 : undefined;
  if (own === undefined) return topHosts;
  if (own === 'none') return 0;
  return own.hosts ?? (topHosts || DEFAULTS.l1Hosts);
}
