/**
 * Golden-file comparison: the expected output lives in `test/golden/NAME` and must match
 * exactly. `UPDATE_GOLDEN=1 npx vitest run` rewrites the files instead; review
 * the diff before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`no golden file ${path}: run UPDATE_GOLDEN=1 npx vitest run to create it`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
