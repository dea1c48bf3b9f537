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
