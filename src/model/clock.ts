/**
 * A region's clock, as a shape (after TigerBeetle's testing/time.zig):
 *
 *   local(t) = t · (1 + driftPpm·1e-6) + skewMs + Σ jumps applied so far
 *
 * Jumps are applied by the simulation at their scheduled instant (`jump`), so reading the
 * clock is one multiply-add. Mechanisms read it wherever they compare timestamps (TTL
 * expiry on the cache's own clock, timestamp versions); metrics always use true time.
 */
import type { ClockSpec } from '../scenario/types.js';

export class Clock {
  private readonly rate: number;
  private offset: number;

  constructor(spec: ClockSpec) {
    this.rate = 1 + spec.driftPpm * 1e-6;
    this.offset = spec.skewMs;
  }

  read(trueTime: number): number {
    return trueTime * this.rate + this.offset;
  }

  /** The true time at which this clock will read `local`, assuming no further jump. */
  trueTimeOf(local: number): number {
    return (local - this.offset) / this.rate;
  }

  /** Step the clock by `byMs` (negative steps go back in time, as badly-run NTP does). */
  jump(byMs: number): void {
    this.offset += byMs;
  }
}
