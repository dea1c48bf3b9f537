/**
 * The fault schedule: each scheduled fault (SPEC §2 `faults:`) and each clock jump becomes a
 * start and, for windows, an end event; firing one calls verbs on the pieces of the model it
 * concerns (after turmoil's Sim: partition/heal, hold/release, cut/restore, pause/resume,
 * spike, clear, jump). The schedule holds no state of its own: the pieces remember what is
 * broken, and every verb nests, so overlapping faults end cleanly in any order.
 *
 * What each fault does, for its window [at, at + for):
 * - `bus_partition` — `from: bus`: deliveries reaching the region are held until the end and
 *   delivered then in arrival order (`bus.on_partition: retain`), or lost, as are those sent
 *   in the window (`drop`; at-least-once retries them). When the region is the primary's,
 *   the publisher itself is cut off: every region's deliveries are affected. `from: primary`: replication to the region is held and
 *   applied at the end (the primary's own region has no replica: nothing to hold).
 *   `from: both`: both.
 * - `consumer_pause` — the region's consumer stops: its deliveries are held and all arrive at
 *   the end, whatever `on_partition` says (a paused consumer loses nothing).
 * - `network_partition` — the two regions cannot reach each other (`topology.reachable`). When
 *   one side is the primary's region, what the primary sends the other side is cut like a bus
 *   partition (per `on_partition`) and its replication is held.
 * - `replica_lag` — writes committed in the window draw the region's lag from the fault's.
 * - `replication_pause` — the region's replica applies nothing; all held applies at the end.
 * - `bus_loss` — delivery attempts leaving in the window are lost with the fault's probability.
 * - `cache_restart` (an instant) — the region's cache loses every entry.
 * Clock jumps (`regions[].clock.jumps`) are instants too: the region's clock steps. A step
 * back first ends every entry of the region's caches (its L1s too) already expired: expired
 * is for good, not until the clock reads an earlier time again.
 *
 * Losses fire no verb: the bus is told of them before the run (`busOutages`), since an attempt
 * to be sent again later must meet the loss in force when it leaves.
 */
import type { FaultSpec, PartitionPolicy, Scenario } from '../scenario/types.js';
import type { Bus } from './bus.js';
import { BusOutages, type CutWindow } from './bus-outages.js';
import type { RegionCache } from './cache.js';
import type { Clock } from './clock.js';
import type { Database } from './database.js';
import type { Cache } from './slot-cache.js';
import type { Topology } from './topology.js';

/** The parts of the model faults act on. */
export interface FaultWorld {
  regionIndex(name: string): number;
  caches: readonly RegionCache[];
  /** The L1s of a region (none without them). */
  l1sIn(region: number): readonly Cache[];
  clocks: readonly Clock[];
  bus: Bus;
  database: Database;
  topology: Topology;
}

export const enum FaultPhase {
  Start = 0,
  End = 1,
}

/** Schedules fault event `index`/`phase` at `time` (the simulation turns it into an engine event). */
export type FaultScheduler = (time: number, index: number, phase: FaultPhase) => void;

interface ClockJump {
  region: number;
  atMs: number;
  byMs: number;
}

export class FaultSchedule {
  private readonly faults: readonly FaultSpec[];
  /** Clock jumps, numbered after the faults. */
  private readonly jumps: readonly ClockJump[];
  private readonly onPartition: PartitionPolicy;
  private readonly regions: number;
  private readonly primary: number;

  constructor(
    scenario: Scenario,
    private readonly world: FaultWorld,
  ) {
    this.faults = scenario.faults;
    this.jumps = scenario.regions.flatMap((r, region) => r.clock.jumps.map((j) => ({ region, atMs: j.atMs, byMs: j.byMs })));
    this.onPartition = scenario.bus.onPartition;
    this.regions = scenario.regions.length;
    this.primary = world.topology.primary;
  }

  /** Schedule every fault's start and (for windows) end, and every clock jump. */
  start(schedule: FaultScheduler): void {
    this.faults.forEach((fault, index) => {
      schedule(fault.atMs, index, FaultPhase.Start);
      if ('forMs' in fault) schedule(fault.atMs + fault.forMs, index, FaultPhase.End);
    });
    this.jumps.forEach((jump, i) => schedule(jump.atMs, this.faults.length + i, FaultPhase.Start));
  }

  /** Fault event `index`/`phase` happens at `now` (ms). */
  fire(index: number, phase: FaultPhase, now: number): void {
    if (index >= this.faults.length) return this.jumpClock(this.jumps[index - this.faults.length], now);
    const fault = this.faults[index];
    const starts = phase === FaultPhase.Start;
    const { world } = this;
    switch (fault.kind) {
      case 'bus_partition':
        this.busHold(fault, starts, now);
        if (fault.from !== 'bus') this.replication(world.regionIndex(fault.region), starts, now);
        return;
      case 'consumer_pause':
        return this.busHold(fault, starts, now);
      case 'network_partition':
        return this.networkPartition(world.regionIndex(fault.a), world.regionIndex(fault.b), starts, now);
      case 'replica_lag': {
        const region = world.regionIndex(fault.region);
        if (starts) world.database.spikeLag(region, index, fault.lag);
        else world.database.endLagSpike(region, index);
        return;
      }
      case 'replication_pause':
        return this.replication(world.regionIndex(fault.region), starts, now);
      case 'bus_loss':
        return; // known to the bus from the start
      case 'cache_restart':
        return world.caches[world.regionIndex(fault.region)].clear(now);
    }
  }

