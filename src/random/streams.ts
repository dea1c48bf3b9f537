/**
 * Seeded randomness, one stream per purpose, all derived from the scenario seed.
 *
 * Two kinds, for two needs:
 * - `Stream` (sfc32): a sequence, for things drawn in an order every strategy shares
 *   (the arrival process of reads and writes and their keys, regions, sessions).
 * - `Indexed`: a counter-based draw `u(a, b, c)`, for things whose *number* of draws
 *   depends on the strategy (the n-th message to region r on key k, the latency of read i).
 *   Addressing draws by what they are for, not by when they happen, is what gives every
 *   strategy the same fate for the same message (common random numbers, SPEC §3).
 */

const TWO_POW_32 = 4294967296;

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function combine(h: number, x: number): number {
  return fmix32((h ^ Math.imul(x | 0, 0x9e3779b1)) + 0x7f4a7c15);
}

/** The seed of the stream named `purpose` for root seed `root` (FNV-1a over the name, mixed with the root). */
export function deriveSeed(root: number, purpose: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < purpose.length; i++) {
    h ^= purpose.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Roots above 2^32 still matter: fold the high part in.
  return combine(combine(h >>> 0, root >>> 0), Math.floor(root / TWO_POW_32));
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded as in
 * shared/bench/sfc32.py so a SimPy model fed the same seed draws the same numbers.
 */
export class Stream {
  /**
   * The four 32-bit words of state (a, b, c, d). A typed array, not four fields: V8 keeps
   * only 31-bit integers unboxed in object fields, and half of these words are wider.
   */
  private readonly state = new Int32Array(4);

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) >>> 0;
      return fmix32(s);
    };
    this.state[0] = splitmix();
    this.state[1] = splitmix();
    this.state[2] = splitmix();
    this.state[3] = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const state = this.state;
    const a = state[0];
    const b = state[1];
    const c = state[2];
    const d = state[3];
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / TWO_POW_32;
  }
}

/** Counter-based draws: the same (a, b, c) always gives the same uniform in [0, 1). */
export class Indexed {
  constructor(private readonly seed: number) {}

  u(a: number, b = 0, c = 0, d = 0): number {
    return combine(combine(combine(combine(this.seed, a), b), c), d) / TWO_POW_32;
  }
}

/** All streams of one run, by purpose. Building two `Streams` from one seed gives identical draws. */
export class Streams {
  readonly readArrivals: Stream;
  readonly readChoices: Stream;
  readonly writeArrivals: Stream;
  readonly writeChoices: Stream;
  /** Replication lag of write w to region r: `u(w, r)`. */
  readonly replicaLag: Indexed;
  /** One-way latency of hop h of operation i: `u(i, h)`; read j is operation 2j and write j operation 2j + 1, so they never share a draw. */
  readonly network: Indexed;
  /** Fate of the n-th message to region r on key k: `u(r, k, n, draw)`. */
  readonly bus: Indexed;
  /** TTL jitter of the fill made by read i. */
  readonly ttlJitter: Indexed;

  constructor(readonly root: number) {
    this.readArrivals = new Stream(deriveSeed(root, 'read-arrivals'));
    this.readChoices = new Stream(deriveSeed(root, 'read-choices'));
    this.writeArrivals = new Stream(deriveSeed(root, 'write-arrivals'));
    this.writeChoices = new Stream(deriveSeed(root, 'write-choices'));
    this.replicaLag = new Indexed(deriveSeed(root, 'replica-lag'));
    this.network = new Indexed(deriveSeed(root, 'network'));
    this.bus = new Indexed(deriveSeed(root, 'bus'));
    this.ttlJitter = new Indexed(deriveSeed(root, 'ttl-jitter'));
  }
}
