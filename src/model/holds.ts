/**
 * Holding back what arrives for a target (a region) while something blocks it — a partition,
 * a paused consumer, a paused replica — and letting it through, in arrival order, when the
 * last block ends. Shared by the bus (deliveries) and the database (replica applies).
 *
 * `isHeld` runs on every delivery and apply, so it is one field read when nothing is blocked.
 * A target's queue is dropped when released: nothing held outlives its blocks.
 */
import { Switches } from './switches.js';

/** Receives each released item, oldest first: (target, key, version). */
export type Release = (target: number, key: number, version: number) => void;

export class Holds {
  private readonly blocks: Switches;
  /** Per target, held items as flat (key, version) pairs. */
  private readonly queues: number[][];

  constructor(targets: number) {
    this.blocks = new Switches(targets);
    this.queues = Array.from({ length: targets }, () => []);
  }

  /** Whether what arrives for `target` now must be held. */
  isHeld(target: number): boolean {
    return this.blocks.isOn(target);
  }

  /** Start holding for `target`; blocks nest (each `block` needs its `unblock`). */
  block(target: number): void {
    this.blocks.on(target);
  }

  /** End one block; when it was the last one for `target`, hand what was held to `release`, oldest first. */
  unblock(target: number, release: Release): void {
    if (!this.blocks.off(target)) return;
    const queue = this.queues[target];
    this.queues[target] = [];
    for (let i = 0; i < queue.length; i += 2) release(target, queue[i], queue[i + 1]);
  }

  /** Keep an item that arrived for a held `target` until its release. */
  hold(target: number, key: number, version: number): void {
    this.queues[target].push(key, version);
  }

  /** Items waiting for `target`. */
  held(target: number): number {
    return this.queues[target].length / 2;
  }
}
