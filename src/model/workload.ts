/**
 * The workload: Poisson arrivals of reads and writes (all regions together), each with a
 * region (by weight), a session living in that region, and a key (uniform or Zipf).
 * It draws only from its own sequential streams, in arrival order, so every strategy sees
 * exactly the same operations at the same instants.
 */
import { AliasTable, zipfWeights } from '../random/discrete.js';
import type { Stream } from '../random/streams.js';
import type { Scenario } from '../scenario/types.js';

/** One operation's choices, written in place to avoid an allocation per arrival. */
export interface Choice {
  region: number;
  session: number;
  key: number;
}

export class Workload {
  /** Region of each session. */
  readonly sessionRegion: Int32Array;
  /** Each region's sessions, in session order. */
  readonly sessionsByRegion: Int32Array[];
  private readonly keyTable: AliasTable | null;
  private readonly keys: number;
  private readonly readRegions: AliasTable | null;
  private readonly writeRegions: AliasTable | null;
  private readonly readMeanGapMs: number;
  private readonly writeMeanGapMs: number;

  constructor(scenario: Scenario) {
    const w = scenario.workload;
    this.keys = w.keys;
    this.keyTable = w.popularity.kind === 'zipf' && w.popularity.exponent !== 0 ? zipfTable(w.keys, w.popularity.exponent) : null;
    this.readRegions = w.readsPerSecond > 0 ? new AliasTable(regionWeights(scenario, w.readRegions)) : null;
    this.writeRegions = w.writesPerSecond > 0 ? new AliasTable(regionWeights(scenario, w.writeRegions)) : null;
    this.readMeanGapMs = w.readsPerSecond > 0 ? 1000 / w.readsPerSecond : Infinity;
    this.writeMeanGapMs = w.writesPerSecond > 0 ? 1000 / w.writesPerSecond : Infinity;
    this.sessionRegion = sessionRegions(scenario);
    this.sessionsByRegion = scenario.regions.map((_, r) => Int32Array.from(indicesWhere(this.sessionRegion, r)));
  }

  get hasReads(): boolean {
    return this.readRegions !== null;
  }

  get hasWrites(): boolean {
    return this.writeRegions !== null;
  }

  /** Time from one read arrival to the next (exponential). */
  nextReadGap(stream: Stream): number {
    return -this.readMeanGapMs * Math.log(1 - stream.next());
  }

  nextWriteGap(stream: Stream): number {
    return -this.writeMeanGapMs * Math.log(1 - stream.next());
  }

  chooseRead(stream: Stream, out: Choice): void {
    this.choose(stream, this.readRegions as AliasTable, out);
  }

  chooseWrite(stream: Stream, out: Choice): void {
    this.choose(stream, this.writeRegions as AliasTable, out);
  }

  private choose(stream: Stream, regions: AliasTable, out: Choice): void {
    const region = regions.pick(stream.next());
    const sessions = this.sessionsByRegion[region];
    out.region = region;
    out.session = sessions[Math.floor(stream.next() * sessions.length)];
    const u = stream.next();
    out.key = this.keyTable ? this.keyTable.pick(u) : Math.floor(u * this.keys);
  }
}

/**
 * The Zipf table over `keys` keys. Built from scratch it costs about 0.1 µs per key, so the
 * latest one is kept: the strategies of a scenario, and sweep points that keep its workload,
 * share it (a table never changes once built).
 */
let latestZipf: { keys: number; exponent: number; table: AliasTable } | null = null;

function zipfTable(keys: number, exponent: number): AliasTable {
  if (latestZipf?.keys !== keys || latestZipf.exponent !== exponent) latestZipf = { keys, exponent, table: new AliasTable(zipfWeights(keys, exponent)) };
  return latestZipf.table;
}

function regionWeights(scenario: Scenario, weights: Readonly<Record<string, number>>): number[] {
  return scenario.regions.map((r) => weights[r.name] ?? 0);
}

/** The region each session of `scenario` lives in (the checkers need it before any session is seen). */
export function sessionRegions(scenario: Scenario): Int32Array {
  const w = scenario.workload;
  const reads = regionWeights(scenario, w.readRegions);
  const writes = regionWeights(scenario, w.writeRegions);
  return assignSessions(
    w.sessions,
    reads.map((weight, i) => w.readsPerSecond * weight + w.writesPerSecond * writes[i]),
  );
}

/**
 * Sessions per region in proportion to the region's activity (largest remainder), at least
 * one in every active region so each operation has a session to belong to.
 */
function assignSessions(total: number, activity: number[]): Int32Array {
  const active = activity.map((a) => a > 0);
  const activeCount = active.filter(Boolean).length;
  const sum = activity.reduce((s, a) => s + a, 0);
  const n = Math.max(total, activeCount);
  const counts: number[] = activity.map((a) => (a > 0 ? 1 : 0));
  const spare = n - activeCount;
  if (sum > 0 && spare > 0) {
    const exact = activity.map((a) => (a / sum) * spare);
    const floors = exact.map(Math.floor);
    let left = spare - floors.reduce((s, f) => s + f, 0);
    const byRemainder = exact.map((x, i) => [x - floors[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let i = 0; i < activity.length; i++) counts[i] += floors[i];
    for (const [, i] of byRemainder) {
      if (left-- <= 0) break;
      counts[i]++;
    }
  }
  const regionOf = new Int32Array(counts.reduce((s: number, c: number) => s + c, 0));
  let next = 0;
  counts.forEach((c, region) => {
    regionOf.fill(region, next, next + c);
    next += c;
  });
  return regionOf;
}

function indicesWhere(values: Int32Array, wanted: number): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    if (v === wanted) out.push(i);
  });
  return out;
}
