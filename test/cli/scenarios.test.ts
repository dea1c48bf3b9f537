/** The scenario library: every file validates, runs, and its expectations hold (exit 0). */
import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { cli } from './cli-helpers.js';

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
  const cdc = (await cli([...window, '--strategy', 'cdc'])).stdout;
  expect(cdc).toMatch(/ 46\.14\d*s +eu-west +replica applies v2\n +46\.14\d*s +eu-west +entry ends v1 \(invalidated\)\n/);
});

test("the README's stale-reads-over-time example is what `cache-sim run scenarios/bus-partition.yaml` prints", async () => {
  const readme = readFileSync('README.md', 'utf8');
  const example = /```\n(Stale reads over time:[^`]*)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const run = await cli(['run', 'scenarios/bus-partition.yaml']);
  expect(run.stdout).toContain(example);
});
