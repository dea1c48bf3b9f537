/**
 * The installed command: bin/cache-sim.js runs the bundle `npm install` built (dist/), with
 * its code cache, and behaves exactly as the library's runCli.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, SMALL, tempDir } from './cli-helpers.js';

const BUNDLE = 'dist/cache-sim.cjs';

function launch(args: string[]) {
  return spawnSync(process.execPath, ['bin/cache-sim.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe.skipIf(!existsSync(BUNDLE))('bin/cache-sim.js', () => {
  test('prints what runCli prints, byte for byte', async () => {
    const installed = launch(['run', SMALL, '--format', 'json']);
    const library = await cli(['run', SMALL, '--format', 'json']);
    expect(installed.status).toBe(0);
    expect(installed.stderr).toBe('');
    expect(installed.stdout).toBe(library.stdout);
  });

  test('a report to /dev/stdout, a pipe here, is written into it (not refused as a file in a missing folder)', () => {
    // Through a real pipe (spawnSync's own stdout is a socket, which /dev/stdout cannot open).
    const command = `"${process.execPath}" bin/cache-sim.js run ${SMALL} --junit /dev/stdout --format json | cat; exit \${PIPESTATUS[0]}`;
    const run = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('<testsuites');
    expect(run.stdout).toContain('"version": 1');
  });

  test('with stdout sent to a file, a report to /dev/stdout goes before the printed one, neither overwriting the other', () => {
    const out = join(tempDir(), 'out.txt');
    const command = `"${process.execPath}" bin/cache-sim.js run ${SMALL} --junit /dev/stdout --format json > "${out}"`;
    const run = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written.startsWith('<?xml')).toBe(true);
    expect(written.indexOf('</testsuites>')).toBeLessThan(written.indexOf('"version": 1'));
  });

  test('a report larger than a pipe holds, to /dev/stdout read slowly, arrives whole (the reader is waited for)', () => {
    const command = `"${process.execPath}" bin/cache-sim.js run scenarios/quickstart.yaml --set duration=90s --html /dev/stdout --format json --workers 1 | (sleep 2; cat) | grep -c '</html>'; exit \${PIPESTATUS[0]}`;
    const run = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('1');
  });

  test('a reader that closes the pipe early (`| head -c 1`) leaves the exit code to the expectations', () => {
    // Two copies of the scenario print more JSON than a pipe holds, so the write after `head` has gone fails (EPIPE).
    const failing = `--set 'expect={ttl: {hit_ratio: "> 0.999"}}'`;
    for (const [extra, status] of [['', 0], [failing, 1]] as const) {
      const command = `"${process.execPath}" bin/cache-sim.js run ${SMALL} ${SMALL} --format json ${extra} 2>/dev/null | head -c 1; exit \${PIPESTATUS[0]}`;
      const run = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
      expect(run.stdout).toBe('['); // several files: a JSON array
      expect(run.status, extra || 'passing').toBe(status);
    }
  });

  test('a scenario piped in is read once, as /dev/stdin, also by a sweep loading it at every point; `-` is told to be no such thing', () => {
    const sweep = 'sweep /dev/stdin --param bus.loss=0,0.1 --seeds 2 --set duration=20s --format csv';
    const piped = spawnSync('bash', ['-c', `cat ${SMALL} | "${process.execPath}" bin/cache-sim.js ${sweep}`], { encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(launch(sweep.replace('/dev/stdin', SMALL).split(' ')).stdout);
    const dash = spawnSync('bash', ['-c', `cat ${SMALL} | "${process.execPath}" bin/cache-sim.js run -`], { encoding: 'utf8' });
    expect(dash.status).toBe(2);
    expect(dash.stderr).toBe('-:1:1: cannot read: no such file (`-` is not standard input here; a file piped in is /dev/stdin, a file named - is ./-)\n');
  });

  test('stdout by another name (a link to /dev/stdout, /dev//stdout) is stdout: neither report lost', () => {
    const dir = tempDir();
    symlinkSync('/dev/stdout', join(dir, 'out-link'));
    for (const name of [join(dir, 'out-link'), '/dev//stdout']) {
      const out = join(dir, 'out.txt');
      const run = spawnSync('bash', ['-c', `"${process.execPath}" bin/cache-sim.js run ${SMALL} --junit "${name}" --format json > "${out}"`], { encoding: 'utf8' });
      expect(run.status, name).toBe(0);
      const written = readFileSync(out, 'utf8');
      expect(written.startsWith('<?xml'), name).toBe(true);
      expect(written, name).toContain('"version": 1');
    }
  });

  test('a descriptor other than stdout and stderr is refused before the run (Node keeps descriptors of its own)', () => {
    const run = launch(['run', SMALL, '--junit', '/dev/fd/7']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('/dev/fd/7:1:1: cannot write: a descriptor other than stdout and stderr');
  });

  test('two reports may both go to /dev/null', () => {
    const run = launch(['run', SMALL, '--junit', '/dev/null', '--html', '/dev/null', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('worker threads (--workers 2) print the same bytes as one thread', () => {
    const one = launch(['run', 'scenarios/quickstart.yaml', '--set', 'duration=90s', '--format', 'json', '--workers', '1']);
    const two = launch(['run', 'scenarios/quickstart.yaml', '--set', 'duration=90s', '--format', 'json', '--workers', '2']);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(one.status);
    expect(two.stdout).toBe(one.stdout);
  });

  test('a sweep on worker threads prints the same bytes as on one thread', () => {
    const sweep = ['sweep', SMALL, '--set', 'duration=20s', '--param', 'bus.loss=0,0.05', '--seeds', '2', '--format', 'json'];
    const one = launch([...sweep, '--workers', '1']);
    const two = launch([...sweep, '--workers', '2']);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  test('bad input: exit 2 and a FILE:LINE:COL line, no stack trace', () => {
    const bad = join(tempDir(), 'bad.yaml');
    writeFileSync(bad, 'name: bad\nduration: soon\nregions:\n  - name: a\n    primary: true\n');
    const run = launch(['run', bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${bad}:2:11: `);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test.skipIf(!existsSync('/dev/full'))('an output that cannot be written (a full disk): one line, exit 2, no stack trace', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" bin/cache-sim.js schema > /dev/full`], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cache-sim: cannot write the output: ENOSPC: no space left on device, write\n');
  });

  test('the code cache written at build time fits this Node', () => {
    const check = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { loadBundle } from './bin/load-bundle.js'; console.log(loadBundle('${process.cwd()}/${BUNDLE}').script.cachedDataRejected);`],
      { encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.stdout.trim()).toBe('false');
  });
});

test('the bundle exists (npm install builds it through `prepare`)', () => {
  expect(existsSync(BUNDLE), `${BUNDLE} is missing: run \`npm run build\``).toBe(true);
});
