/**
 * The fault schedule: each scheduled fault (SPEC §2 `faults:`) and each clock jump becomes a
 * start and, for windows, an end event; firing one calls verbs on the pieces of the model it
 * concerns (after turmoil's Sim: partition/heal, hold/release, cut/restore, pause/resume,
 * spike, clear, jump). The schedule holds no state of its own: the pieces remember what is
 * broken, and every verb nests, so overlapping faults end cleanly in any order.
 *
 * What each fault does, for its window [at, at + for):
 * - `bus_partition` — `from: bus`: deliveries reaching the region are held until the end and
 *   delivered then in arrival order (`bus.on_partition: retain`), or lost (`drop`; at-least-once
 *   retries them). When the region is the primary's, the publisher itself is cut off: every
 *   region's deliveries are affected. `from: primary`: replication to the region is held and
 *   applied at the end (the primary's own region has no replica: nothing to hold).
 *   `from: both`: both.
 * - `consumer_pause` — the region's consumer stops: its deliveries are held and all arrive at
 *   the end, whatever `on_partition` says (a paused consumer loses nothing).
 * - `network_partition` — the two regions cannot reach each other (`topology.reachable`). When
 *   one side is the primary's region, what the primary sends the other side is cut like a bus
 *   partition (per `on_partition`) and its replication is held.
 * - `replica_lag` — writes committed in the window draw the region's lag from the fault's.
 * - `replication_pause` — the region's replica applies nothing; all held applies at the end.
 * - `bus_loss` — messages sent in the window are lost with the fault's probability.
 * - `cache_restart` (an instant) — the region's cache loses every entry.
 * Clock jumps (`regions[].clock.jumps`) are instants too: the region's clock steps.
 */
import type { FaultSpec, PartitionPolicy, Scenario } from '../scenario/types.js';
import type { Bus } from './bus.js';
import type { RegionCache } from './cache.js';
import type { Clock } from './clock.js';
import type { Database } from './database.js';
import type { Topology } from './topology.js';

/** The parts of the model faults act on. */
export interface FaultWorld {
  regionIndex(name: string): number;
  caches: readonly RegionCache[];
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
    if (index >= this.faults.length) {
      const jump = this.jumps[index - this.faults.length];
      this.world.clocks[jump.region].jump(jump.byMs, now);
      return;
    }
    const fault = this.faults[index];
    const starts = phase === FaultPhase.Start;
    const { world } = this;
    switch (fault.kind) {
      case 'bus_partition': {
        const region = world.regionIndex(fault.region);
        if (fault.from !== 'primary') this.busCut(this.busTargets(region), this.onPartition, starts, now);
        if (fault.from !== 'bus') this.replication(region, starts, now);
        return;
      }
      case 'consumer_pause':
        return this.busCut([world.regionIndex(fault.region)], 'retain', starts, now);
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
        if (starts) world.bus.startLoss(index, fault.loss);
        else world.bus.endLoss(index);
        return;
      case 'cache_restart':
        return world.caches[world.regionIndex(fault.region)].clear(now);
    }
  }

  private networkPartition(a: number, b: number, starts: boolean, now: number): void {
    const { topology } = this.world;
    if (starts) topology.partition(a, b);
    else topology.heal(a, b);
    // What the primary sends (invalidations, replication) cannot cross it either.
    const cutOff = a === this.primary ? b : b === this.primary ? a : -1;
    if (cutOff < 0 || cutOff === this.primary) return;
    this.busCut([cutOff], this.onPartition, starts, now);
    this.replication(cutOff, starts, now);
  }

  /** A bus partition of the primary's region cuts the publisher off: every region's deliveries are affected. */
  private busTargets(region: number): number[] {
    return region === this.primary ? Array.from({ length: this.regions }, (_, r) => r) : [region];
  }

  private busCut(regions: readonly number[], policy: PartitionPolicy, starts: boolean, now: number): void {
    const { bus } = this.world;
    for (const region of regions) {
      if (policy === 'drop') {
        if (starts) bus.cut(region);
        else bus.restore(region);
      } else if (starts) bus.hold(region);
      else bus.release(region, now);
    }
  }

  private replication(region: number, starts: boolean, now: number): void {
    if (region === this.primary) return; // the primary's region reads the primary: no replica to hold
    if (starts) this.world.database.pauseReplication(region);
    else this.world.database.resumeReplication(region, now);
  }
}
