/**
 * The discrete-event engine: a binary min-heap of events ordered by (time, sequence).
 * The sequence number is global and increasing, so events scheduled for the same instant
 * run in the order they were scheduled — the property that makes runs reproducible.
 *
 * An event is a small integer `kind` plus three integer arguments; what they mean is the
 * caller's business (the engine knows nothing of caches). Storage is struct-of-arrays in
 * typed arrays (no object per event), grown by doubling: this loop is the hot path.
 */
import { grownFloat64, grownInt32 } from '../util/typed-arrays.js';

/** Receives every event; one switch in the caller beats a closure per event. */
export interface EventHandler {
  handle(kind: number, a: number, b: number, c: number): void;
}

const INITIAL_CAPACITY = 1024;

export class Engine {
  /** Current simulated time in milliseconds. */
  now = 0;
  /** Events processed so far. */
  processed = 0;

  private size = 0;
  private capacity = INITIAL_CAPACITY;
  private nextSeq = 0;
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private kinds = new Int32Array(INITIAL_CAPACITY);
  private argA = new Int32Array(INITIAL_CAPACITY);
  private argB = new Int32Array(INITIAL_CAPACITY);
  private argC = new Int32Array(INITIAL_CAPACITY);

  get pending(): number {
    return this.size;
  }

  /** Schedule an event at absolute time `time` (never earlier than `now`). */
  at(time: number, kind: number, a = 0, b = 0, c = 0): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time} before now (${this.now})`);
    if (this.size === this.capacity) this.grow();
    const seq = this.nextSeq++;
    // Sift up: move parents down until the new event's slot is found.
    let i = this.size++;
    const times = this.times;
    const seqs = this.seqs;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    this.place(i, time, seq, kind, a, b, c);
  }

  /** Schedule an event `delay` milliseconds from now. */
  after(delay: number, kind: number, a = 0, b = 0, c = 0): void {
    this.at(this.now + delay, kind, a, b, c);
  }

  /**
   * Run events in order until the next one is later than `until` (events at exactly
   * `until` run) or none is left. `now` ends at `until` unless the heap ran dry earlier.
   */
  run(until: number, handler: EventHandler): void {
    while (this.size > 0) {
      // Arrays are read through `this` each time: the handler may have grown them.
      const t = this.times[0];
      if (t > until) break;
      const kind = this.kinds[0];
      const a = this.argA[0];
      const b = this.argB[0];
      const c = this.argC[0];
      this.popRoot();
      this.now = t;
      this.processed++;
      handler.handle(kind, a, b, c);
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }

  private popRoot(): void {
    const last = --this.size;
    if (last === 0) return;
    const times = this.times;
    const seqs = this.seqs;
    const time = times[last];
    const seq = seqs[last];
    const kind = this.kinds[last];
    const a = this.argA[last];
    const b = this.argB[last];
    const c = this.argC[last];
    // Sift the former last element down from the root.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last) {
        const ct = times[child];
        const rt = times[right];
        if (rt < ct || (rt === ct && seqs[right] < seqs[child])) child = right;
      }
      const ct = times[child];
      if (time < ct || (time === ct && seq < seqs[child])) break;
      this.move(child, i);
      i = child;
    }
    this.place(i, time, seq, kind, a, b, c);
  }

  private place(i: number, time: number, seq: number, kind: number, a: number, b: number, c: number): void {
    this.times[i] = time;
    this.seqs[i] = seq;
    this.kinds[i] = kind;
    this.argA[i] = a;
    this.argB[i] = b;
    this.argC[i] = c;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.kinds[to] = this.kinds[from];
    this.argA[to] = this.argA[from];
    this.argB[to] = this.argB[from];
    this.argC[to] = this.argC[from];
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.times = grownFloat64(this.times, capacity);
    this.seqs = grownFloat64(this.seqs, capacity);
    this.kinds = grownInt32(this.kinds, capacity);
    this.argA = grownInt32(this.argA, capacity);
    this.argB = grownInt32(this.argB, capacity);
    this.argC = grownInt32(this.argC, capacity);
    this.capacity = capacity;
  }
}
