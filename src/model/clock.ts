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

/** A stretch of the clock between two jumps: when it began (true time) and its offset. */
interface Segment {
  since: number;
  offset: number;
}

export class Clock {
  private readonly rate: number;
  /** Offset of the current segment (skew plus the jumps so far). */
  private offset: number;
  /** The segments so far, oldest first, the current one last. */
  private readonly made: Segment[];
  /** Every segment the clock will have, jumps to come included, as `made` will hold them. */
  private readonly schedule: Segment[];

  constructor(spec: ClockSpec) {
    this.rate = 1 + spec.driftPpm * 1e-6;
    this.offset = spec.skewMs;
    this.made = [{ since: Number.NEGATIVE_INFINITY, offset: spec.skewMs }];
    // Jumps step the clock in time order, those at one instant in the order written (as the fault schedule makes them).
    const jumps = [...spec.jumps].sort((a, b) => a.atMs - b.atMs);
    this.schedule = [{ since: Number.NEGATIVE_INFINITY, offset: spec.skewMs }];
    for (const { atMs, byMs } of jumps) this.schedule.push({ since: atMs, offset: (this.schedule.at(-1) as Segment).offset + byMs });
  }

  /** What the clock reads at true time `trueTime` (ms), taken in the current segment: read it at now. */
  read(trueTime: number): number {
    return trueTime * this.rate + this.offset;
  }

  /**
   * The true time (ms) at which this clock reached the reading `local` most recently, assuming
   * no further jump: in the current segment when it started at or below `local` (in the future
   * if the clock has not got there yet); otherwise in the latest earlier segment that did. A
   * reading skipped by a forward jump was passed at the jump's instant.
   */
  trueTimeOf(local: number): number {
    return lastReached(this.made, local, this.rate);
  }

  /**
   * The first true time at or after `from` at which this clock reads `local` or more, its
   * jumps to come included; Infinity if it never does. An entry stored at `from` to expire at
   * the reading `local` ends then for good: before a step back the fault schedule ends every
   * entry already expired, so none is served again.
   */
  firstReaching(local: number, from: number): number {
    const segments = this.schedule;
    for (let i = 0; i < segments.length; i++) {
      const end = i + 1 < segments.length ? segments[i + 1].since : Infinity;
      if (end <= from) continue;
      const { since, offset } = segments[i];
      const start = Math.max(since, from);
      if (start * this.rate + offset >= local) return start;
      const reached = (local - offset) / this.rate;
      if (reached < end) return reached;
    }
    return Infinity;
  }

  /** At true time `now`, step the clock by `byMs` (negative steps go back in time, as badly-run NTP does). */
  jump(byMs: number, now: number): void {
    this.offset += byMs;
    this.made.push({ since: now, offset: this.offset });
  }
}

/**
 * When a clock made of `segments` (at `rate`) last reached the reading `local`: in the latest
 * segment that began at or below it, where it gets there (or that segment's end, if a jump
 * came first). Later segments begin later, so the latest such segment gives the latest time.
 */
function lastReached(segments: readonly Segment[], local: number, rate: number): number {
  for (let i = segments.length - 1; i > 0; i--) {
    const { since, offset } = segments[i];
    if (local < since * rate + offset) continue; // began above `local`
    const reached = Math.max(since, (local - offset) / rate);
    return i + 1 < segments.length ? Math.min(segments[i + 1].since, reached) : reached;
  }
  // The first segment began at -∞, below any reading.
  const reached = (local - segments[0].offset) / rate;
  return segments.length > 1 ? Math.min(segments[1].since, reached) : reached;
}
