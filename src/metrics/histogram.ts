/**
 * A streaming log-linear histogram of non-negative values in milliseconds, recorded as
 * integer microseconds (a value above 0 as 1 µs at least). Values below 2^SUB_BITS µs get a
 * bucket each (exact); above, each power of two is split into 2^(SUB_BITS-1) equal buckets,
 * so a bucket's width is at most 1/2^(SUB_BITS-1) of its lower bound and its midpoint is
 * within half that of any value in it: with SUB_BITS = 8, ≤ 0.4 % relative error. Counts
 * merge exactly and do not depend on the order values arrived in. Memory is fixed whatever the number of values.
 */

const SUB_BITS = 8;
const SUB_COUNT = 1 << SUB_BITS; // values below this (µs) are exact
const HALF = SUB_COUNT >> 1;
/** Enough shifts for values up to 2^53 µs (≈ 285 years of simulated time). */
const MAX_SHIFT = 53 - (SUB_BITS - 1);
const BUCKETS = SUB_COUNT + MAX_SHIFT * HALF;
const TWO_POW_31 = 2147483648;

function bucketOf(us: number): number {
  if (us < SUB_COUNT) return us;
  // shift = floor(log2(us)) - (SUB_BITS - 1): how far to shift to keep SUB_BITS significant bits.
  if (us < TWO_POW_31) {
    // The common case (under 35 minutes) in 32-bit integer arithmetic.
    const shift = 31 - Math.clz32(us) - (SUB_BITS - 1);
    return SUB_COUNT + (shift - 1) * HALF + ((us >>> shift) - HALF);
  }
  const shift = 31 + (31 - Math.clz32(Math.floor(us / TWO_POW_31))) - (SUB_BITS - 1);
  const mantissa = Math.floor(us / 2 ** shift); // in [HALF, SUB_COUNT)
  return SUB_COUNT + (shift - 1) * HALF + (mantissa - HALF);
}

/** Lower bound (µs, inclusive) and width of a bucket. */
function bucketRange(index: number): [number, number] {
  if (index < SUB_COUNT) return [index, 1];
  const shift = Math.floor((index - SUB_COUNT) / HALF) + 1;
  const mantissa = HALF + ((index - SUB_COUNT) % HALF);
  const width = 2 ** shift;
  return [mantissa * width, width];
}

export class Histogram {
  private counts = new Float64Array(BUCKETS);
  count = 0;
  /** Exact sum and extremes (milliseconds). */
  sum = 0;
  max = 0;
  min = Infinity;

  record(ms: number): void {
    // A positive value rounds to 1 µs at least: bucket 0 holds zeros only, so a read stale by
    // a fraction of a microsecond is never counted among the fresh ones.
    const us = ms > 0 ? Math.max(1, Math.round(ms * 1000)) : 0;
    this.counts[bucketOf(us)]++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (ms < this.min) this.min = ms;
  }

  merge(other: Histogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
    if (other.min < this.min) this.min = other.min;
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /**
   * The q-quantile (nearest rank: the smallest recorded value v with at least q of all values ≤ v),
   * reported as its bucket's midpoint clamped to the exact min and max, in milliseconds.
   */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        const [low, width] = bucketRange(i);
        const mid = width === 1 ? low : low + (width - 1) / 2;
        return Math.min(this.max, Math.max(this.min, mid / 1000));
      }
    }
    return this.max;
  }

  /** How many recorded values are ≤ `ms` (to bucket resolution). */
  countAtMost(ms: number): number {
    const last = bucketOf(Math.max(0, Math.round(ms * 1000)));
    let n = 0;
    for (let i = 0; i <= last; i++) n += this.counts[i];
    return n;
  }
}
