/**
 * Discrete choices with O(1) draws: Walker's alias method. Used for key popularity
 * (Zipf over many keys) and region weights, which are drawn once per operation.
 */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    if (!(n > 0 && total > 0)) throw new RangeError('an alias table needs at least one positive weight');
    this.size = n;
    // Vose's method. Tables over millions of keys are built once per run: the scaled weights
    // are worked on in place and the two worklists are typed stacks, not growing arrays.
    const scaled = new Float64Array(n);
    this.probability = scaled;
    this.alias = new Int32Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let smalls = 0;
    let larges = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      if (scaled[i] < 1) small[smalls++] = i;
      else large[larges++] = i;
    }
    while (smalls > 0 && larges > 0) {
      const s = small[--smalls];
      const l = large[larges - 1];
      // scaled[s] is final: it is the probability of keeping column s.
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        larges--;
        small[smalls++] = l;
      }
    }
    // What is left is 1 up to rounding.
    while (larges > 0) scaled[large[--larges]] = 1;
    while (smalls > 0) scaled[small[--smalls]] = 1;
  }

  /** Index drawn with probability proportional to its weight, from one uniform u ∈ [0, 1). */
  pick(u: number): number {
    const scaled = u * this.size;
    const column = Math.floor(scaled);
    return scaled - column < this.probability[column] ? column : this.alias[column];
  }
}

/** Zipf weights 1/(i+1)^s over n items (s = 0 is uniform). Key 0 is the most popular. */
export function zipfWeights(n: number, exponent: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / (i + 1) ** exponent;
  return w;
}
