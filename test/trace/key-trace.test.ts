import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { STALE_CAUSES } from '../../src/metrics/stale-causes.js';
import { staleCauseText } from '../../src/report/stale-cause-words.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runStrategy } from '../../src/simulate.js';
import { type KeyTrace, type TraceState, traceKey } from '../../src/trace/key-trace.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';

/** The copies' state after the whole trace's events up to (not including) `time`, replayed from an empty start. */
function replayedState(full: KeyTrace, time: number): TraceState {
  const primary = full.events.find((e) => e.kind === 'commit')?.region;
  const state: TraceState = { latest: 0, caches: full.regions.map(() => null), replicas: full.regions.map(() => 0) };
  for (const e of full.events) {
    if (e.time >= time) break;
    const r = full.regions.indexOf(e.region);
    if (e.kind === 'commit') {
      state.latest = e.version;
      state.replicas[full.regions.indexOf(primary as string)] = e.version;
    } else if (e.kind === 'apply') state.replicas[r] = e.version;
    else if (e.kind === 'fill') state.caches[r] = e.version;
    else if (e.kind === 'end') state.caches[r] = null;
  }
  return state;
}

describe('a trace of a window of time', () => {
  test('starts from what the copies held when the window opened: what the whole story says they held then', () => {
    const scenario = loadScenarioFile(SMALL, ['duration=20s', 'warmup=0']);
    const spec = scenario.strategies[1];
    const full = traceKey(scenario, spec, 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_999 }), fc.integer({ min: 0, max: 4 }), (fromMs, key) => {
        const whole = key === 0 ? full : traceKey(scenario, spec, key);
        const window = traceKey(scenario, spec, key, { fromMs });
        expect(window.initial).toEqual(replayedState(whole, fromMs));
      }),
      { numRuns: 25, seed: 3 },
    );
  });

  test('from the start, every copy is empty and nothing is committed', () => {
    const scenario = loadScenarioFile(SMALL, ['duration=5s', 'warmup=0']);
    expect(traceKey(scenario, scenario.strategies[0], 0).initial).toEqual({ latest: 0, caches: [null, null], replicas: [0, 0] });
  });
});

test('a stale read in a trace says why it was stale, as the checkers count it: one key, so the counts must agree', () => {
  for (const preset of ['ttl', 'pubsub', 'versioned', 'write-update']) {
    const scenario = loadScenarioFile(SMALL, ['duration=30s', 'warmup=0', 'workload.keys=1', 'bus.loss=0.2', `strategies=[${preset}]`, 'expect={}']);
    const spec = scenario.strategies[0];
    const trace = traceKey(scenario, spec, 0);
    const counted = Object.fromEntries(STALE_CAUSES.map((cause) => [cause, 0]));
    for (const e of trace.events.filter((e) => e.kind === 'stale-read')) {
      // The cause ends the read's first part (a broken guarantee, if any, follows it after `; `).
      const cause = STALE_CAUSES.find((c) => e.detail.split('; ')[0].endsWith(`, ${staleCauseText(c, trace.message)}`));
      expect(cause, e.detail).toBeDefined();
      counted[cause as string]++;
    }
    expect(trace.staleReads).toBeGreaterThan(0);
    expect(counted, preset).toEqual(runStrategy(scenario, spec).stale_causes);
  }
});

test('a write is acknowledged in the region it was written from, and its commit names that region when it is not the primary’s', () => {
  const scenario = loadScenarioFile(SMALL, ['duration=20s', 'warmup=0']);
  const trace = traceKey(scenario, scenario.strategies[1], 0);
  const commits = trace.events.filter((e) => e.kind === 'commit');
  const acks = trace.events.filter((e) => e.kind === 'ack');
  expect(acks.length).toBe(commits.length);
  const primary = commits[0].region;
  for (const ack of acks) {
    const commit = commits.find((c) => c.version === ack.version);
    const writer = commit?.detail.replace('written in ', '') || primary;
    expect(ack.region).toBe(writer);
    expect(ack.time).toBeGreaterThanOrEqual(commit?.time ?? Infinity);
  }
  // Both kinds occur in this scenario: writes from the primary's region and from the other.
  expect(new Set(acks.map((a) => a.region)).size).toBe(2);
});

test('a delivery the strategy lets an older entry outlive says so: versions stamped by skewed clocks, never commit counters', () => {
  const scenario = loadScenarioFile('scenarios/clock-skew-versions.yaml', ['duration=2m']);
  const ignored = (name: string) => {
    const spec = scenario.strategies.find((s) => s.name === name);
    if (!spec) throw new Error(`no ${name}`);
    const trace = traceKey(scenario, spec, 18);
    return trace.events.filter((e) => e.kind === 'delivered' && e.detail === 'ignored: the older entry stays');
  };
  const skewed = ignored('timestamp');
  expect(skewed.length).toBeGreaterThan(0);
  expect(ignored('counter')).toEqual([]);
});

