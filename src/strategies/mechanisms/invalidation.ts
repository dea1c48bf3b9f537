/**
 * Invalidation through the bus: after a commit, one message per region (the writer's own
 * included, SPEC §3), and what a cache does when one arrives.
 */
import type { Bus } from '../../model/bus.js';
import type { Cache } from '../../model/slot-cache.js';
import type { VersionStamps } from './version-stamps.js';

export function publishToEveryRegion(bus: Bus, regions: number, key: number, version: number, now: number): void {
  for (let region = 0; region < regions; region++) bus.send(region, key, version, now);
}

/**
 * Versioned delete: drop the entry only if its stamp is older than the message's, so a late
 * or duplicated message for an old version never evicts a newer value.
 */
export function deleteIfOlder(cache: Cache, key: number, stamps: VersionStamps, messageStamp: number, now: number): void {
  const cached = cache.held(key, now);
  if (cached >= 0 && stamps.of(key, cached) < messageStamp) cache.invalidate(key, now);
}
