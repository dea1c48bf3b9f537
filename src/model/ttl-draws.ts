import type { Indexed } from '../random/streams.js';

/**
 * A regional entry's TTL, within ttl·(1 ± jitter), its draw addressed by what stores it: a
 * fill by its read's number `(i)`, an update by `(key, version ≥ 1, region + 1)`.
 */
export class TtlDraws {
  constructor(
    private readonly ttlMs: number,
    private readonly jitter: number,
    private readonly stream: Indexed,
  ) {}

  draw(a: number, b = 0, c = 0): number {
    if (this.jitter === 0) return this.ttlMs;
    return this.ttlMs * (1 + this.jitter * (2 * this.stream.u(a, b, c) - 1));
  }
}
