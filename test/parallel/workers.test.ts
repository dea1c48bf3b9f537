import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runOnWorkers, type SpawnWorker, type WorkerHandle } from '../../src/parallel/pool.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runScenario, runStrategy } from '../../src/simulate.js';
import { inThreadWorker } from '../helpers/in-thread-worker.js';
import { makeScenario, strategy } from '../helpers/scenario.js';
import { presetNames } from '../../src/strategies/registry.js';
import { arbitraryCache, arbitraryScenario } from '../strategies/arbitrary-scenario.js';
import type { StrategyResult } from '../../src/metrics/results.js';

/** Keep every result whole. */
const whole = (result: StrategyResult) => result;

function everyRun() {
  const quick = loadScenarioFile('scenarios/quickstart.yaml', ['duration=30s', 'warmup=5s']);
  const small = loadScenarioFile('test/fixtures/scenarios/small.yaml');
  return [quick, small].flatMap((scenario) => scenario.strategies.map((spec) => ({ scenario, spec })));
}

/** Wraps a spawner so the test can count the workers stopped. */
function countingStops(spawn: SpawnWorker) {
  const pool = {
    stopped: 0,
    spawn: (): WorkerHandle => {
      const worker = spawn();
      const terminate = worker.terminate;
      worker.terminate = () => {
        pool.stopped++;
        return terminate();
      };
      return worker;
    },
  };
  return pool;
}

describe('strategy runs on workers', () => {
  test.each([1, 2, 3, 8])('%i worker(s): the results of one thread, byte for byte, in the order of the runs', async (workers) => {
    const runs = everyRun();
    const onWorkers = await runOnWorkers(runs, workers, inThreadWorker, whole);
    const inThread = runs.map((run) => runStrategy(run.scenario, run.spec));
    expect(JSON.stringify(onWorkers)).toBe(JSON.stringify(inThread));
  });

  test('any scenario, any preset: the run crosses to a worker and back unchanged (structured clone loses nothing)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario, arbitraryCache, fc.constantFrom(...presetNames), async (scenario, cache, preset) => {
        const spec = strategy(preset, cache);
        const [onWorker] = await runOnWorkers([{ scenario, spec }], 1, inThreadWorker, whole);
        expect(JSON.stringify(onWorker)).toBe(JSON.stringify(runStrategy(scenario, spec)));
      }),
      { numRuns: 30 },
    );
  });

  test('keeps of each result what the digest makes of it, in the order of the runs', async () => {
    const runs = everyRun();
    const kept = await runOnWorkers(runs, 2, inThreadWorker, (result, index) => `${index}:${result.preset}:${result.reads}`);
    expect(kept).toEqual(runs.map((run, i) => `${i}:${run.spec.use}:${runStrategy(run.scenario, run.spec).reads}`));
  });

  test('reports each run as it finishes, counting up to the total', async () => {
    const runs = everyRun();
    const seen: number[][] = [];
    await runOnWorkers(runs, 2, inThreadWorker, whole, (index, finished) => seen.push([index, finished]));
    expect(seen.map(([, finished]) => finished)).toEqual(runs.map((_, i) => i + 1));
    expect(seen.map(([index]) => index).sort((a, b) => a - b)).toEqual(runs.map((_, i) => i));
  });

  test('a run that fails in a worker rejects with its error, and every worker is stopped', async () => {
    const broken = makeScenario({ strategies: [{ ...strategy('ttl'), use: 'no-such-preset' }] });
    const pool = countingStops(inThreadWorker);
    const runs = [...everyRun().slice(0, 2), { scenario: broken, spec: broken.strategies[0] }];
    await expect(runOnWorkers(runs, 2, pool.spawn, whole)).rejects.toThrow(/unknown strategy preset no-such-preset/);
    expect(pool.stopped).toBe(2);
  });

  test('a worker that cannot start: the error comes through and the ones already started are stopped', async () => {
    let started = 0;
    const pool = countingStops(() => {
      if (started++ === 1) throw new Error('cannot start a thread');
      return inThreadWorker();
    });
    await expect(runOnWorkers(everyRun(), 3, pool.spawn, whole)).rejects.toThrow('cannot start a thread');
    expect(pool.stopped).toBe(1);
  });

  test('no runs: nothing to wait for, no worker started', async () => {
    let started = 0;
    expect(await runOnWorkers([], 2, () => (started++, inThreadWorker()), whole)).toEqual([]);
    expect(started).toBe(0);
  });
});

describe('the library', () => {
  test('runScenario is every selected strategy run on its own, with the expectations of those strategies', () => {
    const scenario = loadScenarioFile('test/fixtures/scenarios/small.yaml');
    const results = runScenario(scenario, { only: ['pubsub-2s', 'pubsub'], sets: ['bus.loss=0.1'] });
    expect(Object.keys(results.strategies)).toEqual(['pubsub', 'pubsub-2s']);
    expect(results.strategies.pubsub).toEqual(runStrategy(scenario, scenario.strategies[1]));
    // small.yaml expects something of ttl and of pubsub: only pubsub's is evaluated.
    expect(results.expectations.map((e) => e.strategy)).toEqual(['pubsub']);
    // Replaying it takes the same strategies (in the scenario's order, as they ran) and overrides.
    expect(results.replay).toBe('cache-sim run test/fixtures/scenarios/small.yaml --seed 3 --strategy pubsub,pubsub-2s --set bus.loss=0.1');
    expect(results.sets).toEqual(['bus.loss=0.1']);
  });
});
