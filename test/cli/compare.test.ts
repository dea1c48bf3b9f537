import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli, SMALL, tempDir } from './cli-helpers.js';

const SHORT = ['--set', 'duration=40s', '--strategy', 'ttl,pubsub,pubsub-2s', '--set', 'expect={}'];

describe('cache-sim compare', () => {
  const dir = tempDir();
  const path = (name: string) => join(dir, name);
  const seedsRun = async (name: string, extra: string[] = []) => {
    const run = await cli(['run', SMALL, '--seeds', '3', '--format', 'json', ...SHORT, ...extra]);
    writeFileSync(path(name), run.stdout);
  };

  beforeAll(async () => {
    await seedsRun('base.json');
    // A shorter TTL for the variants that take the scenario's; pubsub-2s keeps its own.
    await seedsRun('head.json', ['--set', 'cache.ttl=3s']);
    await seedsRun('other-seeds.json', ['--seed', '99']);
    writeFileSync(path('one-run.json'), (await cli(['run', SMALL, '--format', 'json', ...SHORT])).stdout);
    writeFileSync(path('sweep.json'), (await cli(['sweep', SMALL, '--param', 'cache.ttl=1s', '--seeds', '3', '--format', 'json', ...SHORT])).stdout);
    writeFileSync(path('shard.json'), (await cli(['sweep', SMALL, '--param', 'cache.ttl=1s', '--seeds', '3', '--shard', '1/2', ...SHORT])).stdout);
    writeFileSync(path('two-scenarios.json'), (await cli(['run', SMALL, SMALL, '--seeds', '2', '--format', 'json', ...SHORT])).stdout);
    writeFileSync(path('yaml.json'), 'name: base\nduration: 1m\n');
    writeFileSync(path('empty.json'), '\n');
    const cut = JSON.parse(readFileSync(path('base.json'), 'utf8'));
    cut.points[0].strategies.ttl.hit_ratio.values.pop();
    writeFileSync(path('cut.json'), JSON.stringify(cut, null, 2));
  });

  test('a document against itself: every change 0, nothing outside the noise', async () => {
    const run = await cli(['compare', path('base.json'), path('base.json'), '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.changes.length).toBe(3 * 6);
    for (const c of doc.changes) expect(c).toMatchObject({ change: 0, significant: false, verdict: 'noise', pairs: 3 });
    // The counts and the gate's decision, for a script reading the JSON.
    expect(doc.summary).toEqual({ better: 0, worse: 0, changed: 0, noise: 18, lost: 0, worse_or_lost: false });
  });

  test('a byte order mark before the JSON (a Windows editor saved it) changes nothing', async () => {
    writeFileSync(path('bom.json'), `\uFEFF${readFileSync(path('base.json'), 'utf8')}`);
    const plain = await cli(['compare', path('base.json'), path('head.json'), '--format', 'json']);
    const marked = await cli(['compare', path('bom.json'), path('head.json'), '--format', 'json']);
    expect(marked.stderr).toBe('');
    expect(marked.code).toBe(plain.code);
    expect(marked.stdout).toBe(plain.stdout.replaceAll(path('base.json'), path('bom.json')));
  });

  test('paired over the same seeds: what the change touched moves, in the right direction; what it did not, not at all', async () => {
    const run = await cli(['compare', path('base.json'), path('head.json'), '--format', 'json']);
    expect(run.code).toBe(0);
    const changes = JSON.parse(run.stdout).changes as { strategy: string; metric: string; change: number; ci95: number; verdict: string }[];
    const of = (strategy: string, metric: string) => changes.find((c) => c.strategy === strategy && c.metric === metric);
    expect(of('ttl', 'stale_read_ratio')).toMatchObject({ verdict: 'better' });
    expect(of('ttl', 'hit_ratio')).toMatchObject({ verdict: 'worse' });
    expect(of('ttl', 'db_reads_primary')).toMatchObject({ verdict: 'worse' });
    // pubsub-2s sets its own TTL: the same reads, writes and fates, so exactly the same numbers.
    for (const c of changes.filter((c) => c.strategy === 'pubsub-2s')) expect([c.change, c.ci95]).toEqual([0, 0]);

    const table = await cli(['compare', path('base.json'), path('head.json')]);
    expect(table.stdout.replace(/\s+/g, ' ')).toMatch(/^small: \S*base\.json → \S*head\.json, paired over 3 seeds/);
    // A ratio's change is in percentage points; every row says its verdict.
    expect(table.stdout).toMatch(/│ ttl +│ stale_read_ratio +│ .* │ +−[\d.]+ pp ± [\d.]+ pp │ +better │/);
    expect(table.stdout).toMatch(/│ pubsub-2s +│ stale_read_ratio +│ .* │ +noise │/);
    const markdown = await cli(['compare', path('base.json'), path('head.json'), '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/\| ttl \| `hit_ratio` \| .* \| ❌ worse \|/);
  });

  test('points pair by what their values mean: 1s and 1000ms are one point, 0.9s another', async () => {
    const sweep = (values: string) => cli(['sweep', SMALL, '--param', `cache.ttl=${values}`, '--seeds', '2', '--format', 'json', ...SHORT]);
    writeFileSync(path('ttl-seconds.json'), (await sweep('1s,2s')).stdout);
    writeFileSync(path('ttl-ms.json'), (await sweep('2000ms,1000,0.9s')).stdout);
    const run = await cli(['compare', path('ttl-seconds.json'), path('ttl-ms.json'), '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const ttls = new Set(doc.changes.map((c: { params: Record<string, string> }) => c.params['cache.ttl']));
    expect([...ttls].sort()).toEqual(['1000', '2000ms']);
    for (const c of doc.changes) expect(c).toMatchObject({ change: 0, pairs: 2 });
    expect(doc.only_in_base).toEqual([]);
    expect(doc.only_in_head).toEqual([{ params: { 'cache.ttl': '0.9s' } }]);
  });

  test('--fail-on-worse: exit 1 when anything got worse, 0 when nothing did', async () => {
    expect((await cli(['compare', path('base.json'), path('head.json'), '--fail-on-worse'])).code).toBe(1);
    expect((await cli(['compare', path('base.json'), path('base.json'), '--fail-on-worse'])).code).toBe(0);
  });

  test('what one side lacks is listed, not dropped: --fail-on-worse fails when the head lost a strategy or a metric value', async () => {
    const lost = JSON.parse(readFileSync(path('base.json'), 'utf8'));
    delete lost.points[0].strategies['pubsub-2s'];
    lost.points[0].strategies.pubsub.hit_ratio.values = lost.points[0].strategies.pubsub.hit_ratio.values.map(() => null);
    // A value lost on one seed only: the other seeds still pair, and that one is named.
    lost.points[0].strategies.ttl.stale_read_ratio.values[1] = null;
    writeFileSync(path('lost.json'), JSON.stringify(lost));

    const json = await cli(['compare', path('base.json'), path('lost.json'), '--format', 'json']);
    const doc = JSON.parse(json.stdout);
    expect(doc.only_in_base).toEqual([
      { params: {}, strategy: 'ttl', metric: 'stale_read_ratio', seeds: [lost.seeds[1]] },
      { params: {}, strategy: 'pubsub', metric: 'hit_ratio' },
      { params: {}, strategy: 'pubsub-2s' },
    ]);
    expect(doc.changes.find((c: { strategy: string; metric: string }) => c.strategy === 'ttl' && c.metric === 'stale_read_ratio').pairs).toBe(2);
    expect(doc.only_in_head).toEqual([]);
    expect(doc.summary).toMatchObject({ lost: 3, worse_or_lost: true });
    expect(doc.changes.some((c: { strategy: string }) => c.strategy === 'pubsub-2s')).toBe(false);

    const gate = await cli(['compare', path('base.json'), path('lost.json'), '--fail-on-worse']);
    expect(gate.code).toBe(1);
    // (wrapped to the report's width)
    expect(gate.stdout.replace(/\s+/g, ' ')).toMatch(/Only in \S*base\.json, not compared \(--fail-on-worse counts this as worse\): ttl stale_read_ratio on seed \d+, pubsub hit_ratio, pubsub-2s $/);
    // The summary counts what was lost with what got worse, as the gate does.
    expect(gate.stdout.replace(/\s+/g, ' ')).toMatch(/within the noise; 3 only in the base \(lost: worse for --fail-on-worse\)/);
    // The other way round the head gained them: listed, and no failure.
    const gained = await cli(['compare', path('lost.json'), path('base.json'), '--fail-on-worse', '--format', 'markdown']);
    expect(gained.code).toBe(0);
    expect(gained.stdout).toMatch(/Only in .*base\.json, not compared: ttl stale\\_read\\_ratio on seed \d+, pubsub hit\\_ratio, pubsub-2s\n/);
  });

  test('a metric only one side asked for (an expectation removed, a --metric added) is listed apart, and is no loss', async () => {
    const named = ['--set', 'expect={ttl: {regions.away.staleness_p99: "< 1m"}}'];
    await seedsRun('with-expectation.json', named);
    const run = await cli(['compare', path('with-expectation.json'), path('base.json'), '--format', 'json', '--fail-on-worse']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ only_in_base: [], metrics_only_in_base: ['regions.away.staleness_p99'], metrics_only_in_head: [] });
    const table = await cli(['compare', path('with-expectation.json'), path('base.json'), '--fail-on-worse']);
    expect(table.stdout.replace(/\s+/g, ' ')).toMatch(/Measured only in \S*with-expectation\.json, not compared \(the head did not ask for it: no loss\): regions\.away\.staleness_p99 $/);
    // The other way round: the head measures more, and nothing is lost either.
    expect((await cli(['compare', path('base.json'), path('with-expectation.json'), '--fail-on-worse'])).code).toBe(0);
  });

  test('any JSON (or none) as a document: exit 2 with the place in the file, never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (text) => {
        writeFileSync(path('any.json'), text);
        const run = await cli(['compare', path('base.json'), path('any.json')]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/any\.json:\d+:\d+: /);
        expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  test('what cannot be compared: exit 2, one line per problem, nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [[path('base.json'), path('other-seeds.json')], /other-seeds\.json:1:1: ran on other seeds than .*base\.json; a paired comparison needs the same seeds/],
      [[path('base.json'), path('one-run.json')], /one-run\.json:1:1: not the results of a sweep; cache-sim compare takes/],
      [[path('base.json'), path('nope.json')], /nope\.json:1:1: cannot read: no such file/],
      [[path('base.json'), path('shard.json')], /shard\.json:1:1: is one shard of a sweep; merge the shards first/],
      [[path('base.json'), path('two-scenarios.json')], /two-scenarios\.json:1:1: is a list of 2 items, as run prints for several scenario files; compare takes one document/],
      [[path('yaml.json'), path('base.json')], /^\S*yaml\.json:1:1: not valid JSON: Unexpected token 'a'; cache-sim compare takes/],
      [[path('empty.json'), path('base.json')], /^\S*empty\.json:1:1: an empty file, not a JSON document; cache-sim compare takes/],
      [[path('shard.json'), path('shard.json')], /^[^\n]*shard\.json:1:1: is one shard of a sweep[^\n]*\n$/],
      [[path('base.json'), path('cut.json')], /cut\.json:\d+:\d+: points\.0\.strategies\.ttl\.hit_ratio\.values: 2 values for 3 seeds; allowed: one value \(or null\) per seed/],
      [[path('base.json'), path('sweep.json')], /sweep\.json:1:1: nothing in common with .*base\.json: no grid point, strategy and metric that both have/],
    ];
    for (const [files, message] of cases) {
      const run = await cli(['compare', ...files]);
      expect(run.code, files.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr.trimEnd().split('\n'), 'one line per problem').toHaveLength(1);
    }
  });
});
