/**
 * The scenario's faults and clock jumps as reports show them: when each began, when it ended
 * (`null` for an instant) and a few words of what it was, in time order. The timeline charts
 * shade these windows, so a reader sees the stale reads line up with their cause.
 */
import type { FaultWindow } from './results.js';
import type { FaultSpec, Scenario } from '../scenario/types.js';
import { formatMs } from '../scenario/units.js';

export function faultWindows(scenario: Scenario): FaultWindow[] {
  const faults = scenario.faults.map(
    (f): FaultWindow => ({ kind: f.kind, label: faultLabel(f), at_ms: f.atMs, until_ms: 'forMs' in f ? f.atMs + f.forMs : null }),
  );
  const jumps = scenario.regions.flatMap((region) =>
    region.clock.jumps.map(
      (j): FaultWindow => ({
        kind: 'clock_jump',
        label: `${region.name} clock ${j.byMs < 0 ? 'steps back' : 'steps forward'} ${formatMs(Math.abs(j.byMs))}`,
        at_ms: j.atMs,
        until_ms: null,
      }),
    ),
  );
  // A stable sort: faults at the same instant keep the scenario's order.
  return [...faults, ...jumps].sort((a, b) => a.at_ms - b.at_ms);
}

function faultLabel(f: FaultSpec): string {
  switch (f.kind) {
    case 'bus_partition':
      return `${f.region} cut off from ${{ bus: 'the bus', primary: 'the primary', both: 'the bus and the primary' }[f.from]}`;
    case 'network_partition':
      return `${f.a} and ${f.b} cannot reach each other`;
    case 'replica_lag':
      return `${f.region} replica lag raised`;
    case 'replication_pause':
      return `${f.region} replication paused`;
    case 'cache_restart':
      return `${f.region} cache restarted`;
    case 'bus_loss':
      return `bus loses ${Number((f.loss * 100).toPrecision(6))} % of messages`;
    case 'consumer_pause':
      return `${f.region} consumer paused`;
  }
}
