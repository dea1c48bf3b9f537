/**
 * A min-heap of deadlines, each with an id and a version, in typed arrays (no object per
 * entry): what comes due first is at the top. Entries that no longer matter are not taken
 * out; whoever pops one checks it is still current.
 */
import { grownFloat64, grownInt32 } from './typed-arrays.js';

export class DeadlineQueue {
  private deadlines = new Float64Array(64);
  /** Ids as doubles: `cache · keys + key` may pass 2^31. */
  private ids = new Float64Array(64);
  private versions = new Int32Array(64);
  private size = 0;
  /** The entry `pop` took out last. */
  poppedId = 0;
  poppedVersion = 0;

  /** The first deadline (Infinity when empty). */
  next(): number {
    return this.size === 0 ? Infinity : this.deadlines[0];
  }

  push(deadline: number, id: number, version: number): void {
    if (this.size === this.deadlines.length) {
      const size = 2 * this.size;
      this.deadlines = grownFloat64(this.deadlines, size);
      this.ids = grownFloat64(this.ids, size);
      this.versions = grownInt32(this.versions, size);
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.deadlines[parent] <= deadline) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, deadline, id, version);
  }

  /** Takes out the first entry: its deadline is returned, its id and version left in `poppedId` and `poppedVersion`. */
  pop(): number {
    const deadline = this.deadlines[0];
    this.poppedId = this.ids[0];
    this.poppedVersion = this.versions[0];
    const last = --this.size;
    const moving = this.deadlines[last];
    const id = this.ids[last];
    const version = this.versions[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.deadlines[child + 1] < this.deadlines[child]) child++;
      if (moving <= this.deadlines[child]) break;
      this.move(child, i);
      i = child;
    }
    if (last > 0) this.set(i, moving, id, version);
    return deadline;
  }

  private move(from: number, to: number): void {
    this.set(to, this.deadlines[from], this.ids[from], this.versions[from]);
  }

  private set(i: number, deadline: number, id: number, version: number): void {
    this.deadlines[i] = deadline;
    this.ids[i] = id;
    this.versions[i] = version;
  }
}
