/**
 * The one list of strategy presets. The CLI (`cache-sim strategies`), scenario validation
 * (names and option schemas) and the model (which mechanisms to switch on) all read it.
 */
import { z } from 'zod';
import type { StrategyParts } from './parts.js';

export interface Preset {
  name: string;
  /** One paragraph: what it does. */
  summary: string;
  /** What it promises, in terms of the metrics. */
  guarantees: string;
  /** What it costs: messages, database load, latency. */
  costs: string;
  /** Preset-specific options a strategy entry may set (besides `cache`); defaults filled by the schema. */
  options: z.ZodObject;
  /** The mechanisms this preset switches on, given its validated options. */
  parts(options: Record<string, unknown>): StrategyParts;
}

const noOptions = z.object({}).strict();

export const presets: readonly Preset[] = [
  {
    name: 'ttl',
    summary:
      'Cache-aside with expiry only: a miss reads the refill source and stores the value for the TTL; writes send nothing.',
    guarantees: 'Staleness of a cache hit is bounded by the TTL (plus replica lag when refilling from a replica).',
    costs: 'No messages. Database reads grow as the TTL shrinks; every write is invisible to readers until expiry.',
    options: noOptions,
    parts: () => ({ publish: 'nothing' }),
  },
  {
    name: 'pubsub',
    summary:
      'Cache-aside plus invalidation: after each commit a "delete key" message goes through the bus to every region, whose cache drops the entry; the TTL stays as a safety net for lost messages.',
    guarantees:
      'Staleness is bounded by the bus delay when no message is lost; a lost or late message, or a refill from a lagging replica racing the delete, falls back to the TTL bound.',
    costs: 'One message per write per region. A delete that overtakes replication lets a lagging replica refill the old value (a stale refill).',
    options: noOptions,
    parts: () => ({ publish: 'delete' }),
  },
];

const byName = new Map(presets.map((p) => [p.name, p]));

export const presetNames: readonly string[] = presets.map((p) => p.name);

export function findPreset(name: string): Preset | undefined {
  return byName.get(name);
}