test('a refused fill says which guard refused it: a voided lease, a version already heard of', () => {
  const reasons = (file: string, name: string) => {
    const scenario = loadScenarioFile(file, ['duration=1m']);
    const spec = scenario.strategies.find((s) => s.name === name);
    if (!spec) throw new Error(`no ${name}`);
    return new Set(traceKey(scenario, spec, 0).events.filter((e) => e.kind === 'refused').map((e) => e.detail.replace(/^stale: latest is v\d+(; )?/, '')));
  };
  expect(reasons('scenarios/thundering-herd.yaml', 'lease')).toContain('its lease was voided by an invalidation while it read, or replaced');
  expect(reasons('scenarios/stale-refill-from-lagging-replica.yaml', 'versioned')).toEqual(new Set(['stamped older than a version the region has heard of']));
});

test('leases: the trace tells which miss got the lease and, in one line, how often the others were told to wait', () => {
  const scenario = loadScenarioFile('scenarios/thundering-herd.yaml', ['duration=10s']);
  const spec = scenario.strategies.find((s) => s.name === 'lease');
  if (!spec) throw new Error('no lease');
  const events = traceKey(scenario, spec, 0).events;
  const leases = events.filter((e) => e.kind === 'lease');
  expect(leases[0].detail).toBe('granted: this miss reads the database and fills');
  expect(leases[1].detail).toMatch(/^refused [\d,]+ times: misses wait and ask the cache again$/);
  // Between two fills of a region, at most one line of waiting.
  let waitingLines = 0;
  for (const e of events) {
    if (e.kind === 'fill') waitingLines = 0;
    if (e.kind === 'lease' && e.detail.startsWith('refused')) expect(++waitingLines).toBe(1);
  }
  // Strategies without leases tell none.
  const pubsub = scenario.strategies.find((s) => s.name === 'pubsub');
  if (!pubsub) throw new Error('no pubsub');
  expect(traceKey(scenario, pubsub, 0).events.filter((e) => e.kind === 'lease')).toEqual([]);
});

test('what lands after the end is counted in one closing line, so the story and the run count the same fills and deliveries: one key', () => {
  let landedAfterEnd = 0;
  for (const preset of ['pubsub', 'versioned', 'lease']) {
    // 300 ms one way: many reads and messages are still in flight when the run ends.
    const scenario = loadScenarioFile(SMALL, ['duration=30s', 'warmup=0', 'workload.keys=1', 'network.default_latency=300ms', `strategies=[${preset}]`, 'expect={}']);
    const spec = scenario.strategies[0];
    const trace = traceKey(scenario, spec, 0);
    const told = (kind: string) => trace.events.filter((e) => e.kind === kind).length + (trace.afterEnd.find((a) => a.kind === kind)?.count ?? 0);
    const result = runStrategy(scenario, spec);
    expect(told('refused'), preset).toBe(result.refused_fills);
    expect(told('delivered'), preset).toBe(result.messages.delivered);
    // A fill's store is the fill, after the end too: no strategy here sends updates.
    expect(told('update'), preset).toBe(0);
    landedAfterEnd += trace.afterEnd.reduce((n, a) => n + a.count, 0);
    // A window ending before the run's end counts nothing past it.
    expect(traceKey(scenario, spec, 0, { untilMs: 20_000 }).afterEnd).toEqual([]);
  }
  expect(landedAfterEnd).toBeGreaterThan(0);
});

test('a failed read says why, and the trace fails as many reads as the run counts (one key)', () => {
  const cutOff = [
    'duration=60s',
    'warmup=0',
    'workload.keys=1',
    'workload.writes_per_second=2',
    'regions.1.replica_lag=10s',
    'cache.refill_from=primary',
    'faults=[{at: 20s, for: 20s, network_partition: {between: [home, away]}}]',
    'expect={}',
  ];
  const cases = [
    { strategy: 'ttl', onUnreachable: 'fail', why: 'the database copy it needs is out of reach; see network.on_unreachable' },
    { strategy: 'session-token', onUnreachable: 'serve-stale', why: "cut off from the primary, and the region's replica is behind what this session has seen or written" },
  ];
  for (const { strategy, onUnreachable, why } of cases) {
    const scenario = loadScenarioFile(SMALL, [...cutOff, `network.on_unreachable=${onUnreachable}`, `strategies=[${strategy}]`]);
    const failed = traceKey(scenario, scenario.strategies[0], 0).events.filter((e) => e.kind === 'failed-read');
    expect(failed.length, strategy).toBe(runStrategy(scenario, scenario.strategies[0]).failed_reads);
    expect(failed.length, strategy).toBeGreaterThan(0);
    for (const e of failed) expect(e.detail, strategy).toBe(why);
  }
});
