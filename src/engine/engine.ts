/**
 * The discrete-event engine: a binary min-heap of events ordered by (time, sequence).
 * The sequence number is global and increasing, so events scheduled for the same instant
 * run in the order they were scheduled — the property that makes runs reproducible.
 *
 * An event is a small integer `kind` plus three integer arguments; what they mean is the
 * caller's business (the engine knows nothing of caches). Events live in slots of
 * struct-of-arrays typed arrays (no object per event), reused through a free list; the heap
 * itself holds only slot numbers, so sifting moves one integer per level: this loop is the
 * hot path.
 *
 * A recurring event that is never pending more than once (the next arrival of a Poisson
 * process) can be a *stream* instead: it waits in a slot of its own beside the heap, and the
 * loop takes whichever comes first. It gets its sequence number when scheduled, like any
 * event, so the order of events is exactly what the heap alone would give; it just never
 * pays for a trip through the heap.
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
  /** Slot numbers, heap-ordered by their (time, seq). */
  private heap = new Int32Array(INITIAL_CAPACITY);
  /** Slots never used yet start here; freed ones wait in `free`. */
  private fresh = 0;
  private free = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private kinds = new Int32Array(INITIAL_CAPACITY);
  private argA = new Int32Array(INITIAL_CAPACITY);
  private argB = new Int32Array(INITIAL_CAPACITY);
  private argC = new Int32Array(INITIAL_CAPACITY);
  /** Per stream: its event kind, and the time and sequence of its pending event (Infinity: none). */
  private streamKinds: number[] = [];
  private streamTimes: number[] = [];
  private streamSeqs: number[] = [];

  get pending(): number {
    let streams = 0;
    for (const time of this.streamTimes) if (time !== Infinity) streams++;
    return this.size + streams;
  }

  /** A new stream of events of `kind` (with arguments 0), nothing pending yet; returns its number. */
  stream(kind: number): number {
    this.streamKinds.push(kind);
    this.streamTimes.push(Infinity);
    this.streamSeqs.push(Infinity);
    return this.streamKinds.length - 1;
  }

  /** Schedule the next event of `stream` at `time`; it must have none pending. */
  next(stream: number, time: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time} before now (${this.now})`);
    if (this.streamTimes[stream] !== Infinity) throw new RangeError(`stream ${stream} already has an event pending`);
    this.streamTimes[stream] = time;
    this.streamSeqs[stream] = this.nextSeq++;
  }

  /** Schedule an event at absolute time `time` (never earlier than `now`). */
  at(time: number, kind: number, a = 0, b = 0, c = 0): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time} before now (${this.now})`);
    const slot = this.freeCount > 0 ? this.free[--this.freeCount] : this.freshSlot();
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    times[slot] = time;
    seqs[slot] = seq;
    this.kinds[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    this.argC[slot] = c;
    // Sift up: move parents down until the new event's place is found.
    const heap = this.heap;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent];
      const pt = times[above];
      if (pt < time || (pt === time && seqs[above] < seq)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Schedule an event `delay` milliseconds from now. */
  after(delay: number, kind: number, a = 0, b = 0, c = 0): void {
    this.at(this.now + delay, kind, a, b, c);
  }

  /**
   * Run events in order until the next one is later than `until` (events at exactly
   * `until` run) or none is left. `now` ends at `until` when it is finite, even if the heap ran dry earlier.
   */
  run(until: number, handler: EventHandler): void {
    const streamTimes = this.streamTimes;
    const streamSeqs = this.streamSeqs;
    const streams = streamTimes.length;
    for (;;) {
      // The earliest pending stream event, if any, against the heap's root.
      let stream = -1;
      let t = Infinity;
      let seq = Infinity;
      for (let s = 0; s < streams; s++) {
        const st = streamTimes[s];
        if (st < t || (st === t && st !== Infinity && streamSeqs[s] < seq)) {
          stream = s;
          t = st;
          seq = streamSeqs[s];
        }
      }
      if (this.size > 0) {
        // Arrays are read through `this` each time: the handler may have grown them.
        const slot = this.heap[0];
        const ht = this.times[slot];
        if (ht < t || (ht === t && this.seqs[slot] < seq)) {
          if (ht > until) break;
          const kind = this.kinds[slot];
          const a = this.argA[slot];
          const b = this.argB[slot];
          const c = this.argC[slot];
          this.popRoot();
          this.free[this.freeCount++] = slot;
          this.now = ht;
          this.processed++;
          handler.handle(kind, a, b, c);
          continue;
        }
      }
      if (stream < 0 || t > until) break;
      streamTimes[stream] = Infinity;
      this.now = t;
      this.processed++;
      handler.handle(this.streamKinds[stream], 0, 0, 0);
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }

  private popRoot(): void {
    const last = --this.size;
    if (last === 0) return;
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    const moving = heap[last];
    const time = times[moving];
    const seq = seqs[moving];
    // Sift the former last slot down from the root.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let below = heap[child];
      const right = child + 1;
      if (right < last) {
        const other = heap[right];
        const ct = times[below];
        const rt = times[other];
        if (rt < ct || (rt === ct && seqs[other] < seqs[below])) {
          child = right;
          below = other;
        }
      }
      const ct = times[below];
      if (time < ct || (time === ct && seq < seqs[below])) break;
      heap[i] = below;
      i = child;
    }
    heap[i] = moving;
  }

  private freshSlot(): number {
    if (this.fresh === this.capacity) this.grow();
    return this.fresh++;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.heap = grownInt32(this.heap, capacity);
    this.free = grownInt32(this.free, capacity);
    this.times = grownFloat64(this.times, capacity);
    this.seqs = grownFloat64(this.seqs, capacity);
    this.kinds = grownInt32(this.kinds, capacity);
    this.argA = grownInt32(this.argA, capacity);
    this.argB = grownInt32(this.argB, capacity);
    this.argC = grownInt32(this.argC, capacity);
    this.capacity = capacity;
  }
}
