/** Rules comparing times with the length of the run. */
import type { Problem } from '../errors.js';
import type { Locator } from './positions.js';
import { durationMs, formatMs } from './units.js';
import type { WrittenScenario } from './written-schema.js';

/** A warmup that covers the whole run would leave no read to measure. */
export function warmupBeforeEnd(scenario: WrittenScenario, at: Locator): Problem[] {
  const endMs = durationMs(scenario.duration);
  const warmupMs = durationMs(scenario.warmup ?? 0);
  if (warmupMs < endMs) return [];
  return [at.atValue(['warmup'], `${formatMs(warmupMs)} does not end before the run does (duration: ${formatMs(endMs)}); allowed: warmup < duration`)];
}

/** A fault outside the run would silently never happen. */
export function faultsInsideRun(scenario: WrittenScenario, at: Locator): Problem[] {
  const endMs = durationMs(scenario.duration);
  return (scenario.faults ?? []).flatMap((fault, i) => {
    const startMs = durationMs(fault.at);
    if (startMs >= endMs) {
      return [at.atValue(['faults', i, 'at'], `starts at ${formatMs(startMs)}, when the run is over (duration: ${formatMs(endMs)}); allowed: at < duration`)];
    }
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
