/**
 * The invalidation/update bus between regions. A message to one region is lost with
 * probability `loss`; otherwise it arrives after a drawn `delay`, and with probability
 * `duplicate` arrives a second time after another draw. Reordering comes from delay
 * variance. Under at-least-once delivery a lost attempt is retried after the redelivery
 * timeout until one gets through (or the run ends).
 *
 * Every draw is addressed by (region, key, n, draw) where n counts this run's messages to
 * that region on that key, so two strategies sending the n-th message about a key to a
 * region see the same fate (SPEC §3, common random numbers).
 */
import { type Sampler, sampler } from '../random/distributions.js';
import type { Indexed } from '../random/streams.js';
import type { BusSpec } from '../scenario/types.js';
import type { Observer } from './observer.js';

/** Where accepted deliveries go: the simulation schedules them as events. */
export type DeliverySink = (time: number, region: number, key: number, version: number) => void;

const DRAW_LOSS = 0;
const DRAW_DELAY = 1;
const DRAW_DUPLICATE = 2;
const DRAW_DUPLICATE_DELAY = 3;
const DRAWS_PER_ATTEMPT = 4;

export class Bus {
  private readonly sent: Int32Array;
  private readonly delay: Sampler;
  loss: number;

  constructor(
    private readonly spec: BusSpec,
    regions: number,
    private readonly keys: number,
    private readonly draws: Indexed,
    private readonly horizon: number,
    private readonly observer: Observer,
    private readonly deliver: DeliverySink,
  ) {
    this.sent = new Int32Array(regions * keys);
    this.delay = sampler(spec.delay);
    this.loss = spec.loss;
  }

  /** Send a message about `key` (carrying `version`) to `region` at time `now`. */
  send(region: number, key: number, version: number, now: number): void {
    const n = this.sent[region * this.keys + key]++;
    this.observer.messageSent(region, key, version, now);
    let departs = now;
    for (let attempt = 0; ; attempt++) {
      const base = attempt * DRAWS_PER_ATTEMPT;
      if (this.draws.u(region, key, n, base + DRAW_LOSS) >= this.loss) {
        this.deliver(departs + this.delay(this.draws.u(region, key, n, base + DRAW_DELAY)), region, key, version);
        if (this.draws.u(region, key, n, base + DRAW_DUPLICATE) < this.spec.duplicate) {
          this.observer.messageDuplicated(region, key, version, departs);
          this.deliver(departs + this.delay(this.draws.u(region, key, n, base + DRAW_DUPLICATE_DELAY)), region, key, version);
        }
        return;
      }
      this.observer.messageLost(region, key, version, departs);
      departs += this.spec.redeliveryTimeoutMs;
      if (this.spec.delivery === 'at-most-once' || departs > this.horizon) return;
    }
  }
}
