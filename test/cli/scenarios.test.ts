/** The scenario library: every file validates, runs, and its expectations hold (exit 0). */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cli, tempDir } from './cli-helpers.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

test('the library has the teaching scenarios', () => {
  expect(files.length).toBeGreaterThanOrEqual(6);
});

test.each(files)('scenarios/%s runs and its expectations hold', async (file) => {
  const run = await cli(['run', `scenarios/${file}`, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout);
  expect(doc.expectations.length).toBeGreaterThan(0);
}, 30_000);

test("the README's workshop trace tells the story the README tells", async () => {
  const window = ['trace', 'scenarios/stale-refill-from-lagging-replica.yaml', '--key', '40', '--from', '37.9s', '--until', '47s'];
  const pubsub = (await cli([...window, '--strategy', 'pubsub'])).stdout;
  expect(pubsub).toMatch(/ 37\.956\d*s +eu-west +invalidation delivered v2\n/);
  expect(pubsub).toMatch(/ 38\.19\d*s +eu-west +cache filled with v1 \(stale: latest is v2\)\n/);
  expect(pubsub).toMatch(/ 46\.14\d*s +eu-west +replica applies v2\n/);
  expect(pubsub).not.toMatch(/eu-west +entry ends v1/);
  expect(pubsub).toMatch(/ 38\.64\d*s +eu-west +STALE read v1 \(from cache .*, cached already stale\)\n/);
  const cdc = (await cli([...window, '--strategy', 'cdc'])).stdout;
  expect(cdc).toMatch(/ 46\.14\d*s +eu-west +replica applies v2\n +46\.14\d*s +eu-west +entry ends v1 \(invalidated\)\n/);
});

test("the README's workshop trace as a page: eu-west's lane shows the stale refill holding the cache while its replica is behind", async () => {
  const dir = tempDir();
  const page = join(dir, 'race.html');
  const window = ['trace', 'scenarios/stale-refill-from-lagging-replica.yaml', '--key', '40', '--from', '37.9s', '--until', '47s'];
  const run = await cli([...window, '--strategy', 'pubsub', '--html', page]);
  expect(run.code).toBe(0);
  const html = readFileSync(page, 'utf8');
  const titles = [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
  expect(titles).toContain('cache holds v1 (stale), 38.1967s–47s');
  expect(titles).toContain('database copy shows v1 (behind the primary), 37.9045s–46.1487s');
  expect(titles.some((t) => /^38\.1967s: fill v1 \(stale: latest is v2\)$/.test(t))).toBe(true);
  // Under cdc the old value leaves eu-west's cache when its replica applies v2.
  await cli([...window, '--strategy', 'cdc', '--html', page]);
  const cdc = [...readFileSync(page, 'utf8').matchAll(/<title>(cache holds v1[^<]*)<\/title>/g)].map((m) => m[1]);
  expect(cdc.at(-1)).toMatch(/–46\.1487s$/);
});

test("the README's example scenario runs as written, and its expectations hold", async () => {
  const readme = readFileSync('README.md', 'utf8');
  const example = /## Scenarios[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toContain('name: two-regions');
  const file = join(tempDir(), 'two-regions.yaml');
  writeFileSync(file, example as string);
  const run = await cli(['run', file, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).expectations.length).toBeGreaterThan(0);
}, 60_000);

test("the README's over-time example is what `cache-sim run scenarios/bus-partition.yaml` prints", async () => {
  const readme = readFileSync('README.md', 'utf8');
  const example = /```\n(Over time:[^`]*)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const run = await cli(['run', 'scenarios/bus-partition.yaml']);
  expect(run.stdout).toContain(example);
});

test("the README's workshop step 6: what the timelines show of the partition and of the restart", async () => {
  type Timeline = { start_ms: number; bucket_ms: number; reads: number[]; stale_reads: number[]; db_reads: number[] };
  const timelines = async (file: string) => {
    const doc = JSON.parse((await cli(['run', file, '--format', 'json'])).stdout);
    return Object.fromEntries(Object.entries(doc.strategies).map(([name, s]) => [name, (s as { timeline: Timeline }).timeline]));
  };
  const starts = (t: Timeline) => t.reads.map((_, i) => t.start_ms + i * t.bucket_ms);
  const shareWhere = (t: Timeline, inside: (start: number) => boolean) => {
    const picked = starts(t).flatMap((start, i) => (inside(start) ? [i] : []));
    return picked.reduce((n, i) => n + t.stale_reads[i], 0) / picked.reduce((n, i) => n + t.reads[i], 0);
  };
  // bus-partition: eu-west is cut off from 1m to 3m; stale reads climb for exactly that window.
  const partition = (await timelines('scenarios/bus-partition.yaml')).pubsub;
  const during = (start: number) => start >= 60_000 && start < 180_000;
  expect(shareWhere(partition, during)).toBeGreaterThan(10 * shareWhere(partition, (start) => !during(start)));
  // cold-restart: eu-west's cache restarts at 1m; the busiest bucket of database reads is that one.
  const restart = await timelines('scenarios/cold-restart.yaml');
  const peak = (t: Timeline) => t.db_reads.indexOf(Math.max(...t.db_reads));
  for (const t of Object.values(restart)) expect(starts(t)[peak(t)]).toBe(60_000);
  expect(Math.max(...restart.lease.db_reads)).toBeLessThan(Math.max(...restart.pubsub.db_reads) / 4);
});

