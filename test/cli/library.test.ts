/**
 * The README's library example, run as a user's program would: importing the package by its
 * name (package.json `exports`, built into dist/ by `npm install`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

test.skipIf(!existsSync('dist/index.js'))("the README's library example runs and prints the stale-read ratio and a markdown report", () => {
  const readme = readFileSync('README.md', 'utf8');
  const example = /## As a library[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  // Run from the package folder, so `import … from 'cache-sim'` resolves to this package.
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', example as string], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const [ratio, ...report] = run.stdout.split('\n');
  expect(Number(ratio)).toBeGreaterThan(0);
  expect(Number(ratio)).toBeLessThan(1);
  expect(report.join('\n')).toContain('## quickstart');
});

test('the library refuses what the CLI refuses, with the exported typed errors, never a crash or an empty result', async () => {
  const { InputError, UsageError, loadScenarioFile, renderReport, runScenario, runSeeds, runSweep, traceKey, plain } = await import('../../src/index.js');
  const scenario = loadScenarioFile('test/fixtures/scenarios/small.yaml', ['duration=2s', 'warmup=0']);
  const spec = scenario.strategies[0];
  const refusals: [string, () => unknown, RegExp][] = [
    ['a key that is not one', () => traceKey(scenario, spec, 1.5), /--key 1.5: .* has keys 0 to \d+/],
    ['a key past the last', () => traceKey(scenario, spec, scenario.workload.keys), /has keys 0 to/],
    ['a negative key', () => traceKey(scenario, spec, -1), /has keys 0 to/],
    ['a window starting after the end', () => traceKey(scenario, spec, 0, { fromMs: 2000 }), /the run is over by then/],
    ['a window ending before it starts', () => traceKey(scenario, spec, 0, { fromMs: 500, untilMs: 100 }), /--from is after --until/],
    ['a strategy the scenario lacks', () => runScenario(scenario, { only: ['nope'] }), /--strategy nope: not in/],
    ['a report format that is none', () => renderReport('xml' as 'json', [], plain), /--format xml: not a report format/],
    ['more seeds than a plan can hold', () => runSweep('test/fixtures/scenarios/small.yaml', { params: ['cache.ttl=1s'], seeds: 1e9 }), /from 1 to 100000/],
    ['a fraction of a seed', () => runSweep('test/fixtures/scenarios/small.yaml', { params: ['cache.ttl=1s'], seeds: 1.5 }), /from 1 to 100000/],
    ['one seed over seeds', () => runSeeds('test/fixtures/scenarios/small.yaml', { seeds: 1 }), /at least 2 seeds/],
  ];
  for (const [what, call, message] of refusals) {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught, what).toBeInstanceOf(UsageError);
    expect((caught as Error).message, what).toMatch(message);
    expect((caught as { exitCode: number }).exitCode, what).toBe(2);
  }
  // Bad scenario text is an InputError with its problems placed.
  expect(() => loadScenarioFile('test/fixtures/scenarios/missing.yaml')).toThrow(InputError);
});
