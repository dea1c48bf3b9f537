import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { mergeShards } from '../../src/sweep-merge.js';
import { parseShard, shardRuns } from '../../src/sweep-shard.js';
import { VERSION } from '../../src/version.js';
import { cli, SMALL, tempDir } from './cli-helpers.js';

/** Two points × two strategies × three seeds = 12 runs, short ones. */
const SWEEP = ['sweep', SMALL, '--param', 'cache.ttl=1s,5s', '--seeds', '3', '--strategy', 'ttl,pubsub', '--set', 'duration=5s', '--set', 'warmup=0'];

/** Runs every shard of SWEEP split `count` ways, writes each document to a file, returns the files. */
async function shardFiles(count: number, extra: string[] = [], dir = tempDir()): Promise<string[]> {
  const files: string[] = [];
  for (let index = 1; index <= count; index++) {
    const run = await cli([...SWEEP, ...extra, '--shard', `${index}/${count}`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = join(dir, `shard-${index}-of-${count}.json`);
    writeFileSync(file, run.stdout);
    files.push(file);
  }
  return files;
}

describe('shards of a sweep', () => {
  test('with an expectation failing somewhere, every shard exits 0 and the merge ends as the sweep does: its replay, exit 1', async () => {
    const failing = ['--set', 'expect={ttl: {hit_ratio: "> 0.7"}}'];
    const files = await shardFiles(2, failing);
    for (const format of ['table', 'json']) {
      const whole = await cli([...SWEEP, ...failing, '--format', format]);
      const merged = await cli(['merge', ...files, '--format', format]);
      expect(whole.code).toBe(1);
      expect(merged.code).toBe(1);
      expect(merged.stdout).toBe(whole.stdout);
      expect(merged.stderr).toBe(whole.stderr);
    }
    expect((await cli(['merge', ...files])).stdout).toMatch(/\nReplay: cache-sim run .* --strategy ttl .*\n$/);
  });

  test('parseShard takes i/n with 1 ≤ i ≤ n only', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '1', '/3', 'a/b', '-1/3', '1.5/3', '1/3/4', '']) expect(parseShard(bad), bad).toBeUndefined();
  });

  test('the shards of any split hold every run exactly once, in plan order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 }), (total, count) => {
        const all = Array.from({ length: count }, (_, i) => shardRuns(total, { index: i + 1, count }));
        for (const runs of all) expect(runs).toEqual([...runs].sort((a, b) => a - b));
        expect(all.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
        // Round-robin: no shard holds more than one run more than another.
        const sizes = all.map((runs) => runs.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('merging the shards, in any order, prints byte for byte what the unsharded sweep prints (table, JSON, markdown, CSV)', async () => {
    for (const count of [1, 3, 5, 20]) {
      const files = await shardFiles(count);
      const shuffled = [...files].reverse();
      for (const format of ['table', 'json', 'markdown', 'csv']) {
        const whole = await cli([...SWEEP, '--format', format]);
        const merged = await cli(['merge', ...shuffled, '--format', format]);
        expect(merged.stderr).toBe('');
        expect(merged.code).toBe(0);
        expect(merged.stdout, `${count} shards, ${format}`).toBe(whole.stdout);
      }
    }
  });

  test('the expectations a sweep left unchecked (--strategy) are carried by its shards into the merge', async () => {
    const sweep = ['sweep', SMALL, '--param', 'cache.ttl=1s,5s', '--strategy', 'ttl', '--set', 'duration=5s', '--set', 'warmup=0'];
    const dir = tempDir();
    const files = await Promise.all(
      ['1/2', '2/2'].map(async (shard, i) => {
        const file = join(dir, `skipped-${i}.json`);
        writeFileSync(file, (await cli([...sweep, '--shard', shard])).stdout);
        return file;
      }),
    );
    const whole = await cli(sweep);
    expect(whole.stdout).toContain('Not checked, their strategies did not run (--strategy): pubsub stale_read_ratio < 0.5');
    expect((await cli(['merge', ...files])).stdout).toBe(whole.stdout);
  });

  test('merge --html writes the page the unsharded sweep --html writes, byte for byte', async () => {
    const dir = tempDir();
    const files = await shardFiles(3);
    await cli([...SWEEP, '--html', join(dir, 'whole.html')]);
    const merged = await cli(['merge', ...files, '--html', join(dir, 'merged.html')]);
    expect(merged.code).toBe(0);
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toBe(readFileSync(join(dir, 'whole.html'), 'utf8'));
    // A page that would replace a shard is refused, as a shard, and the shard is left as it was.
    const before = readFileSync(files[0], 'utf8');
    const over = await cli(['merge', ...files, '--html', files[0]]);
    expect(over.code).toBe(2);
    expect(over.stderr).toBe(`${files[0]}:1:1: cannot write: it is a shard document being merged, which the report would replace; allowed: a path of its own\n`);
    expect(readFileSync(files[0], 'utf8')).toBe(before);
  });

  test('regional and windowed metrics merge the same way', async () => {
    const metrics = ['--metric', 'regions.away.stale_read_ratio from 2s', '--metric', 'reads until 2s'];
    const files = await shardFiles(3, metrics);
    for (const format of ['table', 'json']) {
      const whole = await cli([...SWEEP, ...metrics, '--format', format]);
      const merged = await cli(['merge', ...files, '--format', format]);
      expect(merged.code).toBe(0);
      expect(merged.stdout).toBe(whole.stdout);
    }
  });

  test('a shard document holds its runs, with where each sits in the sweep', async () => {
    const [, second] = await shardFiles(5);
    const doc = JSON.parse(readFileSync(second, 'utf8'));
    expect(Object.keys(doc)).toEqual(['version', 'kind', 'shard', 'plan', 'scenario', 'file', 'seed', 'seeds', 'params', 'metrics', 'sets', 'points', 'runs']);
    expect(doc.kind).toBe('cache-sim sweep shard');
    expect(doc.shard).toEqual({ index: 2, count: 5 });
    // The scenario's expectations about the strategies swept, as it states them, at each point.
    const expectations = [
      { strategy: 'ttl', metric: 'hit_ratio', condition: '> 0.5', at: `${SMALL}:35:16` },
      { strategy: 'pubsub', metric: 'stale_read_ratio', condition: '< 0.5', at: `${SMALL}:37:23` },
    ];
    expect(doc.points).toEqual([
      { params: { 'cache.ttl': '1s' }, strategies: ['ttl', 'pubsub'], expectations },
      { params: { 'cache.ttl': '5s' }, strategies: ['ttl', 'pubsub'], expectations },
    ]);
    // Runs go point by point, strategy by strategy, seed by seed: runs 1, 6 and 11 of 12.
    expect(doc.runs.map((r: { run: number; point: number; strategy: string; seed: number }) => [r.run, r.point, r.strategy, r.seed])).toEqual([
      [1, 0, 'ttl', doc.seeds[1]],
      [6, 1, 'ttl', doc.seeds[0]],
      [11, 1, 'pubsub', doc.seeds[2]],
    ]);
    expect(Object.keys(doc.runs[0].metrics)).toEqual(doc.metrics);
    // Each run, what it measured of its own strategy's expectations.
    expect(doc.runs[0].expectations).toEqual([{ actual: expect.any(Number), pass: expect.any(Boolean) }]);
  });

  test('the plan fingerprint ignores where the scenario file is, and changes with what it says', async () => {
    const here = await shardFiles(2);
    const dir = tempDir();
    const copy = join(dir, 'small.yaml');
    copyFileSync(SMALL, copy);
    const [, ...rest] = SWEEP.slice(1);
    const original = JSON.parse(readFileSync(here[0], 'utf8')).plan;
    // Shard 2 run from another folder merges with shard 1; the result names shard 1's file, whatever the order given.
    const there = await cli(['sweep', copy, ...rest, '--shard', '2/2']);
    expect(JSON.parse(there.stdout).plan).toBe(original);
    const moved = join(dir, 'moved-2.json');
    writeFileSync(moved, there.stdout);
    const merged = await cli(['merge', moved, here[0]]);
    expect(merged.code).toBe(0);
    // The table's header names the scenario file.
    expect(merged.stdout).toBe((await cli(SWEEP)).stdout);
    // Also when --strategy leaves expectations out, whose places name the file.
    const leftOut = ['--strategy', 'ttl'];
    const planOf = async (file: string, shard: string) => JSON.parse((await cli(['sweep', file, ...rest, ...leftOut, '--shard', shard])).stdout).plan;
    expect(await planOf(copy, '2/2')).toBe(await planOf(SMALL, '1/2'));
    writeFileSync(copy, readFileSync(SMALL, 'utf8').replace(/seed: \d+/, 'seed: 12345'));
    expect(JSON.parse((await cli(['sweep', copy, ...rest, '--shard', '1/2'])).stdout).plan).not.toBe(original);
  });

  test('what cannot be merged: exit 2, each problem at its place, nothing on stdout', async () => {
    const [one, two, three] = await shardFiles(3);
    const dir = tempDir();
    const [otherSweep] = await shardFiles(3, ['--seeds', '2'], tempDir());
    const [, otherSplit] = await shardFiles(2, [], tempDir());
    const whole = join(dir, 'whole.json');
    writeFileSync(whole, (await cli([...SWEEP, '--format', 'json'])).stdout);
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(one, 'utf8').slice(0, 200));
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(one, 'utf8').replace('"run": 3,', '"run": 4,'));
    const noOutcome = join(dir, 'no-outcome.json');
    const doc = JSON.parse(readFileSync(one, 'utf8'));
    doc.runs[1].expectations = [];
    writeFileSync(noOutcome, JSON.stringify(doc, null, 2));
    const noRuns = join(dir, 'no-runs.json');
    const { runs: _runs, ...withoutRuns } = JSON.parse(readFileSync(one, 'utf8'));
    writeFileSync(noRuns, JSON.stringify(withoutRuns, null, 2));
    const impossible = join(dir, 'impossible.json');
    const edited = JSON.parse(readFileSync(one, 'utf8'));
    edited.runs[0].metrics.hit_ratio = -5;
    writeFileSync(impossible, JSON.stringify(edited, null, 2));
    const wrongType = join(dir, 'wrong-type.json');
    writeFileSync(wrongType, readFileSync(two, 'utf8').replace('"count": 3', '"count": "3"'));

    const cases: [string[], RegExp][] = [
      [[one, two], /^cache-sim: shard 3\/3 missing; give every shard of the sweep, 1\/3 to 3\/3$/],
      [[one], /^cache-sim: shards 2\/3, 3\/3 missing/],
      [[one, two, two, three], /shard-2-of-3\.json:5:14: shard\.index: shard 2\/3 again \(also in .*shard-2-of-3\.json\); give each shard once$/],
      [[one, otherSweep, three], /shard-1-of-3\.json:8:11: plan: from another sweep than .*shard-1-of-3\.json \(the scenario, cache-sim's version, or a --param/],
      [[one, otherSplit, three], /shard-2-of-2\.json:6:14: shard\.count: split into 2 shards, but .* into 3; merge shards of one split$/],
      [[whole], /whole\.json:1:1: not a sweep shard; cache-sim merge takes the JSON documents printed by `cache-sim sweep FILE --shard i\/n`$/],
      [[truncated], /truncated\.json:\d+:\d+: not valid JSON: \w[^;]*; cache-sim merge takes/],
      [[tampered, two, three], /tampered\.json:\d+:\d+: runs\.1\.run: expected run 3 here \(shard 1\/3 holds runs 0, 3, 6, … in order\)$/],
      [[noOutcome, two, three], /no-outcome\.json:\d+:\d+: runs\.1\.expectations: expected 1 outcome, one per expectation of pubsub at its point$/],
      [[wrongType], /wrong-type\.json:6:14: shard\.count: "3" found; expected a value of type number \(not as cache-sim writes it\)$/],
      [[impossible, two, three], /impossible\.json:\d+:\d+: runs\.0\.metrics\.hit_ratio: -5 is no value a run measures of hit_ratio; allowed: a ratio from 0 to 1/],
      [[noRuns], /no-runs\.json:1:1: runs: missing; expected a value of type array \(not as cache-sim writes it\)$/],
      [[join(dir, 'nope.json')], /nope\.json:1:1: cannot read: no such file$/],
    ];
    for (const [files, message] of cases) {
      const run = await cli(['merge', ...files]);
      expect(run.code, files.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd()).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('--shard takes i/n and prints JSON only', async () => {
    for (const bad of ['0/2', '3/2', 'two']) {
      const run = await cli([...SWEEP, '--shard', bad]);
      expect(run.code, bad).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/--shard <i\/n>.* give i\/n with 1 ≤ i ≤ n, e\.g\. --shard 2\/4/);
    }
    const table = await cli([...SWEEP, '--shard', '1/2', '--format', 'table']);
    expect(table.code).toBe(2);
    expect(table.stdout).toBe('');
    expect(table.stderr).toMatch(/--format table with --shard: a shard prints its JSON document/);
    expect((await cli([...SWEEP, '--shard', '1/2', '--format', 'json'])).code).toBe(0);
  });
});

test('VERSION is package.json’s version', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});

describe('fuzz: merging never throws anything but a clean input error', () => {
  /** Throws only InputError (problems with positions) or UsageError. */
  function mergesOrRejectsCleanly(texts: string[]): void {
    try {
      mergeShards(texts.map((text, i) => ({ file: `shard-${i}.json`, text })));
    } catch (error) {
      if (error instanceof InputError) {
        for (const p of error.problems) expect(p.line).toBeGreaterThanOrEqual(1);
        return;
      }
      if (error instanceof UsageError) return;
      throw error;
    }
  }

  test('any text, any JSON value', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 3 }), mergesOrRejectsCleanly), { numRuns: 200 });
    fc.assert(fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 3 }), (values) => mergesOrRejectsCleanly(values.map((v) => JSON.stringify(v)))), { numRuns: 200 });
  });

  test('real shard documents with one field replaced by anything', async () => {
    const files = await shardFiles(2);
    const docs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
    const paths: string[][] = [['shard', 'index'], ['shard', 'count'], ['plan'], ['seeds'], ['params'], ['metrics'], ['points'], ['runs'], ['runs', '0'], ['runs', '0', 'metrics'], ['points', '0', 'strategies'], ['kind'], ['version']];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 0, max: 1 }), (path, value, which) => {
        const doc = structuredClone(docs[which]);
        let at: Record<string, unknown> = doc;
        for (const step of path.slice(0, -1)) at = at[step] as Record<string, unknown>;
        at[path[path.length - 1]] = value;
        const texts = docs.map((d, i) => JSON.stringify(i === which ? doc : d));
        mergesOrRejectsCleanly(texts);
      }),
      { numRuns: 300 },
    );
  });
});
