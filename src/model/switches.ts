/**
 * Switches that nest, one counter per slot (a region, or an ordered pair of regions): each
 * `on` needs its own `off`, and a slot is on while any of its switches is. Overlapping fault
 * windows over the same slot therefore end cleanly, whatever order they end in.
 *
 * `isOn` sits on hot paths (every delivery, every replica apply, every cross-region read), so
 * when no switch is on anywhere it is a single field read.
 */
export class Switches {
  private readonly counts: Int32Array;
  /** Switches on over all slots: the fast path. */
  private total = 0;

  constructor(slots: number) {
    this.counts = new Int32Array(slots);
  }

  isOn(slot: number): boolean {
    return this.total > 0 && this.counts[slot] > 0;
  }

  on(slot: number): void {
    this.counts[slot]++;
    this.total++;
  }

  /** Turn one switch of `slot` off; returns true when it was the last one (the slot is now off). */
  off(slot: number): boolean {
    if (this.counts[slot] === 0) throw new Error(`bug: switch ${slot} turned off more often than on`);
    this.total--;
    return --this.counts[slot] === 0;
  }
}
