/**
 * The normalised scenario: what the model runs on. Every default is filled, every
 * duration is in milliseconds (units last in names), every region weight names a
 * known region. Produced from YAML by `loadScenarioFile` / `loadScenarioText`
 * (src/scenario/load.ts); the model never sees an optional field or a unit string.
 */

/** A random distribution of non-negative values (milliseconds unless the field says otherwise). */
export type Dist =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  /** Truncated at 0 (negative draws are redrawn by inversion of the truncated CDF). */
  | { kind: 'normal'; mean: number; stddev: number }
  /** Parameterised by its median and 99th percentile, which is how people know latencies. */
  | { kind: 'lognormal'; median: number; p99: number }
  | { kind: 'pareto'; scale: number; shape: number }
  /** Each value equally likely. */
  | { kind: 'empirical'; values: number[] };

/**
 * A region's clock reads `trueTime + skewMs + driftPpm·1e-6·trueTime + Σ(jumps at or before trueTime)`.
 * Only mechanisms that compare timestamps (TTL on the cache's own clock, timestamp versions,
 * absolute expiry times in messages) read it; metrics always use true time.
 */
export interface ClockSpec {
  skewMs: number;
  driftPpm: number;
  /** Step changes of the clock (NTP corrections, leap smears gone wrong). */
  jumps: { atMs: number; byMs: number }[];
}

export interface RegionSpec {
  name: string;
  primary: boolean;
  /** Asynchronous replication lag of this region's read replica (ignored for the primary region). */
  replicaLag: Dist;
  clock: ClockSpec;
}

export interface NetworkSpec {
  /** One-way latency between two places inside one region (client, cache, replica, primary). */
  localLatency: Dist;
  /** One-way latency between two different regions, unless a link overrides it. */
  defaultLatency: Dist;
  /** Per-pair overrides; symmetric. */
  links: { a: string; b: string; latency: Dist }[];
}

export type Delivery = 'at-least-once' | 'at-most-once';
export type PartitionPolicy = 'retain' | 'drop';

export interface BusSpec {
  delay: Dist;
  /** Probability that one delivery to one region is lost. */
  loss: number;
  /** Probability that a delivered message is delivered a second time. */
  duplicate: number;
  delivery: Delivery;
  /** at-least-once: a lost delivery is retried after this long. */
  redeliveryTimeoutMs: number;
  onPartition: PartitionPolicy;
}

export type Popularity = { kind: 'uniform' } | { kind: 'zipf'; exponent: number };

export interface WorkloadSpec {
  keys: number;
  popularity: Popularity;
  readsPerSecond: number;
  writesPerSecond: number;
  /** Weight per region name, every region present, summing to 1. */
  readRegions: Record<string, number>;
  writeRegions: Record<string, number>;
  /** Number of client sessions; each lives in one region. */
  sessions: number;
}

export type RefillSource = 'replica' | 'primary';

export interface CacheSpec {
  /** `Infinity` for `ttl: infinite`. Measured on the cache region's own clock. */
  ttlMs: number;
  /** Fraction: each fill's TTL is drawn uniformly from ttl·(1 ± jitter). */
  ttlJitter: number;
  /**
   * After an entry's TTL, how long more it is still served (0: not at all); the first read
   * served in that time makes its app server refresh the entry in the background (RFC 5861).
   */
  staleWhileRevalidateMs: number;
  /** Entries per region; `Infinity` when unbounded. LRU eviction beyond it. */
  capacity: number;
  refillFrom: RefillSource;
  /** The near caches in front of each region's cache, or null. */
  l1: L1Spec | null;
}

/**
 * A near cache (L1) in each app server of a region, in front of the regional cache (L2):
 * a read asks it first (in process: no latency), and it keeps what its client got.
 */
export interface L1Spec {
  /** App servers per region, each with its own L1; a session always uses the same one. */
  hosts: number;
  /** On the region's clock; `Infinity` for `ttl: infinite`. */
  ttlMs: number;
  /** Entries per app server; `Infinity` when unbounded. */
  capacity: number;
  /** Whether the strategy's invalidations reach the L1s too, or they only expire. */
  invalidated: boolean;
}

/** One strategy to run: a preset (`use`) with its cache settings and preset options. */
export interface StrategySpec {
  /** Display and result name (the preset name for plain entries). */
  name: string;
  /** Registry preset name. */
  use: string;
  cache: CacheSpec;
  /** Preset options, validated by the preset's own schema; defaults filled. */
  options: Record<string, unknown>;
}

/** Scheduled faults (see SPEC §2). Every variant has a start and, where it is a window, an end. */
export type FaultSpec =
  | { kind: 'bus_partition'; atMs: number; forMs: number; region: string; from: 'bus' | 'primary' | 'both' }
  | { kind: 'network_partition'; atMs: number; forMs: number; a: string; b: string }
  | { kind: 'replica_lag'; atMs: number; forMs: number; region: string; lag: Dist }
  | { kind: 'replication_pause'; atMs: number; forMs: number; region: string }
  | { kind: 'cache_restart'; atMs: number; region: string }
  | { kind: 'bus_loss'; atMs: number; forMs: number; loss: number }
  | { kind: 'consumer_pause'; atMs: number; forMs: number; region: string };

export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==';

/** A stretch of simulated time, [fromMs, untilMs). */
export interface TimeWindow {
  fromMs: number;
  untilMs: number;
}

export interface Expectation {
  strategy: string;
  /**
   * Flattened metric name, e.g. `staleness_p99`, `ryw_violations`, `regions.eu-west.stale_read_ratio`,
   * with its window as written when it has one (`stale_read_ratio from 3m20s`; see baseMetric).
   */
  metric: string;
  /** Only what happened in this window counts (reads by when they were issued); the whole measured run when absent. */
  window?: TimeWindow;
  op: ComparisonOp;
  /** In the metric's unit (milliseconds for durations). */
  value: number;
  /** The condition as written, for reports (`"<= 2s"`, `0`). */
  text: string;
  /** Where it was written, for `FILE:LINE:COL` in failure messages and annotations. */
  position: SourcePosition;
}

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** What a region does with a read it cannot serve during a network partition (issue #3). */
export type UnreachablePolicy = 'serve-stale' | 'fail' | 'route';

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  durationMs: number;
  warmupMs: number;
  regions: RegionSpec[];
  network: NetworkSpec;
  bus: BusSpec;
  workload: WorkloadSpec;
  /** Defaults every strategy starts from (each StrategySpec carries its merged copy). */
  cache: CacheSpec;
  strategies: StrategySpec[];
  faults: FaultSpec[];
  onUnreachable: UnreachablePolicy;
  expect: Expectation[];
  /** The file it came from (`<string>` when loaded from text). */
  file: string;
}
