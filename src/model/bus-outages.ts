/**
 * When the bus loses deliveries, known from the start of a run: the loss probability in force
 * (the scenario's `bus.loss`, or an open `bus_loss` window's) and, per region, the stretches in
 * which it is cut off by a dropping partition. The bus asks at each attempt's departure, so an
 * at-least-once resend meets the loss in force when it leaves, not the one its message was
 * sent under; and a run of attempts certain to be lost (a cut, or a loss of 1) is counted in
 * one step rather than one attempt at a time, which over a long partition would cost
 * (messages × attempts) — quadratic in its length.
 *
 * Windows are half-open, [from, until), like the fault events that used to switch them: a
 * fault's events come first among those of an instant.
 */

/** A `bus_loss` window. */
export interface LossWindow {
  fromMs: number;
  untilMs: number;
  loss: number;
}

/** A window in which deliveries to `region` are dropped (a partition with `on_partition: drop`). */
export interface CutWindow {
  region: number;
  fromMs: number;
  untilMs: number;
}

export class BusOutages {
  /** Instants where the loss in force changes, rising; `losses[i]` holds from `lossTimes[i]` (the base loss before the first). */
  private readonly lossTimes: number[] = [];
  private readonly losses: number[] = [];
  /** Per region, disjoint cut stretches, rising: [from, until, from, until, …]. */
  private readonly cuts: number[][];
  /** Whether any window exists: without one every lookup is a field read. */
  private readonly quiet: boolean;

  constructor(
    private readonly baseLoss: number,
    regions: number,
    /** In fault order: of overlapping windows, the one started last is in force, a later fault first among equal starts. */
    lossWindows: readonly LossWindow[],
    cutWindows: readonly CutWindow[],
  ) {
    const open = lossWindows.map((w, order) => ({ ...w, order })).filter((w) => w.untilMs > w.fromMs);
    const instants = [...new Set(open.flatMap((w) => [w.fromMs, w.untilMs]))].sort((a, b) => a - b);
    for (const t of instants) {
      const inForce = open.filter((w) => w.fromMs <= t && t < w.untilMs).sort((a, b) => b.fromMs - a.fromMs || b.order - a.order)[0];
      this.lossTimes.push(t);
      this.losses.push(inForce ? inForce.loss : baseLoss);
    }
    this.cuts = Array.from({ length: regions }, (_, region) => union(cutWindows.filter((c) => c.region === region && c.untilMs > c.fromMs)));
    this.quiet = this.lossTimes.length === 0 && this.cuts.every((c) => c.length === 0);
  }

  /** The probability that an attempt leaving at `time` is lost. */
  lossAt(time: number): number {
    if (this.quiet) return this.baseLoss;
    const i = lastAtOrBefore(this.lossTimes, time);
    return i < 0 ? this.baseLoss : this.losses[i];
  }

  /** Whether deliveries to `region` at `time` are dropped by a partition. */
  isCut(region: number, time: number): boolean {
    return !this.quiet && this.cutEnd(region, time) > time;
  }

  /**
   * The end of the stretch from `time` on in which every attempt leaving for `region` is lost
   * (cut off, or a loss of 1 in force) — `time` itself when one leaving then may get through.
   */
  lostUntil(region: number, time: number): number {
    let until = time;
    for (;;) {
      const cutEnd = this.quiet ? until : this.cutEnd(region, until);
      if (cutEnd > until) {
        until = cutEnd;
        continue;
      }
      if (this.lossAt(until) < 1) return until;
      until = this.lossChangeAfter(until);
      if (until === Infinity) return until;
    }
  }

  /** The end of the cut stretch of `region` holding `time`, or `time` when none does. */
  private cutEnd(region: number, time: number): number {
    const cuts = this.cuts[region];
    // Stretch starts sit at even positions: the last start at or before `time`.
    const i = lastAtOrBefore(cuts, time);
    return i >= 0 && i % 2 === 0 && time < cuts[i + 1] ? cuts[i + 1] : time;
  }

  /** The first instant after `time` where the loss in force changes (∞ when it never does again). */
  private lossChangeAfter(time: number): number {
    const i = lastAtOrBefore(this.lossTimes, time) + 1;
    return i < this.lossTimes.length ? this.lossTimes[i] : Infinity;
  }
}

/** Index of the last value ≤ `time` in rising `values`, or -1 (binary search). */
function lastAtOrBefore(values: readonly number[], time: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] <= time) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Overlapping or touching windows merged, as [from, until, …] rising. */
function union(windows: readonly CutWindow[]): number[] {
  const sorted = [...windows].sort((a, b) => a.fromMs - b.fromMs);
  const merged: number[] = [];
  for (const w of sorted) {
    const last = merged.length - 1;
    if (last > 0 && w.fromMs <= merged[last]) merged[last] = Math.max(merged[last], w.untilMs);
    else merged.push(w.fromMs, w.untilMs);
  }
  return merged;
}
