/** The scenario library: every file validates, runs, and its expectations hold (exit 0). */
import { readdirSync } from 'node:fs';
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
