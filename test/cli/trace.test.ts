import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { cli, SMALL, tempDir } from './cli-helpers.js';

const SHORT = ['--set', 'duration=10s', '--set', 'warmup=0'];

describe('cache-sim trace', () => {
  test('golden: the story of the hottest key under pubsub, as text', async () => {
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsub', ...SHORT]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^key 0 under pubsub: \d+ reads, \d+ stale · test\/fixtures\/scenarios\/small\.yaml · seed 3\n/);
    expect(run.stdout).toContain('commit v1');
    expect(run.stdout).toContain('invalidation delivered v1');
    expectGolden('trace-small-key0.txt', run.stdout);
  });

  test('the events are in time order and a stale read says how stale', async () => {
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'ttl', ...SHORT]);
    const lines = run.stdout.trimEnd().split('\n').slice(1);
    expect(lines.some((l) => /STALE read v\d+ \(from cache .*stale for/.test(l))).toBe(true);
    const [head] = run.stdout.split('\n');
    const stale = Number(/(\d+) stale/.exec(head)?.[1]);
    expect(lines.filter((l) => l.includes('STALE read'))).toHaveLength(stale);
  });

  test('with a warmup, the stale reads told are the counted ones plus those marked as in the warmup', async () => {
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'ttl', '--set', 'duration=10s', '--set', 'warmup=4s']);
    const [head, ...lines] = run.stdout.trimEnd().split('\n');
    const counted = Number(/(\d+) stale/.exec(head)?.[1]);
    const stale = lines.filter((l) => l.includes('STALE read'));
    const inWarmup = stale.filter((l) => l.endsWith('; in the warmup, not counted)'));
    expect(inWarmup.length).toBeGreaterThan(0);
    expect(counted).toBeGreaterThan(0);
    expect(stale.length - inWarmup.length).toBe(counted);
    // Marked exactly those issued before the warmup's end.
    const seconds = (line: string) => Number(/^\s*([\d.]+)(ms|s)/.exec(line)?.[1]) * (/^\s*[\d.]+ms/.test(line) ? 0.001 : 1);
    expect(inWarmup.every((l) => seconds(l) < 4)).toBe(true);
    expect(stale.filter((l) => !inWarmup.includes(l)).every((l) => seconds(l) >= 4)).toBe(true);
  });

  test('the faults and clock jumps that begin or end in the window are told among the events, before what happened at their instant', async () => {
    const faults = ['--set', 'faults=[{at: 4s, for: 2s, partition: {region: away}}]', '--set', 'regions.1.clock={jumps: [{at: 5s, by: -1s}]}'];
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsub', '--all-reads', '--from', '3s', '--until', '7s', ...SHORT, ...faults]);
    const lines = run.stdout.split('\n');
    const turns = lines.filter((line) => line.includes('FAULT')).map((line) => line.trim());
    expect(turns).toEqual(['4s          FAULT begins: away cut off from the bus, until 6s', '5s          FAULT away clock steps back 1s', '6s          FAULT over: away cut off from the bus']);
    // In time order with the events around them.
    const times = lines.slice(2).filter((line) => /^\s+\d/.test(line)).map((line) => line.trim().split(/\s+/)[0]);
    const ms = times.map((t) => Number.parseFloat(t) * (t.endsWith('ms') ? 1 : 1_000));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
  });

  test('with one key, the reads the story marks as breaking a session guarantee are exactly those the run counts', async () => {
    for (const [file, strategy] of [[SMALL, 'ttl'], ['scenarios/update-reordering.yaml', 'update-blind']]) {
      const oneKey = ['--strategy', strategy, '--set', 'workload.keys=1', '--set', 'duration=40s'];
      const result = Object.values(JSON.parse((await cli(['run', file, ...oneKey, '--format', 'json'])).stdout).strategies)[0] as { ryw_violations: number; monotonic_violations: number };
      const counted = (await cli(['trace', file, '--key', '0', ...oneKey])).stdout.split('\n').filter((line) => !line.includes('in the warmup'));
      expect(counted.filter((line) => line.includes('breaks read-your-writes')).length, file).toBe(result.ryw_violations);
      expect(counted.filter((line) => line.includes('breaks monotonic reads')).length, file).toBe(result.monotonic_violations);
      expect(result.ryw_violations + result.monotonic_violations).toBeGreaterThan(0);
    }
  });

  test('a window in which nothing happened to the key says so, in text and in Mermaid', async () => {
    const args = ['trace', SMALL, '--key', '0', '--strategy', 'pubsub', ...SHORT, '--from', '2s', '--until', '2s'];
    const text = await cli(args);
    expect(text.code).toBe(0);
    expect(text.stdout.trimEnd().split('\n')[1]).toBe('nothing happened to key 0 in this window: no write, replication, invalidation, cache change or stale read');
    const mermaid = await cli([...args, '--format', 'mermaid']);
    expect(mermaid.stdout).toContain('Note over r0,r1: nothing happened to key 0 in this window');
  });

  test('a delayed double delete: each delete is sent twice, the second one marked, that long after the first', async () => {
    const variant = `strategies=[{name: twice, use: pubsub, delete_again_after: 1500ms}]`;
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'twice', ...SHORT, '--set', variant, '--set', 'expect={}']);
    expect(run.code).toBe(0);
    const sent = run.stdout.split('\n').filter((l) => l.includes('invalidation on its way'));
    const again = sent.filter((l) => l.endsWith('(again)'));
    expect(again.length).toBeGreaterThan(0);
    const seconds = (line: string) => Number(/^\s*([\d.]+)(ms|s)/.exec(line)?.[1]) * (/^\s*[\d.]+ms/.test(line) ? 0.001 : 1);
    for (const line of again) {
      const [, region, version] = /\s(\S+)\s+invalidation on its way (v\d+)/.exec(line) ?? [];
      const first = sent.find((l) => !l.endsWith('(again)') && l.includes(` ${region} `) && l.includes(`on its way ${version}`));
      expect(first, line).toBeDefined();
      // Times are printed to six significant figures.
      expect(seconds(line) - seconds(first as string)).toBeCloseTo(1.5, 3);
    }
    // Its delivery is marked too, so the two deliveries of one version can be told apart.
    const delivered = run.stdout.split('\n').filter((l) => /invalidation delivered v\d+/.test(l));
    expect(delivered.filter((l) => l.includes('(again')).length).toBeGreaterThan(0);
    for (const line of delivered.filter((l) => l.includes('(again'))) {
      const [, region, version] = /\s(\S+)\s+invalidation delivered (v\d+)/.exec(line) ?? [];
      expect(delivered.indexOf(line)).toBeGreaterThan(delivered.findIndex((l) => l.includes(` ${region} `) && l.includes(`delivered ${version}`)));
    }
  });

  test('write-update: a store an update message made is told as an update, a refill as a fill, each once', async () => {
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'wu', ...SHORT, '--set', 'strategies=[{name: wu, use: write-update, update: all}]', '--set', 'expect={}']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.some((l) => / cache updated to v\d+/.test(l))).toBe(true);
    expect(lines.some((l) => / cache filled with v\d+/.test(l))).toBe(true);
    // Every store is told once: an update line never repeats a fill of the same instant.
    const stores = lines.filter((l) => / cache (updated to|filled with) v/.test(l)).map((l) => l.replace(/ cache (updated to|filled with) /, ' stored ').replace(/ \(.*$/, ''));
    expect(new Set(stores).size).toBe(stores.length);
    // Its bus carries updates, and the story calls them so.
    expect(lines.some((l) => / update on its way v\d+/.test(l))).toBe(true);
    expect(lines.some((l) => / update delivered v\d+/.test(l))).toBe(true);
    expect(run.stdout).not.toContain('invalidation');
    const pubsub = await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsub', ...SHORT]);
    expect(pubsub.stdout).not.toContain('cache updated to');
    expect(pubsub.stdout).not.toMatch(/ update (on its way|delivered)/);
  });

  test('with L1s: their fills and ends name the app server, and reads they serve say so', async () => {
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsub', '--all-reads', ...SHORT, '--set', 'cache.l1={hosts: 2, ttl: 2s}']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ L1 filled with v\d+ \(app server [01]\)/);
    expect(run.stdout).toMatch(/ L1 entry ends v\d+ \(app server [01], (expired|invalidated)\)/);
    expect(run.stdout).toMatch(/ read v\d+ \(from L1 in 0ms\)/);
  });

  test('--from and --until tell only that window, reads counted by when they were issued', async () => {
    const whole = await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsub', '--all-reads', ...SHORT]);
    const part = await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsub', '--all-reads', '--from', '2s', '--until', '4000', ...SHORT]);
    expect(part.code).toBe(0);
    expect(part.stdout).toMatch(/^key 0 under pubsub, from 2s until 4s: \d+ reads, \d+ stale · test\/fixtures\/scenarios\/small\.yaml · seed 3\n/);
    const times = (out: string) => out.trimEnd().split('\n').slice(1).map((line) => line.trim().split(/\s+/)[0]);
    const inside = whole.stdout.trimEnd().split('\n').slice(1).filter((line) => {
      const ms = Number(/^\s*([\d.]+)(ms|s)/.exec(line)?.[1]) * (/^\s*[\d.]+s/.test(line) ? 1000 : 1);
      return ms >= 2000 && ms <= 4000;
    });
    expect(times(part.stdout)).toEqual(inside.map((line) => line.trim().split(/\s+/)[0]));
    const reads = Number(/(\d+) reads/.exec(part.stdout)?.[1]);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThan(Number(/(\d+) reads/.exec(whole.stdout)?.[1]));

    const backwards = await cli(['trace', SMALL, '--key', '0', '--from', '5s', '--until', '1s', ...SHORT]);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/--from is after --until/);
    const bad = await cli(['trace', SMALL, '--key', '0', '--from', 'soon', ...SHORT]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from takes a duration like 250ms/);
    // The story ends with the run, and counts the reads the run's report counts (after the warmup).
    const end = await cli(['trace', SMALL, '--key', '0', '--all-reads', '--set', 'duration=10s', '--set', 'warmup=5s']);
    const lastTime = end.stdout.trimEnd().split('\n').at(-1)?.trim().split(/\s+/)[0] ?? '';
    expect(Number(lastTime.replace(/s$/, ''))).toBeLessThanOrEqual(10);
    expect(end.stdout).toMatch(/^key 0 under ttl: \d+ reads after the warmup, /);
    const measured = JSON.parse((await cli(['run', SMALL, '--strategy', 'ttl', '--set', 'duration=10s', '--set', 'warmup=5s', '--format', 'json'])).stdout).strategies.ttl.stale_keys.find((k: { key: number }) => k.key === 0);
    expect(end.stdout).toContain(`: ${measured.reads} reads after the warmup, ${measured.stale_reads} stale`);
    const late = await cli(['trace', SMALL, '--key', '0', '--from', '1h', ...SHORT]);
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(/--from 1h: the run is over by then \(duration: 10s\)/);
  });

  test('--all-reads shows every read; --format mermaid gives a sequence diagram', async () => {
    const all = await cli(['trace', SMALL, '--key', '0', '--all-reads', ...SHORT]);
    const reads = Number(/(\d+) reads/.exec(all.stdout)?.[1]);
    expect(all.stdout.split('\n').filter((l) => / read v\d/.test(l) || l.includes('STALE read'))).toHaveLength(reads);
    const mermaid = await cli(['trace', SMALL, '--key', '0', '--format', 'mermaid', ...SHORT]);
    expect(mermaid.stdout.startsWith('sequenceDiagram\n')).toBe(true);
    expect(mermaid.stdout).toContain('participant r0 as home');
  });

  test('--html: golden page of a window, a lane per region; the text still goes to stdout', async () => {
    const dir = tempDir();
    const page = join(dir, 'trace.html');
    const run = await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsub', '--from', '2s', '--until', '4s', '--html', page, ...SHORT]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^key 0 under pubsub, from 2s until 4s/);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(`<pre>${run.stdout.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</pre>`);
    for (const region of ['home', 'away']) expect(html).toContain(`>${region}</text>`);
    expectGolden('trace-small.html', html);
  });

  test('a story of hundreds of thousands of events: printed whole; the page draws what fits and says what it left out', async () => {
    const dir = tempDir();
    const page = join(dir, 'busy.html');
    const busy = ['--set', 'workload.keys=1', '--set', 'workload.reads_per_second=3000', '--set', 'duration=70s', '--set', 'warmup=0'];
    const run = await cli(['trace', SMALL, '--key', '0', '--all-reads', '--html', page, ...busy]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').length).toBeGreaterThan(200_000);
    const html = readFileSync(page, 'utf8');
    expect(html.length).toBeLessThan(3_000_000);
    expect(html).toMatch(/so not drawn: fresh reads[^;]*; narrow the window with --from and --until/);
    expect(html).toMatch(/… and \d+ more events: the command without --html prints them all/);
    // Bands too busy for a rectangle per piece get one per run of pixels alike.
    expect((html.match(/<rect /g) ?? []).length).toBeLessThan(2 * 2 * 800);
  });

  test('--html to a path that cannot be written: exit 2, nothing run, no file', async () => {
    const dir = tempDir();
    const run = await cli(['trace', SMALL, '--key', '0', '--html', join(dir, 'missing', 'trace.html'), ...SHORT]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  test('bad key or strategy: exit 2 with the allowed range', async () => {
    const key = await cli(['trace', SMALL, '--key', '999']);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('keys 0 to 199');
    // A key that is no number is told what a key is, not a range no scenario has.
    const word = await cli(['trace', SMALL, '--key', 'hot']);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('the key is a whole number, its rank: 0 is the most popular (workload.keys says how many there are)');
    const strategy = await cli(['trace', SMALL, '--key', '1', '--strategy', 'nope']);
    expect(strategy.code).toBe(2);
    expect((await cli(['trace', SMALL])).code).toBe(2);
  });
});
