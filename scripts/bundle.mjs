// `npm run build`, second step: bundle the library and CLI (src/index.ts) into one CommonJS
// file (one file to read and compile instead of hundreds), run it over a small scenario in
// every output format, then save V8's code cache of everything that ran, for bin/load-bundle.js.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { bundlePath as bundle, loadBundle } from '../bin/load-bundle.js';

await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  outfile: bundle,
  logLevel: 'warning',
});

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