  private jumpClock(jump: ClockJump, now: number): void {
    const { world } = this;
    if (jump.byMs < 0) for (const cache of [world.caches[jump.region], ...world.l1sIn(jump.region)]) cache.sweepExpired(now);
    world.clocks[jump.region].jump(jump.byMs, now);
  }

  private networkPartition(a: number, b: number, starts: boolean, now: number): void {
    const { topology } = this.world;
    if (starts) topology.partition(a, b);
    else topology.heal(a, b);
    // What the primary sends (invalidations, replication) cannot cross it either.
    const cutOff = cutOffFromPrimary(a, b, this.primary);
    if (cutOff < 0) return;
    this.busHold({ kind: 'network_partition', a, b }, starts, now);
    this.replication(cutOff, starts, now);
  }

  /** Hold or release the deliveries a fault keeps from their regions, where they are held rather than dropped. */
  private busHold(fault: BusFault, starts: boolean, now: number): void {
    if (busPolicy(fault, this.onPartition) === 'drop') return; // known to the bus from the start
    const { bus } = this.world;
    for (const region of busRegions(fault, this.primary, this.regions, this.world.regionIndex)) {
      if (starts) bus.hold(region);
      else bus.release(region, now);
    }
  }

  private replication(region: number, starts: boolean, now: number): void {
    if (region === this.primary) return; // the primary's region reads the primary: no replica to hold
    if (starts) this.world.database.pauseReplication(region);
    else this.world.database.resumeReplication(region, now);
  }
}

/** A fault that keeps bus deliveries from regions, its regions by index for a network partition. */
type BusFault = Extract<FaultSpec, { kind: 'bus_partition' | 'consumer_pause' }> | { kind: 'network_partition'; a: number; b: number };

/** Whether a fault's deliveries are held (and arrive at its end) or dropped. A paused consumer loses nothing. */
function busPolicy(fault: BusFault, onPartition: PartitionPolicy): PartitionPolicy {
  return fault.kind === 'consumer_pause' ? 'retain' : onPartition;
}

/**
 * The regions whose bus deliveries `fault` keeps from them: a bus partition of the primary's
 * region cuts the publisher off (every region); a network partition with the primary's region
 * on one side, the other side.
 */
function busRegions(fault: BusFault, primary: number, regions: number, regionIndex: (name: string) => number): number[] {
  switch (fault.kind) {
    case 'bus_partition': {
      if (fault.from === 'primary') return [];
      const region = regionIndex(fault.region);
      return region === primary ? Array.from({ length: regions }, (_, r) => r) : [region];
    }
    case 'consumer_pause':
      return [regionIndex(fault.region)];
    case 'network_partition': {
      const cutOff = cutOffFromPrimary(fault.a, fault.b, primary);
      return cutOff < 0 ? [] : [cutOff];
    }
  }
}

/** The side of a network partition between `a` and `b` cut off from the primary, or -1 when neither side is the primary's. */
function cutOffFromPrimary(a: number, b: number, primary: number): number {
  const cutOff = a === primary ? b : b === primary ? a : -1;
  return cutOff === primary ? -1 : cutOff;
}

/** The losses of `scenario`'s bus: its loss, its `bus_loss` windows, and the windows in which partitions drop deliveries. */
export function busOutages(scenario: Scenario, regionIndex: (name: string) => number, primary: number): BusOutages {
  const regions = scenario.regions.length;
  const cuts: CutWindow[] = [];
  for (const fault of scenario.faults) {
    if (fault.kind !== 'bus_partition' && fault.kind !== 'consumer_pause' && fault.kind !== 'network_partition') continue;
    const busFault: BusFault = fault.kind === 'network_partition' ? { kind: 'network_partition', a: regionIndex(fault.a), b: regionIndex(fault.b) } : fault;
    if (busPolicy(busFault, scenario.bus.onPartition) !== 'drop') continue;
    for (const region of busRegions(busFault, primary, regions, regionIndex)) cuts.push({ region, fromMs: fault.atMs, untilMs: fault.atMs + fault.forMs });
  }
  const losses = scenario.faults.flatMap((f) => (f.kind === 'bus_loss' ? [{ fromMs: f.atMs, untilMs: f.atMs + f.forMs, loss: f.loss }] : []));
  return new BusOutages(scenario.bus.loss, regions, losses, cuts);
}
