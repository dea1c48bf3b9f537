import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_SWEEP_METRICS, sweepSeeds } from '../../src/sweep.js';
import { expectGolden } from '../helpers/golden.js';
import { inThreadWorker } from '../helpers/in-thread-worker.js';
import { cli, SMALL, tempDir } from './cli-helpers.js';

const SHORT = ['--set', 'duration=40s', '--strategy', 'ttl,pubsub'];
const SEEDS = sweepSeeds(3, 4);

/** What a plain `run --seed s` measures for the scenario's expectations, seed by seed. */
async function plainRuns(extra: string[] = []): Promise<{ seed: number; expectations: { actual: number; pass: boolean }[] }[]> {
  return Promise.all(
    SEEDS.map(async (seed) => {
      const doc = JSON.parse((await cli(['run', SMALL, '--seed', String(seed), '--format', 'json', ...SHORT, ...extra])).stdout);
      return { seed, expectations: doc.expectations };
    }),
  );
}

describe('cache-sim run --seeds', () => {
  test('lists the expectations in the order of `expect:`, as a plain run does (not strategy by strategy)', async () => {
    const expectations = ['--set', 'expect={pubsub: {stale_read_ratio: "< 0.5"}, ttl: {hit_ratio: "> 0.5"}, pubsub-2s: {reads: "> 0"}}', '--set', 'duration=40s'];
    const plain = JSON.parse((await cli(['run', SMALL, '--format', 'json', ...expectations])).stdout);
    const seeds = JSON.parse((await cli(['run', SMALL, '--seeds', '2', '--format', 'json', ...expectations])).stdout);
    const order = (list: { strategy: string; metric: string }[]) => list.map((e) => `${e.strategy} ${e.metric}`);
    expect(order(plain.expectations)).toEqual(['pubsub stale_read_ratio', 'ttl hit_ratio', 'pubsub-2s reads']);
    expect(order(seeds.points[0].expectations)).toEqual(order(plain.expectations));
  });

  test('golden: the metrics over the seeds, then each expectation over them', async () => {
    const run = await cli(['run', SMALL, '--seeds', '3', ...SHORT, '--set', 'expect.pubsub.stale_read_ratio=< 0.01']);
    expect(run.code).toBe(1);
    expectGolden('cli-run-seeds.txt', run.stdout);
    const markdown = await cli(['run', SMALL, '--seeds', '3', ...SHORT, '--set', 'expect.pubsub.stale_read_ratio=< 0.01', '--format', 'markdown']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('### Expectations on 3 seeds: 1 of 2 failed on at least one seed');
    expect(markdown.stdout).toContain(`| ❌ | pubsub | \`stale_read_ratio\` | \`< 0.01\` | 0/3 |`);
    expect(markdown.stdout.trimEnd().endsWith('```sh\n' + run.stdout.trimEnd().split('\n').at(-1)?.replace('Replay: ', '') + '\n```')).toBe(true);
    const onGithub = await cli(['run', SMALL, '--seeds', '3', ...SHORT, '--set', 'expect.pubsub.stale_read_ratio=< 0.01'], { GITHUB_ACTIONS: 'true' });
    // Given by --set: no file to point at, so the message says where it came from.
    expect(onGithub.stderr).toMatch(/^::error title=pubsub stale_read_ratio < 0.01::pubsub stale_read_ratio held on 0 of 3 seeds: failed with seed \d+ .*%0A\(at --set:1:32\)\n$/);
    expect(onGithub.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test("each expectation over the sweep's seeds is what plain runs with those seeds measure", async () => {
    const doc = JSON.parse((await cli(['run', SMALL, '--seeds', '4', '--format', 'json', ...SHORT])).stdout);
    expect(doc.seeds).toEqual(SEEDS);
    expect(Object.keys(doc)).toEqual(['version', 'scenario', 'seed', 'seeds', 'params', 'metrics', 'sets', 'points', 'replay']);
    const plain = await plainRuns();
    doc.points[0].expectations.forEach((e: { held: number; runs: number; min: number; max: number; failed: unknown[] }, j: number) => {
      const actuals = plain.map((p) => p.expectations[j].actual);
      expect(e).toMatchObject({ runs: 4, min: Math.min(...actuals), max: Math.max(...actuals) });
      expect(e.held).toBe(plain.filter((p) => p.expectations[j].pass).length);
    });
    // And the metrics are the sweep's, over the same runs.
    const stale = plain.map((p) => p.expectations[1].actual);
    expect(doc.points[0].strategies.pubsub.stale_read_ratio.values).toEqual(stale);
  });

  test('an expectation that fails on some seeds: exit 1, the seeds it failed on, and a replay of the first that fails again', async () => {
    // A bound between the seeds' values: some hold it, some do not.
    const plain = await plainRuns();
    const ratios = plain.map((p) => p.expectations[1].actual).sort((a, b) => a - b);
    const bound = (ratios[1] + ratios[2]) / 2;
    const set = ['--set', `expect={pubsub: {stale_read_ratio: "< ${bound}"}}`];
    const run = await cli(['run', SMALL, '--seeds', '4', ...SHORT, ...set]);
    expect(run.code).toBe(1);
    const failing = plain.filter((p) => p.expectations[1].actual >= bound).map((p) => p.seed);
    expect(run.stdout).toContain(`held 2/4`);
    expect(run.stdout).toContain(`failed with seed ${failing[0]} (`);
    const replay = run.stdout.trimEnd().split('\n').at(-1) as string;
    expect(replay).toMatch(new RegExp(`^Replay: cache-sim run ${SMALL} --seed ${failing[0]} --strategy pubsub `));
    // The replay command, as the CLI takes it, fails in the same way.
    const words = [...replay.replace(/^Replay: cache-sim /, '').matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
    expect((await cli(words)).code).toBe(1);

    const json = await cli(['run', SMALL, '--seeds', '4', '--format', 'json', ...SHORT, ...set]);
    expect(json.code).toBe(1);
    const e = JSON.parse(json.stdout).points[0].expectations[0];
    expect(e).toMatchObject({ strategy: 'pubsub', metric: 'stale_read_ratio', held: 2, runs: 4, pass: false });
    expect(e.failed.map((f: { seed: number }) => f.seed)).toEqual(failing);
    expect(json.stderr).toBe(`Replay: ${JSON.parse(json.stdout).replay}\n`);
  });

  test('all held: exit 0, and the JUnit file has a passing case per expectation', async () => {
    const dir = tempDir();
    const junit = join(dir, 'seeds.xml');
    const run = await cli(['run', SMALL, '--seeds', '2', '--junit', junit, ...SHORT]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Expectations on 2 seeds: all held on every seed');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="cache-sim" tests="2" failures="0" errors="0">');
    expect(xml).toContain(`<property name="seeds" value="${sweepSeeds(3, 2).join(' ')}"/>`);
  });

  test('--html: a chart per metric with a point per strategy and its confidence interval, then the table', async () => {
    const dir = tempDir();
    const page = join(dir, 'seeds.html');
    const run = await cli(['run', SMALL, '--seeds', '2', '--html', page, ...SHORT]);
    expect(run.code).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<h1>cache-sim run over 2 seeds</h1>');
    expect(html).toContain('stale_read_ratio per strategy');
    expect(html).toContain('one point per strategy; the bars span the 95 % confidence interval');
    // The strategies name the x axis, and the page ends with the table and its expectations.
    for (const name of ['ttl', 'pubsub']) expect(html).toMatch(new RegExp(`<text class="tick"[^>]*>${name}</text>`));
    expect(html).toContain('Expectations on 2 seeds: all held on every seed');
    expect(html).toContain('<p>Expectations on 2 seeds: <span class="pass">all held on every seed</span></p>');
    expect(html).not.toContain('Replay the first failure');
    // A failure is seen at the top, and the page says how to replay it.
    const failing = join(dir, 'failing.html');
    await cli(['run', SMALL, '--seeds', '2', '--html', failing, ...SHORT, '--set', 'expect={ttl: {hit_ratio: "> 0.999"}}']);
    const page2 = readFileSync(failing, 'utf8');
    expect(page2).toMatch(/<p>Expectations on 2 seeds: <span class="fail">1 of 1 failed on at least one seed<\/span><\/p>/);
    expect(page2).toMatch(/<p>Replay the first failure:<\/p>\n<pre>cache-sim run test\/fixtures\/scenarios\/small\.yaml --seed \d+ /);
  });

  test('--metric chooses what is summarised over the seeds (any name expect: takes); without --seeds it is a usage error', async () => {
    const metrics = ['--metric', 'stale_causes_stored_stale', '--metric', 'regions.away.stale_read_ratio from 10s'];
    const doc = JSON.parse((await cli(['run', SMALL, '--seeds', '2', '--format', 'json', ...SHORT, ...metrics])).stdout);
    expect(doc.metrics).toEqual(['stale_causes_stored_stale', 'regions.away.stale_read_ratio from 10s']);
    expect(doc.points[0].strategies.pubsub.stale_causes_stored_stale.values).toHaveLength(2);
    const alone = await cli(['run', SMALL, '--metric', 'hit_ratio', ...SHORT]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--metric without --seeds/);
  });

  test('without --metric, the usual metrics and those the expectations of the strategies run name, each once', async () => {
    const expectations = ['--set', 'expect={ttl: {db_reads_peak_per_second: "> 0", hit_ratio: "> 0.1"}, pubsub: {"stale_read_ratio from 10s": "< 1", db_reads_peak_per_second: "> 0"}}'];
    const doc = JSON.parse((await cli(['run', SMALL, '--seeds', '2', '--format', 'json', ...SHORT, ...expectations])).stdout);
    expect(doc.metrics).toEqual([...DEFAULT_SWEEP_METRICS, 'db_reads_peak_per_second', 'stale_read_ratio from 10s']);
    expect(doc.points[0].strategies.ttl.db_reads_peak_per_second.values).toHaveLength(2);
    // A strategy left out leaves its expectations' metrics out too.
    const ttlOnly = JSON.parse((await cli(['run', SMALL, '--seeds', '2', '--format', 'json', '--set', 'duration=40s', '--strategy', 'ttl', ...expectations])).stdout);
    expect(ttlOnly.metrics).toEqual([...DEFAULT_SWEEP_METRICS, 'db_reads_peak_per_second']);
  });

  test('the same JSON whatever the number of workers', async () => {
    const args = ['run', SMALL, '--seeds', '3', '--format', 'json', ...SHORT];
    const workers = { cores: 2, spawn: inThreadWorker };
    const one = await cli([...args, '--workers', '1'], {}, false, workers);
    const two = await cli([...args, '--workers', '2'], {}, false, workers);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  test('bad input: exit 2, nothing written', async () => {
    const dir = tempDir();
    const junit = join(dir, 'seeds.xml');
    for (const args of [
      ['--seeds', '1'],
      // More seeds than a run takes (its arrays of values per seed could not be made).
      ['--seeds', '4294967296'],
      ['--seeds', '3', '--format', 'csv'],
      ['--seeds', '3', '--html', join(dir, 'missing', 'r.html')],
      ['--seeds', '3', '--strategy', 'nope'],
      ['--seeds', '3', '--set', 'workload.reads_per_second=-1', '--junit', junit],
    ]) {
      const run = await cli(['run', SMALL, ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(junit)).toBe(false);
  });
});
