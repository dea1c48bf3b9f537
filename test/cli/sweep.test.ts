import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { deriveSeed } from '../../src/random/streams.js';
import { metricValue } from '../../src/metrics/metric-names.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runStrategy } from '../../src/simulate.js';
import { DEFAULT_SWEEP_METRICS, gridPoints, parseParam, planSweep, summariseRuns } from '../../src/sweep.js';
import { renderSweepCsv, renderSweepTable } from '../../src/report/sweep.js';
import { plain } from '../../src/report/colour.js';
import { expectGolden } from '../helpers/golden.js';
import { inThreadWorker } from '../helpers/in-thread-worker.js';
import { cli, SMALL, tempDir } from './cli-helpers.js';

/** Short runs keep the suite fast. */
const SHORT = ['--set', 'duration=5s', '--set', 'warmup=0'];

describe('--param parsing and the grid', () => {
  test('values split on top-level commas only', () => {
    expect(parseParam('cache.ttl=1s,5s,30s')).toEqual({ path: 'cache.ttl', values: ['1s', '5s', '30s'] });
    expect(parseParam('bus.delay={exponential: {mean: 50ms}},{uniform: [10ms, 20ms]},100ms')).toEqual({
      path: 'bus.delay',
      values: ['{exponential: {mean: 50ms}}', '{uniform: [10ms, 20ms]}', '100ms'],
    });
    expect(parseParam('name="a,b",c').values).toEqual(['"a,b"', 'c']);
  });

  test('bad --param: no `=`, empty path, empty list, empty value', () => {
    expect(() => parseParam('cache.ttl')).toThrow(/no `=`/);
    expect(() => parseParam('=1s')).toThrow(/empty path/);
    expect(() => parseParam('cache.ttl=')).toThrow(/no values/);
    // The seeds are the sweep's own: a seed parameter would be overridden at every point.
    expect(() => parseParam('seed=1,2')).toThrow(/each point runs on the same seeds.*--seeds N.*--seed N/);
    expect(() => parseParam('cache.ttl=1s,,2s')).toThrow(/empty value/);
    expect(() => parseParam('"seed"=1,2')).toThrow(/each point runs on the same seeds/);
    expect(() => parseParam('cache."ttl=1s,2s')).toThrow(/unclosed quote.*a name with dots goes in double quotes/);
  });

  test('a path is one text however it was written: quotes only around a name with dots', () => {
    expect(parseParam('cache."ttl"=1s,2s').path).toBe('cache.ttl');
    expect(parseParam(' workload.read_regions."eu.west" =1,2').path).toBe('workload.read_regions."eu.west"');
    expect(() => planSweep('scenarios/quickstart.yaml', { params: ['cache.ttl=1s,2s', 'cache."ttl"=5s'] })).toThrow(/cache.ttl given twice/);
  });

  test('the first parameter varies slowest', () => {
    const points = gridPoints([
      { path: 'a', values: ['1', '2'] },
      { path: 'b', values: ['x', 'y', 'z'] },
    ]);
    expect(points).toEqual([
      { a: '1', b: 'x' },
      { a: '1', b: 'y' },
      { a: '1', b: 'z' },
      { a: '2', b: 'x' },
      { a: '2', b: 'y' },
      { a: '2', b: 'z' },
    ]);
  });
});

