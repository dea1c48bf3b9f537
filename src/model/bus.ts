/**
 * The invalidation/update bus between regions. A message to one region is lost with the
 * loss in force; otherwise it arrives after a drawn `delay`, and with probability `duplicate`
 * arrives a second time after another draw. Reordering comes from delay variance. Under
 * at-least-once delivery a lost attempt is retried after the redelivery timeout until one gets
 * through (or the run ends).
 *
 * Every draw is addressed by (region, key, n, draw) where n counts this run's messages to
 * that region on that key, so two strategies sending the n-th message about a key to a
 * region see the same fate (SPEC §3, common random numbers).
 *
 * Losses are known from the start (`BusOutages`: `bus_loss` windows, dropping partitions), so
 * each attempt meets those in force when it leaves and, for a cut, when it arrives. Holds act
 * through verbs: `hold`/`release` (a retaining partition or a paused consumer: deliveries
 * wait and arrive, in arrival order, when the last hold ends); they nest.
 */
import { type Sampler, sampler } from '../random/distributions.js';
import type { Indexed } from '../random/streams.js';
import type { BusSpec } from '../scenario/types.js';
import type { BusOutages } from './bus-outages.js';
import { Holds } from './holds.js';
import type { Observer } from './observer.js';
import type { VersionWatch } from '../util/versions-on-their-way.js';

/** Where accepted deliveries go: the simulation schedules them as events. */
export type DeliverySink = (time: number, region: number, key: number, version: number) => void;

const DRAW_LOSS = 0;
const DRAW_DELAY = 1;
const DRAW_DUPLICATE = 2;
const DRAW_DUPLICATE_DELAY = 3;
const DRAWS_PER_ATTEMPT = 4;

export class Bus {
  private readonly sent: Int32Array;
  /** Deliveries a dropping partition lost and at-least-once sent again, per (region, key). */
  private readonly resent: Int32Array;
  private readonly delay: Sampler;
  /** Deliveries held per region (retaining partitions, paused consumers). */
  private readonly holds: Holds;

  constructor(
    private readonly spec: BusSpec,
    regions: number,
    private readonly keys: number,
    private readonly draws: Indexed,
    private readonly outages: BusOutages,
    private readonly horizon: number,
    private readonly observer: Observer,
    private readonly deliver: DeliverySink,
    /**
     * Told of each delivery from when it is scheduled until it is dropped, or until its consumer
     * calls `landed` once it has acted on it (a held delivery stays on its way): for messages
     * carrying values a cache will store (write-update), and for versions whose stamps must be
     * kept while a message carries them.
     */
    private readonly onTheirWay: VersionWatch | null = null,
  ) {
    this.sent = new Int32Array(regions * keys);
    this.resent = new Int32Array(regions * keys);
    this.delay = sampler(spec.delay);
    this.holds = new Holds(regions);
  }

  /**
   * Whether a delivery arriving at `region` now reaches its consumer (called for every
   * delivery, and again for each held one when it is released). Under a dropping partition it
   * is lost — and, under at-least-once, sent again one redelivery timeout later; under a
   * retaining partition or a paused consumer it is held until the last hold ends.
   */
  admit(region: number, key: number, version: number, now: number): boolean {
    if (this.outages.isCut(region, now)) {
      this.dropped(region, key, version, now);
      return false;
    }
    if (!this.holds.isHeld(region)) return true;
    this.holds.hold(region, key, version);
    this.observer.messageHeld(region, key, version, now);
    return false;
  }

  /** Hold deliveries to `region` (retaining partition, paused consumer) until the matching `release`. */
  hold(region: number): void {
    this.holds.block(region);
  }

  /** End one hold of `region`; when it was the last, deliver at `now` (ms) what was held, in arrival order. */
  release(region: number, now: number): void {
    // Already reported on its way when first scheduled: not again.
    this.holds.unblock(region, (r, key, version) => this.deliver(now, r, key, version));
  }

