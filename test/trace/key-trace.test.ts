import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
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
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 4 }), (fromMs, key) => {
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