describe('cache-sim sweep', () => {
  test('grid order and size in the JSON; default metrics and every strategy', async () => {
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,5s', '--param', 'bus.loss=0,0.1,0.5', '--seeds', '1', '--format', 'json', ...SHORT]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc)).toEqual(['version', 'scenario', 'seed', 'seeds', 'params', 'metrics', 'sets', 'points']);
    expect(doc.metrics).toEqual([...DEFAULT_SWEEP_METRICS]);
    expect(doc.params).toEqual([
      { path: 'cache.ttl', values: ['1s', '5s'] },
      { path: 'bus.loss', values: ['0', '0.1', '0.5'] },
    ]);
    expect(doc.points.map((p: any) => p.params)).toEqual([
      { 'cache.ttl': '1s', 'bus.loss': '0' },
      { 'cache.ttl': '1s', 'bus.loss': '0.1' },
      { 'cache.ttl': '1s', 'bus.loss': '0.5' },
      { 'cache.ttl': '5s', 'bus.loss': '0' },
      { 'cache.ttl': '5s', 'bus.loss': '0.1' },
      { 'cache.ttl': '5s', 'bus.loss': '0.5' },
    ]);
    for (const point of doc.points) {
      expect(Object.keys(point.strategies)).toEqual(['ttl', 'pubsub', 'pubsub-2s']);
      expect(Object.keys(point.strategies.ttl)).toEqual([...DEFAULT_SWEEP_METRICS]);
      expect(point.strategies.ttl.hit_ratio.ci95).toBeNull(); // n = 1: no interval
    }
    // The table shows a single seed's value without an interval.
    const table = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s', '--seeds', '1', ...SHORT]);
    expect(table.stdout).not.toContain('±');
    expect(table.stdout).toMatch(/\d%/);
    expect(doc.points[0].strategies.pubsub.messages_sent.mean).toBeGreaterThan(0);
    // Six significant digits at most, as a run's own numbers (no 0.025406046899999837).
    for (const point of doc.points) {
      for (const metrics of Object.values(point.strategies) as Record<string, { mean: number | null }>[]) {
        for (const { mean } of Object.values(metrics)) if (mean !== null) expect(mean).toBe(Number(mean.toPrecision(6)));
      }
    }
    expect(doc.points[0].strategies.ttl.messages_sent.mean).toBe(0);
  });

  test("the scenario's expectations at each point: where they hold, and the command that replays a failure there; a failure anywhere makes the sweep exit 1", async () => {
    const expectation = ['--set', 'expect={ttl: {hit_ratio: "> 0.7"}}'];
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,10s', '--seeds', '2', '--strategy', 'ttl', '--format', 'json', ...SHORT, ...expectation]);
    expect(run.code).toBe(1);
    const [short, long] = JSON.parse(run.stdout).points;
    expect(long.expectations[0]).toMatchObject({ strategy: 'ttl', metric: 'hit_ratio', held: 2, runs: 2, pass: true, replay: null });
    expect(short.expectations[0]).toMatchObject({ held: 0, runs: 2, pass: false });
    const replay = short.expectations[0].replay as string;
    expect(replay).toContain(`--seed ${short.expectations[0].failed[0].seed} --strategy ttl --set duration=5s --set warmup=0 --set 'expect={ttl: {hit_ratio: "> 0.7"}}' --set cache.ttl=1s`);
    const words = [...replay.replace(/^cache-sim /, '').matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
    expect((await cli(words)).code).toBe(1);
    // JSON keeps stdout parseable: the replay goes to stderr.
    expect(run.stderr).toBe(`Replay: ${replay}\n`);
    // The table says where in the grid each strategy's expectations all held, then ends with the replay of the first failure.
    const table = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,10s', '--seeds', '2', '--strategy', 'ttl', ...SHORT, ...expectation]);
    expect(table.code).toBe(1);
    expect(table.stdout.trimEnd().split('\n').slice(-4)).toEqual(['Where each strategy held all its expectations on every seed:', '  ttl  cache.ttl = 10s', '', `Replay: ${replay}`]);
    const twoParams = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,10s', '--param', 'bus.loss=0,0.5', '--seeds', '2', '--strategy', 'ttl', ...SHORT, ...expectation]);
    expect(twoParams.stdout.trimEnd().split('\n').at(-3)).toBe('  ttl  cache.ttl=10s bus.loss=0; cache.ttl=10s bus.loss=0.5');
    const never = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,2s', '--seeds', '2', '--strategy', 'ttl', ...SHORT, ...expectation]);
    expect(never.stdout.trimEnd().split('\n').at(-3)).toBe('  ttl  nowhere');
    // On GitHub Actions, an annotation per failed expectation, naming its grid point.
    const onGithub = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,10s', '--seeds', '2', '--strategy', 'ttl', ...SHORT, ...expectation], { GITHUB_ACTIONS: 'true' });
    expect(onGithub.stderr).toMatch(/^::error title=ttl hit_ratio > 0.7 at cache.ttl=1s::ttl hit_ratio held on 0 of 2 seeds: .*%0AReplay: cache-sim run .*\n$/);
    // Where every expectation held: exit 0, no replay.
    const held = await cli(['sweep', SMALL, '--param', 'cache.ttl=10s,20s', '--seeds', '2', '--strategy', 'ttl', ...SHORT, ...expectation]);
    expect(held.code).toBe(0);
    expect(held.stdout.trimEnd().split('\n').at(-1)).toBe('  ttl  everywhere');
  });

  test('the same seeds at every point, and a point with the scenario’s own values reproduces runStrategy', async () => {
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=2s,10s', '--seeds', '3', '--strategy', 'ttl,pubsub', '--format', 'json', ...SHORT]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.seed).toBe(3);
    const seeds = [0, 1, 2].map((i) => deriveSeed(3, `sweep-${i}`));
    expect(doc.seeds).toEqual(seeds);
    expect(new Set(seeds).size).toBe(3);

    // small.yaml's own ttl is 10s: the second point is the scenario as written, run at each seed.
    const point = doc.points[1];
    expect(point.params).toEqual({ 'cache.ttl': '10s' });
    for (const name of ['ttl', 'pubsub']) {
      const direct = seeds.map((seed) => {
        const scenario = loadScenarioFile(SMALL, ['duration=5s', 'warmup=0', `seed=${seed}`]);
        return runStrategy(scenario, scenario.strategies.find((s) => s.name === name)!);
      });
      for (const metric of DEFAULT_SWEEP_METRICS) {
        expect(point.strategies[name][metric].values).toEqual(direct.map((r) => metricValue(r, metric)));
      }
    }
    // Its expectations over the seeds are those of `run --seeds` with the same seeds.
    const seedsRun = JSON.parse((await cli(['run', SMALL, '--seeds', '3', '--strategy', 'ttl,pubsub', '--format', 'json', ...SHORT])).stdout);
    const withoutReplay = (list: { replay: unknown }[]) => list.map(({ replay: _, ...rest }) => rest);
    expect(withoutReplay(point.expectations)).toEqual(withoutReplay(seedsRun.points[0].expectations));
    expect(point.expectations.map((e: { strategy: string }) => e.strategy)).toEqual(['ttl', 'pubsub']);

    // --seed changes the root, so every seed.
    const other = JSON.parse((await cli(['sweep', SMALL, '--param', 'cache.ttl=2s', '--seeds', '2', '--seed', '9', '--strategy', 'ttl', '--format', 'json', ...SHORT])).stdout);
    expect(other.seed).toBe(9);
    expect(other.seeds).toEqual([deriveSeed(9, 'sweep-0'), deriveSeed(9, 'sweep-1')]);
  });

  test('the confidence half-width is t(0.975, n−1) · sd / √n of the per-seed values', async () => {
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=10s', '--seeds', '2', '--strategy', 'ttl', '--metric', 'db_reads_primary', '--format', 'json', ...SHORT]);
    const summary = JSON.parse(run.stdout).points[0].strategies.ttl.db_reads_primary;
    expect(Object.keys(summary)).toEqual(['mean', 'ci95', 'values']);
    const [a, b] = summary.values;
    expect(a).not.toBe(b);
    expect(summary.mean).toBe((a + b) / 2);
    // n = 2: sd = |a − b| / √2, so t(1) · sd / √2 = 12.7062 · |a − b| / 2.
    expect(summary.ci95).toBeCloseTo((12.7062 * Math.abs(a - b)) / 2, 9);
  });

  test('golden: the table for small.yaml over two TTLs', async () => {
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,10s', '--seeds', '2', '--strategy', 'ttl', '--set', 'duration=20s']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout).toContain('2 points × 2 seeds');
    expect(run.stdout).toMatch(/│ 1s +│ ttl +│ .* ± /);
    expectGolden('sweep-small-ttl.txt', run.stdout);
    // The same as markdown, for a GitHub step summary: one row per point and strategy, then the expectations.
    const markdown = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,10s', '--seeds', '2', '--strategy', 'ttl', '--set', 'duration=20s', '--format', 'markdown']);
    expect(markdown.code).toBe(0);
    expectGolden('sweep-small-ttl.md', markdown.stdout);
  });

  test('same command twice ⇒ byte-identical JSON; csv has one row per point × strategy × metric', async () => {
    const args = ['sweep', SMALL, '--param', 'cache.ttl=1s,5s', '--seeds', '2', '--strategy', 'pubsub', ...SHORT];
    const first = await cli([...args, '--format', 'json']);
    const second = await cli([...args, '--format', 'json']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout.endsWith('}\n')).toBe(true);
    expect(first.stdout).toContain('\n  "version": 1,');

    const csv = (await cli([...args, '--format', 'csv', '--metric', 'hit_ratio', '--metric', 'staleness_p99'])).stdout.trimEnd().split('\n');
    expect(csv[0]).toBe('cache.ttl,strategy,metric,mean,ci95,n');
    expect(csv).toHaveLength(1 + 2 * 1 * 2);
    expect(csv.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '1s,pubsub,hit_ratio',
      '1s,pubsub,staleness_p99',
      '5s,pubsub,hit_ratio',
      '5s,pubsub,staleness_p99',
    ]);
    expect(csv[1].endsWith(',2')).toBe(true);
  });

  test('a seed without a value (no write converged) is left out of the mean, and the reports say over how many seeds it is', () => {
    const plan = planSweep(SMALL, { params: ['cache.ttl=1s'], seeds: 3, strategies: ['ttl'], metrics: ['convergence_p99'] });
    // Runs are numbered seed by seed: the second seed measured nothing.
    const values = [100, NaN, 300];
    const results = summariseRuns(plan, (run) => values[run], () => plan.expectations[0].map(() => ({ actual: 0, pass: true })));
    const summary = results.points[0].strategies.ttl.convergence_p99;
    expect(summary.mean).toBe(200);
    expect(summary.values).toEqual([100, NaN, 300]);
    expect(renderSweepTable(results, plain)).toContain('(2 of 3 seeds)');
    expect(renderSweepCsv(results).trimEnd().split('\n')[1]).toMatch(/^1s,ttl,convergence_p99,200,[\d.]+,2$/);
  });

  test('regional and windowed metrics: the value a run of the point gives for them, in the point’s own run', async () => {
    const metrics = ['regions.away.stale_read_ratio', 'regions.away.stale_read_ratio from 2s', 'reads until 2s'];
    const args = ['sweep', SMALL, '--param', 'duration=4s,5s', '--seeds', '2', '--strategy', 'pubsub', '--format', 'json', '--set', 'warmup=0'];
    const doc = JSON.parse((await cli([...args, ...metrics.flatMap((m) => ['--metric', m])])).stdout);
    expect(doc.metrics).toEqual(metrics);
    expect(Object.keys(doc.points[0].strategies.pubsub)).toEqual(metrics);
    doc.seeds.forEach((seed: number, s: number) => {
      doc.points.forEach((point: { params: Record<string, string>; strategies: Record<string, Record<string, { values: number[] }>> }) => {
        const scenario = loadScenarioFile(SMALL, ['warmup=0', `duration=${point.params.duration}`, `seed=${seed}`]);
        const endMs = scenario.durationMs;
        const r = runStrategy(scenario, scenario.strategies[1], [{ fromMs: 2000, untilMs: endMs }, { fromMs: 0, untilMs: 2000 }]);
        const [after, before] = r.windows ?? [];
        const values = metrics.map((m) => point.strategies.pubsub[m].values[s]);
        expect(values).toEqual([r.regions.away.stale_read_ratio, after.regions.away.stale_read_ratio, before.reads]);
      });
    });
  });

  test('--html writes the sweep as a page: a chart per metric, a line per strategy and value of the other parameters, error bars', async () => {
    const file = join(tempDir(), 'sweep.html');
    const args = ['sweep', SMALL, '--param', 'cache.ttl=1s,5s,10s', '--param', 'bus.loss=0,0.2', '--seeds', '2', '--strategy', 'ttl,pubsub', ...SHORT];
    const run = await cli([...args, '--metric', 'stale_read_ratio', '--metric', 'staleness_p99', '--html', file]);
    expect(run.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    const charts = html.match(/<svg [^>]*aria-label="[^"]+"/g) ?? [];
    expect(charts.map((c) => /aria-label="([^"]+)"/.exec(c)?.[1])).toEqual(['stale_read_ratio over cache.ttl', 'staleness_p99 over cache.ttl']);
    // 2 strategies × 2 loss values, each with a point and an error bar at each of the 3 TTLs.
    const first = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(first.match(/<g class="series">/g)).toHaveLength(4);
    expect(first.match(/<circle /g)).toHaveLength(12);
    expect(first).toContain('>ttl · bus.loss=0.2</text>');
    expect(html).toContain('<h3>Every mean and interval, and the expectations over the seeds</h3>');
    expect(html).toMatch(/<title>ttl · bus\.loss=0 at cache\.ttl=1s: /);
    // Same sweep, same bytes.
    const again = join(tempDir(), 'again.html');
    await cli([...args, '--metric', 'stale_read_ratio', '--metric', 'staleness_p99', '--html', again]);
    expect(readFileSync(again, 'utf8')).toBe(html);
    // A metric with no value on any seed (no write made, so none converged): its series draw no line, and no empty path.
    const empty = join(tempDir(), 'empty.html');
    await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,5s', '--seeds', '2', '--strategy', 'ttl', ...SHORT, '--set', 'workload.writes_per_second=0', '--metric', 'convergence_p99', '--html', empty]);
    const page = readFileSync(empty, 'utf8');
    expect(page).toContain('aria-label="convergence_p99 over cache.ttl"');
    expect(page).not.toContain('d=""');
  });

  test('--html with --shard is a usage error; a path that cannot be written is bad input; nothing is written', async () => {
    const shard = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s', '--shard', '1/2', '--html', join(tempDir(), 'x.html'), ...SHORT]);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/--html with --shard/);
    const nowhere = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s', '--html', '/nonexistent/dir/x.html', ...SHORT]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stdout).toBe('');
    const overScenario = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s', '--html', SMALL, ...SHORT]);
    expect(overScenario.code).toBe(2);
  });

  test('a windowed ratio reads as a ratio in the table', async () => {
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=2s', '--seeds', '2', '--strategy', 'ttl', '--metric', 'stale_read_ratio from 1s', ...SHORT]);
    expect(run.stdout).toMatch(/\d%\s+± [\d.]+%/);
  });

  test('bad --param, metric, strategy or seeds: exit 2, nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['--param', 'cache.ttl'], /--param cache.ttl: no `=`/],
      [['--param', 'cache.ttl='], /no values/],
      [['--param', 'cache.ttl=1s,,2s'], /empty value/],
      [[], /at least one --param/],
      [['--param', 'cache.ttl=1s', '--param', 'cache.ttl=2s'], /given twice/],
      [['--param', 'cache.ttl=1s,1s'], /^cache-sim: --param cache.ttl=1s,1s: 1s given twice; give each value once$/m],
      [['--param', 'bus.loss=0,0.1', '--param', 'cache.ttl=1s,2s,1000ms'], /^cache-sim: --param: cache.ttl=1s and cache.ttl=1000ms make the same scenario; give each value once$/m],
      [['--param', 'cache.ttl=1s', '--metric', 'stale_reads_ratio'], /--metric stale_reads_ratio: unknown metric `stale_reads_ratio` \(did you mean `stale_read_ratio`\?\)/],
      [['--param', 'cache.ttl=1s', '--metric', 'regions.elsewhere.reads'], /--metric regions.elsewhere.reads: unknown metric/],
      [['--param', 'cache.ttl=1s', '--metric', 'messages_sent from 1s'], /--metric messages_sent from 1s: `messages_sent` cannot be counted over a window of time/],
      [['--param', 'duration=5s,3s', '--metric', 'reads from 1s until 4s'], /--metric reads from 1s until 4s: the window ends at 4s, after the run does \(duration: 3s\); allowed: until ≤ duration \(at duration=3s\)/],
      [['--param', 'cache.ttl=1s', '--strategy', 'nope'], /--strategy nope: not in/],
      [['--param', 'cache.ttl=1s', '--seeds', '0'], /the number of seeds must be a whole number from 1 to 100000/],
      [['--param', 'bus.loss=2'], /^--param:1:10: bus.loss: 2 is not a probability; allowed: a number from 0 to 1 \(from --param bus.loss=2\)$/m],
    ];
    for (const [extra, message] of cases) {
      const run = await cli(['sweep', SMALL, ...extra, ...SHORT]);
      expect(run.code, extra.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    }
  });

  test('a bad scenario and an unwritable --html: both problems at once, exit 2', async () => {
    const html = join(tempDir(), 'no-such-folder', 'sweep.html');
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s', '--set', 'duration=1q', '--html', html]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('duration: "1q" is not a duration');
    expect(run.stderr).toContain(`${html}:1:1: cannot write: the folder`);
    const trace = await cli(['trace', SMALL, '--key', '0', '--set', 'duration=1q', '--html', html]);
    expect(trace.code).toBe(2);
    expect(trace.stderr).toContain('duration: "1q" is not a duration');
    expect(trace.stderr).toContain(`${html}:1:1: cannot write: the folder`);
  });

  test('problems in grid points: all of them, with positions, exit 2', async () => {
    const run = await cli(['sweep', SMALL, '--param', 'cache.ttl=1s,bogus,-3s', '--param', 'bus.loss=0,2', ...SHORT]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    // Each at its column in the argument as written, which the message repeats.
    expect(lines.some((l) => l.startsWith('--param:1:14: cache.ttl: "bogus" is not a TTL') && l.endsWith('(from --param cache.ttl=1s,bogus,-3s)'))).toBe(true);
    expect(lines.some((l) => l.startsWith('--param:1:20: cache.ttl: "-3s"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('--param:1:12: bus.loss: 2 is not a probability') && l.endsWith('(from --param bus.loss=0,2)'))).toBe(true);
    // Each problem once, though several points share it.
    expect(new Set(lines).size).toBe(lines.length);

    // A problem in the file itself: FILE:LINE:COL, once.
    const dir = tempDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: broken\nduration: 5s\nregions:\n  - { name: a, primary: true }\nworkload: { keys: -1 }\n');
    const broken = await cli(['sweep', file, '--param', 'cache.ttl=1s,2s']);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+: `, 'm'));
  });
});

describe('cache-sim sweep --workers', () => {
  const workers = { cores: 2, spawn: inThreadWorker };
  const args = ['sweep', SMALL, ...SHORT, '--param', 'cache.ttl=1s,5s', '--param', 'bus.loss=0,0.1', '--seeds', '3', '--format', 'json'];

  test('the same JSON with 1, 2 or 3 workers (results do not depend on who ran what)', async () => {
    const one = await cli([...args, '--workers', '1'], {}, false, workers);
    expect(one.code).toBe(0);
    for (const n of ['2', '3']) expect((await cli([...args, '--workers', n], {}, false, workers)).stdout).toBe(one.stdout);
    // And the library's one-thread sweep agrees.
    expect((await cli(args)).stdout).toBe(one.stdout);
  });

  test('progress on a terminal counts finished runs (4 points × 3 strategies × 3 seeds)', async () => {
    const run = await cli([...args, '--workers', '2'], {}, true, workers);
    expect(run.stderr).toContain('done (36/36)');
  });
});
