import { describe, expect, test } from 'vitest';
import { runOnWorkers } from '../../src/parallel/pool.js';
import { runScenariosOnWorkers } from '../../src/parallel/run-scenarios.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runScenario } from '../../src/simulate.js';
import { inThreadWorker } from '../helpers/in-thread-worker.js';
import { makeScenario, strategy } from '../helpers/scenario.js';

const quick = () => loadScenarioFile('scenarios/quickstart.yaml', ['duration=30s', 'warmup=5s']);
const small = () => loadScenarioFile('test/fixtures/scenarios/small.yaml');

describe('strategy runs on workers', () => {
  test.each([1, 2, 3, 8])('%i worker(s): the same Results, byte for byte, as one thread', async (workers) => {
    const jobs = [{ scenario: quick() }, { scenario: small(), only: ['pubsub', 'ttl'], replay: 'cache-sim run small' }];
    const onWorkers = await runScenariosOnWorkers(jobs, workers, inThreadWorker);
    const inThread = jobs.map((job) => runScenario(job.scenario, { only: job.only, replay: job.replay }));
    expect(JSON.stringify(onWorkers)).toBe(JSON.stringify(inThread));
    // Strategy order is the scenario's (or the selection's), not the order runs finished in.
    expect(Object.keys(onWorkers[1].strategies)).toEqual(['ttl', 'pubsub']);
  });

  test('reports each run as it finishes, and counts up to the total', async () => {
    const seen: string[] = [];
    await runScenariosOnWorkers([{ scenario: small() }], 2, inThreadWorker, (scenario, name, finished, total) =>
      seen.push(`${scenario.name}:${name}:${finished}/${total}`),
    );
    expect(seen).toHaveLength(3);
    expect(seen.map((s) => s.split(':')[2])).toEqual(['1/3', '2/3', '3/3']);
    expect(new Set(seen.map((s) => s.split(':')[1]))).toEqual(new Set(['ttl', 'pubsub', 'pubsub-2s']));
  });

  test('a run that fails in a worker rejects with its error, and every worker is stopped', async () => {
    const broken = makeScenario({ strategies: [{ ...strategy('ttl'), use: 'no-such-preset' }] });
    let stopped = 0;
    const counting = () => {
      const worker = inThreadWorker();
      const terminate = worker.terminate;
      worker.terminate = () => {
        stopped++;
        return terminate();
      };
      return worker;
    };
    await expect(runOnWorkers([{ scenario: broken, spec: broken.strategies[0] }], 2, counting)).rejects.toThrow(/unknown strategy preset no-such-preset/);
    expect(stopped).toBe(1);
  });

  test('no runs: nothing to wait for', async () => {
    expect(await runOnWorkers([], 2, inThreadWorker)).toEqual([]);
  });
});
