// Loads the CLI bundle (dist/cache-sim.cjs) with V8's code cache written next to it at build
// time, so a run does not spend its first ~150 ms compiling the CLI and its dependencies.
// A cache that does not fit this Node (another version or flags) is ignored by V8: the bundle
// is then compiled from source, only slower.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** Where `npm run build` writes the bundle. */
export const bundlePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cache-sim.cjs');

/** Runs the CommonJS bundle at `file`; returns its exports and the compiled script. */
export function loadBundle(file) {
  // The build keeps the bundle ASCII, and Latin-1 reads it several times faster than UTF-8.
  const source = readFileSync(file, 'latin1');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache (a build without one): compile from source.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}