  /** The consumer has acted on a delivery admitted by `admit`. */
  landed(key: number, version: number): void {
    this.onTheirWay?.remove(key, version);
  }

  /** Deliveries to `region` waiting for a hold to end. */
  held(region: number): number {
    return this.holds.held(region);
  }

  /** Send a message about `key` (carrying `version`) to `region` at time `now`. */
  send(region: number, key: number, version: number, now: number): void {
    const n = this.sent[region * this.keys + key]++;
    this.observer.messageSent(region, key, version, now);
    this.dispatch(region, key, version, now, n);
  }

  /**
   * The attempts of message `n` to `region` about `key`, the first leaving at `departs`: each
   * lost with the loss in force when it leaves, else delivered after a drawn delay (and maybe
   * twice); under at-least-once a lost attempt leaves again one redelivery timeout later.
   * Attempts leaving while every one is lost are counted together, without a draw.
   */
  private dispatch(region: number, key: number, version: number, departs: number, n: number): void {
    const timeout = this.spec.redeliveryTimeoutMs;
    for (let attempt = 0; ; ) {
      const lostUntil = this.outages.lostUntil(region, departs);
      // Attempts certain to be lost go together, without a draw; otherwise one attempt draws its fate.
      const certain = lostUntil > departs;
      if (!certain) {
        const base = attempt * DRAWS_PER_ATTEMPT;
        if (this.draws.u(region, key, n, base + DRAW_LOSS) >= this.outages.lossAt(departs)) {
          this.schedule(departs + this.delay(this.draws.u(region, key, n, base + DRAW_DELAY)), region, key, version);
          if (this.draws.u(region, key, n, base + DRAW_DUPLICATE) < this.spec.duplicate) {
            this.observer.messageDuplicated(region, key, version, departs);
            this.schedule(departs + this.delay(this.draws.u(region, key, n, base + DRAW_DUPLICATE_DELAY)), region, key, version);
          }
          return;
        }
      }
      const leaving = certain ? this.attemptsBefore(departs, lostUntil) : 1;
      const again = departs + leaving * timeout;
      const retried = this.retries(again);
      this.observer.messageLost(region, key, version, departs, retried, leaving, timeout);
      if (!retried) return;
      // Past a certain stretch even if rounding left `again` an ulp short of it.
      departs = certain ? Math.max(again, lostUntil) : again;
      attempt += leaving;
    }
  }

  /**
   * How many attempts leave from `departs` (included) until `until`, one redelivery timeout
   * apart: one under at-most-once; under at-least-once at least one, and none after the run.
   */
  private attemptsBefore(departs: number, until: number): number {
    if (this.spec.delivery !== 'at-least-once') return 1;
    const timeout = this.spec.redeliveryTimeoutMs;
    const beforeUntil = Math.ceil((until - departs) / timeout);
    const withinRun = Math.floor((this.horizon - departs) / timeout) + 1;
    return Math.max(1, Math.min(beforeUntil, withinRun));
  }

  /**
   * A partition dropped a delivery: it is lost; at-least-once sends it again after the
   * redelivery timeout, to pay the bus's delay and loss like any attempt. Its draws are those
   * of a message of its own, numbered apart (below 0) from the ones sent.
   */
  private dropped(region: number, key: number, version: number, now: number): void {
    const again = now + this.spec.redeliveryTimeoutMs;
    const retried = this.retries(again);
    this.observer.messageLost(region, key, version, now, retried, 1, this.spec.redeliveryTimeoutMs);
    if (retried) this.dispatch(region, key, version, again, -1 - this.resent[region * this.keys + key]++);
    this.landed(key, version);
  }

  /** Whether a lost attempt is sent again at `again`: under at-least-once, while the run lasts. */
  private retries(again: number): boolean {
    return this.spec.delivery === 'at-least-once' && again <= this.horizon;
  }

  private schedule(time: number, region: number, key: number, version: number): void {
    this.onTheirWay?.add(key, version);
    this.deliver(time, region, key, version);
  }
}