/** The README says `words` (its lines joined, shell comments' `#` too): a test of a figure it quotes fails when the README quotes another. */
function readmeSays(words: string): void {
  const prose = readFileSync('README.md', 'utf8').replace(/\n#?\s*/g, ' ').replace(/\s+/g, ' ');
  expect(prose, `README.md quotes "${words}"`).toContain(words);
}

test("the README's workshop step 5: what a near cache costs in freshness and saves in read latency", async () => {
  readmeSays('(2.6 % stale against 2.4 %)');
  readmeSays('(1.45 ms mean, against 2.99 ms invalidated and 3.48 ms without L1s)');
  const l1s = "cache.l1={hosts: 8, ttl: 2s},{hosts: 8, ttl: 2s, invalidated: false},none";
  const run = await cli(['sweep', 'scenarios/near-cache.yaml', '--strategy', 'pubsub', '--seeds', '3', '--param', l1s, '--metric', 'stale_read_ratio', '--metric', 'read_latency_mean', '--format', 'json']);
  expect(run.code).toBe(0);
  const [invalidated, expiring, none] = JSON.parse(run.stdout).points.map((p: { strategies: { pubsub: Record<string, { mean: number }> } }) => p.strategies.pubsub);
  expect(invalidated.stale_read_ratio.mean).toBeCloseTo(0.026, 2);
  expect(none.stale_read_ratio.mean).toBeCloseTo(0.024, 2);
  expect(expiring.stale_read_ratio.mean).toBeGreaterThan(0.24);
  expect(expiring.read_latency_mean.mean).toBeCloseTo(1.45, 1);
  expect(none.read_latency_mean.mean).toBeCloseTo(3.48, 1);
  expect(invalidated.read_latency_mean.mean).toBeLessThan(none.read_latency_mean.mean);
}, 60_000);

test("the README's workshop step 7: the race of step 1 on five more seeds", async () => {
  const run = await cli(['run', 'scenarios/stale-refill-from-lagging-replica.yaml', '--seeds', '5', '--format', 'json']);
  expect(run.code).toBe(0);
  const [point] = JSON.parse(run.stdout).points;
  const refills = point.expectations.find((e: { metric: string }) => e.metric === 'regions.eu-west.stale_refills');
  expect(refills).toMatchObject({ strategy: 'pubsub', held: 5, runs: 5 });
  expect(refills.min).toBeGreaterThan(2000);
  const stale = point.strategies.versioned.stale_read_ratio;
  expect(Math.max(...stale.values)).toBeLessThan(0.015);
});

test("the README's reading of why quickstart's reads were stale", async () => {
  readmeSays("87 % of pubsub's stale reads come from entries cached already stale (refills from lagging replicas), 7 % from invalidations on their way and 2 % from lost ones");
  readmeSays('(whose remaining 4 % are mostly invalidations on their way)');
  const doc = JSON.parse((await cli(['run', 'scenarios/quickstart.yaml', '--strategy', 'pubsub,versioned', '--format', 'json'])).stdout);
  const share = (strategy: string, cause: string) => doc.strategies[strategy].stale_causes[cause] / doc.strategies[strategy].stale_reads;
  expect(share('pubsub', 'stored_stale')).toBeCloseTo(0.87, 2);
  expect(share('pubsub', 'invalidation_late')).toBeCloseTo(0.07, 2);
  expect(share('pubsub', 'invalidation_lost')).toBeCloseTo(0.02, 2);
  expect(doc.strategies.versioned.stale_read_ratio).toBeCloseTo(0.04, 2);
  expect(share('versioned', 'invalidation_late')).toBeGreaterThan(0.5);
});

test("the README's sweep of bus delivery: redelivery turns lost invalidations into late ones, and leaves pubsub's stale refills", async () => {
  readmeSays('(pubsub: 2,111 stale reads to 33,');
  readmeSays('as late ones (6,042 to 6,826)');
  const args = ['sweep', 'scenarios/quickstart.yaml', '--param', 'bus.delivery=at-most-once,at-least-once', '--strategy', 'pubsub,versioned', '--seeds', '3', '--set', 'duration=4m'];
  const metrics = ['--metric', 'stale_read_ratio', '--metric', 'stale_causes_invalidation_lost', '--metric', 'stale_causes_invalidation_late', '--metric', 'stale_causes_stored_stale'];
  const doc = JSON.parse((await cli([...args, ...metrics, '--format', 'json'])).stdout);
  const [once, redelivered] = doc.points.map((p: { strategies: Record<string, Record<string, { mean: number }>> }) => p.strategies.pubsub);
  expect(once.stale_causes_invalidation_lost.mean).toBeCloseTo(2111, 0);
  expect(redelivered.stale_causes_invalidation_lost.mean).toBeCloseTo(32.7, 0);
  expect(once.stale_causes_invalidation_late.mean).toBeCloseTo(6042, 0);
  expect(redelivered.stale_causes_invalidation_late.mean).toBeCloseTo(6826, 0);
  expect(Math.abs(redelivered.stale_read_ratio.mean - once.stale_read_ratio.mean)).toBeLessThan(0.02);
  expect(once.stale_causes_stored_stale.mean).toBeGreaterThan(10 * once.stale_causes_invalidation_lost.mean);
});
