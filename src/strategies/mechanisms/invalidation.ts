/**
 * Invalidation through the bus: after a commit, one message per region (the writer's own
 * included, SPEC §3), and what a cache does when one arrives.
 */
import type { CoherenceWorld } from '../strategy.js';

export function publishToEveryRegion(world: CoherenceWorld, key: number, version: number, now: number): void {
  for (let region = 0; region < world.caches.length; region++) world.bus.send(region, key, version, now);
}

/** Plain delete: whatever version the cache holds goes. */
export function deleteOnDelivery(world: CoherenceWorld, region: number, key: number, now: number): void {
  world.caches[region].invalidate(key, now);
}
