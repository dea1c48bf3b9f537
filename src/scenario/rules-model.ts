/** Rules about settings the model could not honour: ones it would silently ignore, or never finish. */
import type { Problem } from '../errors.js';
import type { Locator } from './positions.js';
import { quoteName } from './wording.js';
import type { WrittenScenario } from './written-schema.js';
import { groupThousands } from '../util/thousands.js';

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

/** Attempts a message may take on average under at-least-once delivery: each is an event. */
const MOST_ATTEMPTS = 10_000;

/**
 * At-least-once retries a lost delivery until one arrives, 1 / (1 − loss) attempts a message
 * on average: with every delivery lost the run would never end, and with nearly every one it
 * would not end in any useful time. A `bus_loss` window may lose everything (messages go
 * through once it is over, and attempts certain to be lost cost nothing each), but not
 * nearly everything.
 */
export function atLeastOnceCanDeliver(scenario: WrittenScenario, at: Locator): Problem[] {
  if (scenario.bus?.delivery !== 'at-least-once') return [];
  const allowed = `allowed: a loss up to ${1 - 1 / MOST_ATTEMPTS} with at-least-once delivery (${groupThousands(MOST_ATTEMPTS)} attempts a message on average)`;
  const tooMany = (loss: number) => `${loss} makes at-least-once send each message ${groupThousands(Math.round(1 / (1 - loss)))} times on average`;
  const problems: Problem[] = [];
  const loss = scenario.bus?.loss ?? 0;
  if (loss === 1) problems.push(at.atValue(['bus', 'loss'], `1 loses every delivery, which at-least-once would retry forever; ${allowed}`));
  else if (loss > 1 - 1 / MOST_ATTEMPTS) problems.push(at.atValue(['bus', 'loss'], `${tooMany(loss)}; ${allowed}`));
  (scenario.faults ?? []).forEach((fault, i) => {
    const windowLoss = fault.bus_loss?.loss;
    if (typeof windowLoss !== 'number' || windowLoss === 1 || windowLoss <= 1 - 1 / MOST_ATTEMPTS) return;
    problems.push(at.atValue(['faults', i, 'bus_loss', 'loss'], `${tooMany(windowLoss)} in the window; ${allowed}, or 1 (all lost until the window ends)`));
  });
  return problems;
}

/** `route` relays a read through a region that reaches both sides: with two regions there is none, and it would act as `fail`. */
export function routeHasARelay(scenario: WrittenScenario, at: Locator): Problem[] {
  if (scenario.network?.on_unreachable !== 'route' || scenario.regions.length >= 3) return [];
  const count = scenario.regions.length;
  return [
    at.atValue(
      ['network', 'on_unreachable'],
      `route relays through a third region, and ${count === 1 ? 'the only region has' : `the ${count} regions have`} none (a read out of reach would fail, as with fail); allowed: serve-stale or fail, or route with three regions or more`,
    ),
  ];
}
