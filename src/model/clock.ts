/**
 * A region's clock, as a shape (after TigerBeetle's testing/time.zig):
 *
 *   local(t) = t · (1 + driftPpm·1e-6) + skewMs + Σ byMs of the jumps made at or before t
 *
 * Between jumps the clock is one segment of that line; a jump (`jump`, called by the fault
 * schedule at its instant) starts a new segment, so reading the clock stays one multiply-add.
 * Mechanisms read it wherever they compare timestamps (TTL expiry on the cache's own clock,
 * timestamp versions); metrics always use true time.
 */
import type { ClockSpec } from '../scenario/types.js';

export class Clock {
  private readonly rate: number;
  /** Offset of the current segment (skew plus the jumps so far). */
  private offset: number;
  /** True time the current segment began (-Infinity before any jump). */
  private since = Number.NEGATIVE_INFINITY;
  /** Earlier segments, oldest first: when each began and its offset (only kept once the clock has jumped). */
  private readonly history: { since: number; offset: number }[] = [];
  /** Every segment the clock will have, jumps to come included, as `history` will hold them: when each begins and its offset. */
  private readonly schedule: { since: number; offset: number }[];

  constructor(spec: ClockSpec) {
    this.rate = 1 + spec.driftPpm * 1e-6;
    this.offset = spec.skewMs;
    // Jumps step the clock in time order, those at one instant in the order written (as the fault schedule makes them).
    const jumps = [...spec.jumps].sort((a, b) => a.atMs - b.atMs);
    this.schedule = [{ since: Number.NEGATIVE_INFINITY, offset: spec.skewMs }];
    for (const { atMs, byMs } of jumps) this.schedule.push({ since: atMs, offset: (this.schedule.at(-1) as { offset: number }).offset + byMs });
  }

  /**
   * The true time from which this clock never again reads below `local`, its jumps to come
   * included (a step back can make an expired entry servable again): what `trueTimeOf(local)`
   * will say at any time after it. Infinity when the clock stays below it for ever.
   */
  lastBelow(local: number): number {
    const schedule = this.schedule;
    // Without jumps, as trueTimeOf computes it (the segment began at -∞).
    if (schedule.length === 1) return (local - schedule[0].offset) / this.rate;
    let last = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < schedule.length; i++) {
      const { since, offset } = schedule[i];
      if (i > 0 && local < since * this.rate + offset) continue; // begins above `local`: never below it
      const reached = Math.max(since, (local - offset) / this.rate);
      last = Math.max(last, i + 1 < schedule.length ? Math.min(schedule[i + 1].since, reached) : reached);
    }
    return last;
  }

  /** What the clock reads at true time `trueTime` (ms), taken in the current segment: read it at now. */
  read(trueTime: number): number {
    return trueTime * this.rate + this.offset;
  }

  /**
   * The true time (ms) at which this clock reached the reading `local` most recently, assuming
   * no further jump: in the current segment when it started at or below `local` (in the future
   * if the clock has not got there yet); otherwise in the latest earlier segment that did. A
   * reading skipped by a forward jump was passed at the jump's instant; one never reached
   * since an earlier segment maps to that segment's end.
   */
  trueTimeOf(local: number): number {
    if (this.history.length === 0 || local >= this.since * this.rate + this.offset) {
      return Math.max(this.since, (local - this.offset) / this.rate);
    }
    let end = this.since;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const segment = this.history[i];
      if (local >= segment.since * this.rate + segment.offset) {
        return Math.min(end, Math.max(segment.since, (local - segment.offset) / this.rate));
      }
      end = segment.since;
    }
    return end;
  }

  /** At true time `now`, step the clock by `byMs` (negative steps go back in time, as badly-run NTP does). */
  jump(byMs: number, now: number): void {
    this.history.push({ since: this.since, offset: this.offset });
    this.since = now;
    this.offset += byMs;
  }
}
