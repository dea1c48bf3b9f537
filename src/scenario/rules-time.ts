/** Rules comparing times with the length of the run. */
import type { Problem } from '../errors.js';
import type { Locator } from './positions.js';
import { DURATION_WORDING, durationMs, formatMs } from './units.js';
import { faultKind, isInstantFault, type WrittenScenario, windowMatchesKind } from './written-schema.js';

/**
 * Operations a run may draw (reads and writes, rate × duration): two billion is already about
 * an hour of simulation per strategy; far beyond, a run would never end (or, its arrival gaps
 * lost in the rounding of the clock, would not move time at all), so it is refused up front
 * rather than hanging CI. The bound also keeps every operation's number inside what the engine
 * carries in an event (32-bit) and every draw's address distinct (read i draws at 2i < 2^32).
 */
const MOST_OPERATIONS = 2e9;
const RUN_SIZE_PATHS = [['workload', 'reads_per_second'], ['workload', 'writes_per_second'], ['duration']];

export function workFitsARun(scenario: WrittenScenario, at: Locator): Problem[] {
  const seconds = durationMs(scenario.duration) / 1000;
  const perSecond = scenario.workload.reads_per_second + (scenario.workload.writes_per_second ?? 0);
  const operations = perSecond * seconds;
  if (!(operations > MOST_OPERATIONS)) return [];
  // Exact where it is near the bound (2000000010 must not read as 2e9).
  const short = (n: number) => (n < 1e15 ? String(Math.ceil(n)) : String(Number(n.toPrecision(3))));
  // Told at what an option changed, when one did: that is what made the run too big.
  const blamed = RUN_SIZE_PATHS.find((path) => at.fromOption(path)) ?? ['duration'];
  return [
    at.atValue(
      blamed,
      `${short(perSecond)} reads and writes a second for ${formatMs(seconds * 1000)} is ${short(operations)} operations; allowed: up to 2 billion (2e9) in a run, rate × duration`,
    ),
  ];
}

/** A warmup that covers the whole run would leave no read to measure. */
export function warmupBeforeEnd(scenario: WrittenScenario, at: Locator): Problem[] {
  const endMs = durationMs(scenario.duration);
  const warmupMs = durationMs(scenario.warmup ?? 0);
  if (warmupMs < endMs) return [];
  return [at.atValue(['warmup'], `${formatMs(warmupMs)} does not end before the run does (duration: ${formatMs(endMs)}); allowed: warmup < duration`)];
}

/**
 * A window fault needs its length, an instant has none. A rule, not the schema, says so: the
 * fault stays in play, so that what else is wrong with it (an unknown region) is told too.
 */
export function faultWindowsFitKinds(scenario: WrittenScenario, at: Locator): Problem[] {
  return (scenario.faults ?? []).flatMap((fault, i) => {
    if (windowMatchesKind(fault)) return [];
    const message = isInstantFault(fault) ? `not allowed: ${faultKind(fault)} is an instant; remove \`for\`` : `missing; required: the length of the fault window, ${DURATION_WORDING}, above 0`;
    return [at.atValue(['faults', i, 'for'], message)];
  });
}

/** A fault outside the run would silently never happen. */
export function faultsInsideRun(scenario: WrittenScenario, at: Locator): Problem[] {
  const endMs = durationMs(scenario.duration);
  return (scenario.faults ?? []).flatMap((fault, i) => {
    const startMs = durationMs(fault.at);
    if (startMs >= endMs) {
      return [at.atValue(['faults', i, 'at'], `starts at ${formatMs(startMs)}, when the run is over (duration: ${formatMs(endMs)}); allowed: at < duration`)];
    }
    // A `for` its kind does not take is told by faultWindowsFitKinds alone.
    if (!windowMatchesKind(fault)) return [];
    const stopMs = startMs + durationMs(fault.for ?? 0);
    if (stopMs <= endMs) return [];
    const window = `${formatMs(startMs)}..${formatMs(stopMs)}`;
    return [at.atValue(['faults', i, 'for'], `the window ${window} ends after the run (duration: ${formatMs(endMs)}); allowed: at + for ≤ duration`)];
  });
}

/** A clock jump after the run would silently never happen, as a fault would. */
export function clockJumpsInsideRun(scenario: WrittenScenario, at: Locator): Problem[] {
  const endMs = durationMs(scenario.duration);
  return scenario.regions.flatMap((region, r) =>
    (region.clock?.jumps ?? []).flatMap((jump, j) => {
      const atMs = durationMs(jump.at);
      if (atMs < endMs) return [];
      return [at.atValue(['regions', r, 'clock', 'jumps', j, 'at'], `jumps at ${formatMs(atMs)}, when the run is over (duration: ${formatMs(endMs)}); allowed: at < duration`)];
    }),
  );
}
