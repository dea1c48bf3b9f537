/**
 * A hash table from (session, key) pairs to a few numbers, in typed arrays with linear
 * probing: no object per pair and no Map overhead on the per-read path. Grows by doubling
 * at half load; memory is bounded by the pairs that occur, never by the number of reads.
 */

const EMPTY = -1;

export class PairTable {
  private ids: Float64Array<ArrayBuffer>;
  /** `columns` numbers per slot, row-major. */
  private values: Float64Array<ArrayBuffer>;
  private mask: number;
  private used = 0;

  constructor(private readonly columns: number) {
    this.ids = new Float64Array(1024).fill(EMPTY);
    this.values = new Float64Array(1024 * columns);
    this.mask = 1023;
  }

  /** The slot of `id` (≥ 0), inserting it with every column 0 if absent. */
  slot(id: number): number {
    let i = this.hash(id);
    for (;;) {
      const found = this.ids[i];
      if (found === id) return i;
      if (found === EMPTY) break;
      i = (i + 1) & this.mask;
    }
    if (2 * (this.used + 1) > this.ids.length) {
      this.grow();
      return this.slot(id);
    }
    this.ids[i] = id;
    this.used++;
    return i;
  }

  /** The slot of `id`, or -1 when absent (never inserts). */
  find(id: number): number {
    let i = this.hash(id);
    for (;;) {
      const found = this.ids[i];
      if (found === id) return i;
      if (found === EMPTY) return -1;
      i = (i + 1) & this.mask;
    }
  }

  get(slot: number, column: number): number {
    return this.values[slot * this.columns + column];
  }

  set(slot: number, column: number, value: number): void {
    this.values[slot * this.columns + column] = value;
  }

  private hash(id: number): number {
    // Fold the high bits in: ids may exceed 2^32.
    let h = (id | 0) ^ Math.floor(id / 4294967296);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) & this.mask;
  }

  private grow(): void {
    const oldIds = this.ids;
    const oldValues = this.values;
    const size = oldIds.length * 2;
    this.ids = new Float64Array(size).fill(EMPTY);
    this.values = new Float64Array(size * this.columns);
    this.mask = size - 1;
    this.used = 0;
    for (let i = 0; i < oldIds.length; i++) {
      if (oldIds[i] === EMPTY) continue;
      const slot = this.slot(oldIds[i]);
      for (let c = 0; c < this.columns; c++) this.values[slot * this.columns + c] = oldValues[i * this.columns + c];
    }
  }
}
