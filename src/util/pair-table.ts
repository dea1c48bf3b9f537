/**
 * A hash table from (session, key) pair ids to a few numbers, in one typed array with linear
 * probing. Each slot keeps its id next to its values, so a lookup touches one cache line:
 * with many sessions × keys the table outgrows the CPU caches, and the checkers look it up
 * on every read. At half load it first drops the rows its owner no longer needs (`keep`), and
 * doubles only if more than a quarter is still in use: memory follows the pairs that matter,
 * never the number of reads.
 */

const EMPTY = -1;

/** Whether a row is still needed: `row[offset + c]` is column c of pair `id`. */
export type KeepRow = (id: number, row: Float64Array, offset: number) => boolean;

const keepAll: KeepRow = () => true;

export class PairTable {
  /** Per slot: the id, then `columns` values. */
  private rows: Float64Array<ArrayBuffer>;
  private readonly stride: number;
  private mask: number;
  private used = 0;

  constructor(
    columns: number,
    private readonly keep: KeepRow = keepAll,
  ) {
    this.stride = columns + 1;
    this.mask = 1023;
    this.rows = PairTable.emptyRows(1024, this.stride);
  }

  private static emptyRows(slots: number, stride: number): Float64Array<ArrayBuffer> {
    const rows = new Float64Array(slots * stride);
    PairTable.clear(rows, stride);
    return rows;
  }

  /** Empties every slot: no id, every column 0. */
  private static clear(rows: Float64Array, stride: number): void {
    rows.fill(0);
    for (let i = 0; i < rows.length; i += stride) rows[i] = EMPTY;
  }

  /** Rows held (some may be dropped at the next rebuild). */
  get size(): number {
    return this.used;
  }

  /** The slot of `id` (≥ 0), inserting it with every column 0 if absent. */
  slot(id: number): number {
    const i = this.probe(id);
    if (this.rows[i * this.stride] === id) return i;
    if (2 * (this.used + 1) > this.mask + 1) {
      this.rebuild();
      return this.slot(id);
    }
    this.rows[i * this.stride] = id;
    this.used++;
    return i;
  }

  /** The slot of `id`, or -1 when absent (never inserts). */
  find(id: number): number {
    const i = this.probe(id);
    return this.rows[i * this.stride] === id ? i : -1;
  }

  /** Where `id` is, or the empty slot where it would go (linear probing from its hash). */
  private probe(id: number): number {
    let i = this.hash(id);
    for (;;) {
      const found = this.rows[i * this.stride];
      if (found === id || found === EMPTY) return i;
      i = (i + 1) & this.mask;
    }
  }

  get(slot: number, column: number): number {
    return this.rows[slot * this.stride + 1 + column];
  }

  set(slot: number, column: number, value: number): void {
    this.rows[slot * this.stride + 1 + column] = value;
  }

  private hash(id: number): number {
    // Fold the high bits in: ids may exceed 2^32.
    let h = (id | 0) ^ Math.floor(id / 4294967296);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) & this.mask;
  }

  /**
   * Keep the rows still needed, in a table of the same size or, if that stays over a quarter
   * full, twice the size. A table that keeps its size is cleared in place, the survivors set
   * aside meanwhile: a fresh table of every rebuild cost more (page faults on each large
   * allocation) than the rest of the rebuild.
   */
  private rebuild(): void {
    const old = this.rows;
    const stride = this.stride;
    const survivors: number[] = [];
    for (let i = 0; i < old.length; i += stride) {
      if (old[i] !== EMPTY && this.keep(old[i], old, i + 1)) survivors.push(i);
    }
    // The survivors' rows back to back, id first.
    const kept = new Float64Array(survivors.length * stride);
    survivors.forEach((from, n) => kept.set(old.subarray(from, from + stride), n * stride));
    const size = this.mask + 1;
    if (4 * survivors.length > size) {
      this.rows = PairTable.emptyRows(size * 2, stride);
      this.mask = size * 2 - 1;
    } else {
      PairTable.clear(old, stride);
    }
    this.used = 0;
    for (let at = 0; at < kept.length; at += stride) {
      const slot = this.slot(kept[at]);
      this.rows.set(kept.subarray(at + 1, at + stride), slot * stride + 1);
    }
  }
}
