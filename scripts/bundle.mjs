// `npm run build`, second step: bundle the library and CLI (src/index.ts) into one CommonJS
// file (one file to read and compile instead of hundreds), run it over a small scenario in
// every output format, then save V8's code cache of everything that ran, for bin/load-bundle.js.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { build } from 'esbuild';
import { bundlePath as bundle, loadBundle } from '../bin/load-bundle.js';

/**
 * zod exports its 64 message locales as one namespace (`z.locales`), which no bundler can
 * prune: 390 KB, a quarter of the bundle, to read and load on every start. cache-sim writes
 * its own messages and configures none, so the namespace keeps English, zod's default.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(plugin) {
    const english = createRequire(import.meta.url).resolve('zod/v4/locales/en.js');
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: `export { default as en } from './${basename(english)}';`,
      resolveDir: dirname(english),
      loader: 'js',
    }));
  },
};

/**
 * cli-table3 measures every cell through string-width@4, whose strip-ansi@6 builds ansi-regex's
 * pattern anew on every call: about 10 ms of regular-expression construction per table, a
 * noticeable share of a short run. This build of strip-ansi compiles the same pattern once
 * (a global pattern is safe to share: `replace` starts it from 0 every time).
 */
const stripAnsiCompiledOnce = {
  name: 'strip-ansi-compiled-once',
  setup(plugin) {
    const stripAnsi = createRequire(createRequire(import.meta.url).resolve('string-width')).resolve('strip-ansi');
    plugin.onResolve({ filter: /^strip-ansi$/ }, () => ({ path: 'strip-ansi', namespace: 'strip-ansi-compiled-once' }));
    plugin.onLoad({ filter: /.*/, namespace: 'strip-ansi-compiled-once' }, () => ({
      contents: `const pattern = require('ansi-regex')();
module.exports = (string) => (typeof string === 'string' ? string.replace(pattern, '') : string);`,
      resolveDir: dirname(stripAnsi),
      loader: 'js',
    }));
  },
};

// The old code cache goes first: V8 checks a cache against its source's length only, so a
// rebuilt bundle of the same length (a constant changed from 8 to 3) would run, and be cached
// again as, the code compiled from the old one.
rmSync(`${bundle}.cache`, { force: true });

await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  outfile: bundle,
  logLevel: 'warning',
  plugins: [zodEnglishOnly, stripAnsiCompiledOnce],
  // Less to read and compile on every start (names are kept, so stack traces still read);
  // ASCII only, so bin/load-bundle.js can read it as Latin-1, many times faster than UTF-8.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
});

// esbuild escapes strings, not regular-expression literals: write those with \u escapes.
const nonAscii = /[^\x00-\x7f].{0,40}/.exec(readFileSync(bundle, 'latin1'));
if (nonAscii) throw new Error(`${bundle} must be ASCII (bin/load-bundle.js reads it as Latin-1); it has ${JSON.stringify(nonAscii[0])}`);

const { exports, script } = loadBundle(bundle);
const discard = { write() {} };
const io = { stdout: discard, stderr: discard, env: { NO_COLOR: '1' } };
const scenario = 'scenarios/quickstart.yaml';
const short = ['--set', 'duration=20s', '--set', 'warmup=0s'];
const warmUps = [
  ['validate', scenario],
  ...['table', 'json', 'markdown', 'csv'].map((format) => ['run', scenario, ...short, '--format', format]),
];
for (const argv of warmUps) {
  const code = await exports.runCli(argv, io);
  if (code > 1) throw new Error(`warming the code cache: \`cache-sim ${argv.join(' ')}\` exited ${code}`);
}
writeFileSync(`${bundle}.cache`, script.createCachedData());
