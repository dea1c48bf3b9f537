/**
 * Every default of the scenario format, written the way a user would write it, so the
 * normaliser converts defaults and user values with the same functions and the schema
 * descriptions can quote them.
 */
import { presetNames } from '../strategies/registry.js';

export const DEFAULTS = {
  description: '',
  seed: 1,
  warmup: 0,
  primary: false,
  replicaLag: 0,
  clockSkew: 0,
  clockDriftPpm: 0,
  localLatency: '0.5ms',
  defaultLatency: '50ms',
  onUnreachable: 'serve-stale',
  busDelay: '100ms',
  busLoss: 0,
  busDuplicate: 0,
  delivery: 'at-most-once',
  redeliveryTimeout: '1s',
  onPartition: 'retain',
  popularity: 'uniform',
  writesPerSecond: 0,
  sessions: 1000,
  ttl: '60s',
  ttlJitter: 0,
  staleWhileRevalidate: 0,
  capacity: 'unbounded',
  refillFrom: 'replica',
  l1Hosts: 1,
  l1Ttl: '1s',
  l1Invalidated: true,
  partitionFrom: 'bus',
} as const;

/** With no `strategies:` list, a scenario compares every preset, each with its defaults. */
export function defaultStrategies(): readonly string[] {
  return presetNames;
}
