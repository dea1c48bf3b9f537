/**
 * A strategy at run time: the hooks the simulation calls, composed from the mechanisms its
 * preset switches on (parts.ts). Mechanisms act on the world the simulation hands over.
 */
import type { Bus } from '../model/bus.js';
import type { RegionCache } from '../model/cache.js';
import { deleteOnDelivery, publishToEveryRegion } from './mechanisms/invalidation.js';
import type { StrategyParts } from './parts.js';

/** The parts of the model a strategy may act on. */
export interface CoherenceWorld {
  caches: readonly RegionCache[];
  bus: Bus;
}

export interface Strategy {
  /** The primary committed `version` of `key`. */
  committed(key: number, version: number, now: number): void;
  /** A bus message about `key` (carrying `version`) reached `region`. */
  delivered(region: number, key: number, version: number, now: number): void;
}

export function composeStrategy(parts: StrategyParts, world: CoherenceWorld): Strategy {
  const publishes = parts.publish !== 'nothing';
  return {
    committed(key, version, now) {
      if (publishes) publishToEveryRegion(world, key, version, now);
    },
    delivered(region, key, _version, now) {
      deleteOnDelivery(world, region, key, now);
    },
  };
}
