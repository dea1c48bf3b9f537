/** Rules about settings the model could not honour: ones it would silently ignore, or never finish. */
import type { Problem } from '../errors.js';
import type { Locator } from './positions.js';
import { quoteName } from './wording.js';
import type { WrittenScenario } from './written-schema.js';

/** The primary region reads the primary itself: it has no replica to lag or pause. */
export function primaryHasNoReplica(scenario: WrittenScenario, at: Locator): Problem[] {
  const primaries = scenario.regions.filter((region) => region.primary);
  // With none or several, that is the problem to fix first: which region has no replica follows from it.
  if (primaries.length !== 1) return [];
  const primary = primaries[0].name;
  const noReplica = (what: string) => `${quoteName(primary)} is the primary region: it has no replica for ${what} to act on; allowed: another region`;
  const lag = scenario.regions.flatMap((region, i) =>
    region.primary && region.replica_lag !== undefined ? [at.atValue(['regions', i, 'replica_lag'], noReplica('replica_lag'))] : [],
  );
  const faults = (scenario.faults ?? []).flatMap((fault, i) => {
    if (fault.replica_lag?.region === primary) return [at.atValue(['faults', i, 'replica_lag', 'region'], noReplica('a replica_lag fault'))];
    if (fault.replication_pause?.region === primary) return [at.atValue(['faults', i, 'replication_pause', 'region'], noReplica('a replication_pause fault'))];
    return [];
  });
  return [...lag, ...faults];
}

/** At-least-once retries a lost delivery until one arrives: with every delivery lost, the run would never end. */
export function atLeastOnceCanDeliver(scenario: WrittenScenario, at: Locator): Problem[] {
  if (scenario.bus?.delivery !== 'at-least-once' || scenario.bus.loss !== 1) return [];
  return [at.atValue(['bus', 'loss'], '1 loses every delivery, which at-least-once would retry forever; allowed: a loss below 1 with at-least-once delivery')];
}
