import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { inThreadWorker } from '../helpers/in-thread-worker.js';
import { visibleWidth } from '../../src/report/format.js';
import { cli, SMALL, tempDir } from './cli-helpers.js';
import { runCli } from '../../src/cli.js';

describe('cache-sim run', () => {
  test('running out of memory (an array the machine cannot give) is told as such, exit 2, not as a bug', async () => {
    let stderr = '';
    const outOfMemory = {
      write: () => {
        throw new RangeError('Array buffer allocation failed');
      },
    };
    const code = await runCli(['run', SMALL, '--set', 'duration=15s'], { stdout: outOfMemory, stderr: { write: (text: string) => void (stderr += text) }, env: {} });
    expect(code).toBe(2);
    expect(stderr).toBe('cache-sim: out of memory: the run needs more than this machine (or its limits: ulimit -v, a container) allows; allowed: fewer keys, sessions or L1s, or more memory\n');
  });

  test('on GitHub Actions a failed expectation is annotated on its line, and its JUnit case placed, named from the workspace even when GITHUB_WORKSPACE is reached through a link', async () => {
    const dir = tempDir();
    const link = join(dir, 'workspace');
    symlinkSync(process.cwd(), link);
    const junit = join(dir, 'junit.xml');
    const args = ['run', resolve(SMALL), '--strategy', 'ttl', '--set', 'duration=15s', '--set', 'cache.ttl=1ms', '--junit', junit];
    const run = await cli(args, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: link });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^::error file=test\/fixtures\/scenarios\/small\.yaml,line=\d+,col=\d+,title=ttl hit_ratio > 0\.5::/);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testcase name="ttl hit_ratio &gt; 0\.5" classname="small" file="test\/fixtures\/scenarios\/small\.yaml" line="\d+">/);
    // Elsewhere, as given.
    await cli(args);
    expect(readFileSync(junit, 'utf8')).toContain(`file="${resolve(SMALL)}"`);
  });

  test('golden: the comparison table of a small scenario (no colour when not a terminal)', async () => {
    const run = await cli(['run', SMALL]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expectGolden('cli-run-small.txt', run.stdout);
    // What the command line changed is said beside the seed.
    const changed = await cli(['run', SMALL, '--set', 'duration=20s', '--set', 'cache.ttl=10s', '--seed', '5']);
    expect(changed.stdout.split('\n').slice(2, 4).join(' ')).toBe('test/fixtures/scenarios/small.yaml · seed 5 · 20s simulated · warmup 10s · --set duration=20s --set cache.ttl=10s');
  });

  test('progress goes to stderr on a terminal only, and is cleared at the end', async () => {
    const tty = await cli(['run', SMALL, '--strategy', 'ttl,pubsub'], {}, true);
    expect(tty.stderr).toContain('small: pubsub (2/2)');
    expect(tty.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect((await cli(['run', SMALL, '--strategy', 'ttl'])).stderr).toBe('');
  });

  test('--strategy leaves the other strategies’ expectations unchecked, and says so in every report (JUnit: skipped)', async () => {
    const dir = tempDir();
    const junit = join(dir, 'subset.xml');
    const run = await cli(['run', SMALL, '--strategy', 'ttl', '--junit', junit]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Not checked, their strategies did not run (--strategy): pubsub stale_read_ratio < 0.5');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="small" tests="2" failures="0" errors="0" skipped="1">');
    expect(xml).toMatch(/<testcase name="pubsub stale_read_ratio &lt; 0.5" classname="small" file="test\/fixtures\/scenarios\/small.yaml" line="37">\s*<skipped message="pubsub did not run \(--strategy\) \(test\/fixtures\/scenarios\/small.yaml:37:23\)"\/>/);
    const doc = JSON.parse((await cli(['run', SMALL, '--strategy', 'ttl', '--format', 'json'])).stdout);
    expect(doc.expectations.map((e: { strategy: string }) => e.strategy)).toEqual(['ttl']);
    expect(doc.skipped_expectations).toEqual([{ strategy: 'pubsub', metric: 'stale_read_ratio', condition: '< 0.5', at: 'test/fixtures/scenarios/small.yaml:37:23' }]);
    expect((await cli(['run', SMALL, '--strategy', 'ttl', '--format', 'markdown'])).stdout).toContain('Not checked');
    const seeds = JSON.parse((await cli(['run', SMALL, '--strategy', 'ttl', '--seeds', '2', '--set', 'duration=20s', '--format', 'json'])).stdout);
    expect(seeds.skipped_expectations).toEqual(doc.skipped_expectations);
    // Every strategy ran: nothing to say.
    expect(JSON.parse((await cli(['run', SMALL, '--format', 'json'])).stdout)).not.toHaveProperty('skipped_expectations');
  });

  test('colour on a terminal, none with NO_COLOR', async () => {
    expect((await cli(['run', SMALL, '--strategy', 'ttl'], {}, true)).stdout).toMatch(/\u001b\[/);
    expect((await cli(['run', SMALL, '--strategy', 'ttl'], { NO_COLOR: '1' }, true)).stdout).not.toMatch(/\u001b\[/);
  });

  test('same scenario and seed ⇒ byte-identical JSON', async () => {
    const first = await cli(['run', SMALL, '--format', 'json']);
    const second = await cli(['run', SMALL, '--format', 'json']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const doc = JSON.parse(first.stdout);
    expect(Object.keys(doc)).toEqual(['version', 'scenario', 'description', 'file', 'seed', 'duration_ms', 'warmup_ms', 'faults', 'strategies', 'expectations', 'replay', 'sets']);
    expect(doc.version).toBe(1);
    expect(doc.seed).toBe(3);
    expect(Object.keys(doc.strategies)).toEqual(['ttl', 'pubsub', 'pubsub-2s']);
  });

  test('a different seed gives different numbers, and the JSON says which seed', async () => {
    const run = await cli(['run', SMALL, '--format', 'json', '--seed', '4']);
    const base = JSON.parse((await cli(['run', SMALL, '--format', 'json'])).stdout);
    const doc = JSON.parse(run.stdout);
    expect(doc.seed).toBe(4);
    expect(doc.strategies.ttl.stale_reads).not.toBe(base.strategies.ttl.stale_reads);
  });

  test("running a subset of strategies, or reordering them, changes no strategy's numbers", async () => {
    const all = JSON.parse((await cli(['run', SMALL, '--format', 'json'])).stdout).strategies;
    const subset = JSON.parse((await cli(['run', SMALL, '--format', 'json', '--strategy', 'pubsub-2s,ttl'])).stdout).strategies;
    expect(Object.keys(subset)).toEqual(['ttl', 'pubsub-2s']);
    expect(subset.ttl).toEqual(all.ttl);
    expect(subset['pubsub-2s']).toEqual(all['pubsub-2s']);
    // --strategy in either order prints the same document, byte for byte.
    const swapped = await cli(['run', SMALL, '--format', 'json', '--strategy', 'ttl,pubsub-2s']);
    expect(swapped.stdout).toBe((await cli(['run', SMALL, '--format', 'json', '--strategy', 'pubsub-2s,ttl'])).stdout);
    const reordered = await cli(['run', SMALL, '--format', 'json', '--set', 'strategies=[{name: pubsub-2s, use: pubsub, cache: {ttl: 2s}}, pubsub, ttl]']);
    expect(reordered.stderr).toBe('');
    const byName = JSON.parse(reordered.stdout).strategies;
    expect(Object.keys(byName)).toEqual(['pubsub-2s', 'pubsub', 'ttl']);
    for (const name of ['ttl', 'pubsub', 'pubsub-2s']) expect(byName[name]).toEqual(all[name]);
  });

  test('every strategy sees the same reads and writes', async () => {
    const strategies = JSON.parse((await cli(['run', SMALL, '--format', 'json'])).stdout).strategies;
    const counts = Object.values(strategies).map((s: any) => [s.reads, s.writes]);
    expect(new Set(counts.map((c) => c.join()))).toHaveLength(1);
  });

  test('a failed expectation exits 1 and ends with the command that replays the run', async () => {
    const run = await cli(['run', SMALL, '--set', 'expect={pubsub: {stale_read_ratio: "< 0.0000001"}}', '--strategy', 'pubsub']);
    expect(run.code).toBe(1);
    const lastLine = run.stdout.trimEnd().split('\n').at(-1);
    expect(lastLine).toBe(`Replay: cache-sim run ${SMALL} --seed 3 --strategy pubsub --set 'expect={pubsub: {stale_read_ratio: "< 0.0000001"}}'`);
    const json = await cli(['run', SMALL, '--format', 'json', '--set', 'expect={ttl: {reads: 0}}']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).expectations[0]).toMatchObject({ strategy: 'ttl', metric: 'reads', pass: false });
    expect(json.stderr).toBe(`Replay: cache-sim run ${SMALL} --seed 3 --set 'expect={ttl: {reads: 0}}'\n`);
    // Coloured output (FORCE_COLOR in a CI log) keeps the line plain, for `grep '^Replay:'`.
    const coloured = await cli(['run', SMALL, '--set', 'expect={pubsub: {stale_read_ratio: "< 0.0000001"}}', '--strategy', 'pubsub'], { FORCE_COLOR: '1' });
    expect(coloured.stdout).toContain('\u001b[');
    expect(coloured.stdout.trimEnd().split('\n').at(-1)).toBe(lastLine);
    // The seed is --seed's, whichever way it was given: a --set seed=N is not repeated beside it.
    const seeded = await cli(['run', SMALL, '--format', 'json', '--set', 'seed=8', '--set', 'expect={ttl: {reads: 0}}']);
    expect(seeded.stderr).toBe(`Replay: cache-sim run ${SMALL} --seed 8 --set 'expect={ttl: {reads: 0}}'\n`);
  });

  test('with several files, the output ends with a replay line per failed one, after every report', async () => {
    const failing = ['--set', 'expect={ttl: {reads: 0}}', '--strategy', 'ttl', '--set', 'duration=5s', '--set', 'warmup=0'];
    const run = await cli(['run', SMALL, SMALL, ...failing]);
    expect(run.code).toBe(1);
    const replay = `Replay: cache-sim run ${SMALL} --seed 3 --strategy ttl --set 'expect={ttl: {reads: 0}}' --set duration=5s --set warmup=0`;
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([replay, replay]);
    expect(lines.filter((line) => line.startsWith('Replay:'))).toHaveLength(2);
  });

  test('--junit writes the expectations as JUnit XML', async () => {
    const file = join(tempDir(), 'junit.xml');
    const run = await cli(['run', SMALL, '--junit', file, '--format', 'csv']);
    expect(run.code).toBe(0);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<testsuite name="small" tests="2" failures="0"');
  });

  test('--html writes a self-contained report with charts', async () => {
    const file = join(tempDir(), 'report.html');
    const run = await cli(['run', SMALL, '--html', file, '--format', 'json']);
    expect(run.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    expect(html).toContain('pubsub-2s');
  });

  test('several files print a JSON array in the order given', async () => {
    const run = await cli(['run', SMALL, SMALL, '--format', 'json', '--strategy', 'ttl']);
    const docs = JSON.parse(run.stdout);
    expect(docs).toHaveLength(2);
    expect(docs[0]).toEqual(docs[1]);
  });
});

describe('bad input: exit 2, one FILE:LINE:COL line per problem, no stack trace, no output file', () => {
  const cases: [string, string, RegExp[]][] = [
    ['YAML syntax error', 'name: x\nduration: [1m\n', [/^bad\.yaml:\d+:\d+: /]],
    ['wrong type', 'name: x\nduration: 1m\nregions: [{name: a, primary: true}]\nworkload: {keys: lots, reads_per_second: 1}\n', [/^bad\.yaml:4:18: .*keys/]],
    ['negative rate', 'name: x\nduration: 1m\nregions: [{name: a, primary: true}]\nworkload: {keys: 5, reads_per_second: -1}\n', [/^bad\.yaml:4:39: .*reads_per_second/]],
    ['loss above 1', 'name: x\nduration: 1m\nregions: [{name: a, primary: true}]\nworkload: {keys: 5, reads_per_second: 1}\nbus: {loss: 1.5}\n', [/^bad\.yaml:5:13: .*loss/]],
    ['unknown strategy', 'name: x\nduration: 1m\nregions: [{name: a, primary: true}]\nworkload: {keys: 5, reads_per_second: 1}\nstrategies: [ttl, nope]\n', [/^bad\.yaml:5:19: .*nope/]],
    [
      'unknown region in weights',
      'name: x\nduration: 1m\nregions: [{name: a, primary: true}]\nworkload: {keys: 5, reads_per_second: 1, read_regions: {b: 1}}\n',
      [/^bad\.yaml:4:57: .*\bb\b/],
    ],
    ['two primaries', 'name: x\nduration: 1m\nregions:\n  - {name: a, primary: true}\n  - {name: b, primary: true}\nworkload: {keys: 5, reads_per_second: 1}\n', [/^bad\.yaml:5:24: .*primary/]],
    ['unknown key', 'name: x\nduration: 1m\nregions: [{name: a, primary: true}]\nworkload: {keys: 5, reads_per_second: 1}\ncache: {ttll: 5s}\n', [/^bad\.yaml:5:9: .*ttll.*did you mean .*ttl/i]],
  ];

  test.each(cases)('%s', async (_name, text, expected) => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, text);
    const junit = join(dir, 'out.xml');
    const html = join(dir, 'out.html');
    const run = await cli(['run', file, '--junit', junit, '--html', html]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.length).toBe(expected.length);
    lines.forEach((line, i) => expect(line.replace(`${dir}/`, '')).toMatch(expected[i]));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(junit)).toBe(false);
    expect(existsSync(html)).toBe(false);
  });

  test('usage errors: unknown option, bad --format, bad --seed, unknown --strategy, missing file', async () => {
    for (const args of [
      ['run', SMALL, '--frobnicate'],
      ['run', SMALL, '--format', 'xml'],
      ['run', SMALL, '--seed', '-1'],
      ['run', SMALL, '--strategy', 'nope'],
      ['run', 'does-not-exist.yaml'],
      ['run'],
      ['explode'],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    // A near miss gets a suggestion.
    expect((await cli(['run', SMALL, '--strategy', 'pubsbu'])).stderr).toContain('not in test/fixtures/scenarios/small.yaml (did you mean `pubsub`?)');
    expect((await cli(['trace', SMALL, '--key', '0', '--strategy', 'pubsbu'])).stderr).toContain('(did you mean `pubsub`?)');
    // Several scenarios lacking the strategy: each is told, one a line, with or without --seeds.
    for (const seeds of [[], ['--seeds', '2']]) {
      const lacking = await cli(['run', 'scenarios/near-cache.yaml', 'scenarios/bus-partition.yaml', '--strategy', 'lease', ...seeds]);
      expect(lacking.code).toBe(2);
      expect(lacking.stderr.split('\n').filter((line) => line.startsWith('cache-sim: --strategy lease: not in'))).toHaveLength(2);
    }
    // An option the parser refuses is one line, pointing at the help of the command at fault.
    expect((await cli(['trace', SMALL])).stderr).toBe("error: required option '--key <k>' not specified (run `cache-sim trace --help` for usage)\n");
    expect((await cli(['explode'])).stderr).toBe("error: unknown command 'explode' (run `cache-sim --help` for usage)\n");
    const help = await cli(['help', 'rnu']);
    expect(help.code).toBe(2);
    expect(help.stderr).toBe('cache-sim: help rnu: no such command (did you mean `run`?); the commands are run, trace, sweep, merge, compare, validate, strategies, schema\n');
  });
});

describe('an output file that cannot be written', () => {
  test('is a problem on the path given, in plain words, found before anything runs: exit 2, no report, nothing left behind', async () => {
    const dir = tempDir();
    const missingFolder = join(dir, 'no-such-folder');
    const html = join(missingFolder, 'report.html');
    const run = await cli(['run', SMALL, '--html', html]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd()).toBe(`${html}:1:1: cannot write: the folder ${missingFolder} does not exist`);
    const folder = await cli(['run', SMALL, '--junit', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr.trimEnd()).toBe(`${dir}:1:1: cannot write: it is a folder; give the path of a file`);
    expect(readdirSync(dir)).toEqual([]);
    // Reported with the scenario's own problems, all at once.
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\n');
    const both = await cli(['run', bad, '--html', html]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(`${html}:1:1: cannot write: the folder ${missingFolder} does not exist`);
    expect(both.stderr).toContain(`${bad}:1:1: `);
  });

  test('a report never replaces the scenario being run, nor another report', async () => {
    const dir = tempDir();
    const scenario = join(dir, 'scenario.yaml');
    writeFileSync(scenario, readFileSync(SMALL, 'utf8'));
    const over = await cli(['run', scenario, '--html', scenario]);
    expect(over.code).toBe(2);
    expect(over.stderr.trimEnd()).toBe(`${scenario}:1:1: cannot write: it is a scenario file being run, which the report would replace; allowed: a path of its own`);
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync(SMALL, 'utf8'));
    const report = join(dir, 'report');
    const twice = await cli(['run', scenario, '--junit', report, '--html', report]);
    expect(twice.code).toBe(2);
    expect(twice.stderr.trimEnd()).toBe(`${report}:1:1: cannot write: another report goes to the same path; allowed: a path of its own`);
    expect(readdirSync(dir)).toEqual(['scenario.yaml']);
    // Nor through a symbolic link: given the scenario by a link, the report may not replace what it points to.
    const link = join(dir, 'link.yaml');
    symlinkSync(scenario, link);
    const linked = await cli(['run', link, '--html', scenario]);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('cannot write: it is a scenario file being run');
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync(SMALL, 'utf8'));
  });

  test('a report through a symbolic link replaces what the link points to (and keeps the link); a device is written, not replaced', async () => {
    const dir = tempDir();
    const link = join(dir, 'report.html');
    symlinkSync('kept/target.html', link);
    mkdirSync(join(dir, 'kept'));
    const run = await cli(['run', SMALL, '--set', 'duration=10s', '--set', 'warmup=0', '--html', link, '--junit', '/dev/null']);
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'kept', 'target.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('a path through a file, or a link to a missing folder, is a problem on the path given (exit 2, no stack trace)', async () => {
    const dir = tempDir();
    const file = join(dir, 'file.yaml');
    writeFileSync(file, readFileSync(SMALL, 'utf8'));
    const through = await cli(['run', join(file, 'x.yaml'), '--html', join(file, 'x.html')]);
    expect(through.code).toBe(2);
    expect(through.stderr.trimEnd().split('\n')).toEqual([
      `${join(file, 'x.yaml')}:1:1: cannot read: part of the path is a file, not a folder`,
      `${join(file, 'x.html')}:1:1: cannot write: part of the path is a file, not a folder`,
    ]);
    const dangling = join(dir, 'dangling.html');
    symlinkSync(join(dir, 'nowhere', 'x.html'), dangling);
    const linked = await cli(['run', file, '--html', dangling]);
    expect(linked.code).toBe(2);
    expect(linked.stderr.trimEnd()).toBe(`${dangling}:1:1: cannot write: the folder ${join(dir, 'nowhere')} does not exist (${dangling} links to ${join(dir, 'nowhere', 'x.html')})`);
  });

  test.skipIf(!existsSync('/dev/full'))('when one report cannot be written, none is: exit 2', async () => {
    const dir = tempDir();
    const junit = join(dir, 'results.xml');
    const run = await cli(['run', SMALL, '--set', 'duration=5s', '--set', 'warmup=0', '--junit', junit, '--html', '/dev/full']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toBe('/dev/full:1:1: cannot write: no space left on the device');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an empty report path is a usage error, not a report left unwritten', async () => {
    const run = await cli(['run', SMALL, '--junit', '']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give the path of a file to write');
    // `-` is no file either: standard output already carries the report.
    const dash = await cli(['run', SMALL, '--junit', '-']);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toContain('standard output carries the report');
    // Two paths for one report: only the last would be written.
    const twice = await cli(['run', SMALL, '--junit', 'a.xml', '--junit', 'b.xml']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('given twice (a.xml and b.xml); give one file.');
  });

  test('an empty input path is a usage error naming the argument, for every command that reads files', async () => {
    for (const args of [['validate', ''], ['run', SMALL, ' '], ['trace', '', '--key', '0'], ['sweep', ''], ['merge', ''], ['compare', SMALL, '']]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^error: command-argument value '\s*' is invalid for argument '(file|head)'\. give the path of a file to read\./);
    }
  });
});

describe('the width of reports', () => {
  test('COLUMNS sets it when piped: every line of a run and of a run over seeds fits (a position, which cannot break, aside)', async () => {
    for (const extra of [[], ['--seeds', '3']]) {
      const run = await cli(['run', SMALL, '--set', 'duration=20s', ...extra], { COLUMNS: '80' });
      const wide = run.stdout.split('\n').filter((line) => [...line].length > 80 && !/^ {4}at /.test(line));
      expect(wide).toEqual([]);
      // Not a narrower report than asked: the comparison table uses the room.
      expect(Math.max(...run.stdout.split('\n').map((line) => [...line].length))).toBeGreaterThan(70);
    }
  });
});

describe('other commands', () => {
  test('strategies lists every preset with its guarantees and costs', async () => {
    const run = await cli(['strategies']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ttl\n/);
    expect(run.stdout).toContain('pubsub\n');
    expect(run.stdout).toContain('Guarantees:');
    // Each option with its default, as a scenario would write it, and what it means.
    expect(run.stdout).toContain('\n    lease_ttl (default 2s): how long a lease stays valid if its holder never fills\n');
    expect(run.stdout).toContain('\n    keep_newer (default true): ');
    expect(run.stdout).toMatch(/^ttl\n(  .*\n)+  Options: none besides cache\n/);
    // Wrapped to the width asked for (here COLUMNS, as from a pipe), with a hanging indent.
    const narrow = await cli(['strategies'], { COLUMNS: '72' });
    expect(Math.max(...narrow.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(72);
    const words = (text: string) => text.split(/\s+/).join(' ');
    expect(words(narrow.stdout)).toBe(words(run.stdout));
  });

  test('validate: ok for a good file, problems for a bad one', async () => {
    const ok = await cli(['validate', SMALL]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok');
  });

  test('schema prints the checked-in JSON Schema', async () => {
    const run = await cli(['schema']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8')));
  });

  test('--help and --version exit 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--help'])).stdout).toContain('Exit codes: 0 done');
  });

  test("every command's help ends with examples that name real scenarios and the command's own options", async () => {
    for (const command of ['run', 'trace', 'sweep', 'merge', 'compare', 'validate']) {
      const help = (await cli([command, '--help'])).stdout;
      const examples = help.slice(help.indexOf('Examples:')).split('\n').slice(1).map((line) => line.trim()).filter((line) => line.startsWith('cache-sim '));
      expect(examples.length, command).toBeGreaterThan(0);
      for (const example of examples) {
        const words = example.split(' ');
        const own = words[1];
        const ownHelp = own === command ? help : (await cli([own, '--help'])).stdout;
        for (const option of words.filter((w) => w.startsWith('--'))) expect(ownHelp, `${example}: ${option}`).toContain(`${option} `);
        for (const file of words.filter((w) => w.startsWith('scenarios/') && !w.includes('*'))) expect(existsSync(file), `${example}: ${file}`).toBe(true);
      }
    }
  });

  test('--version prints the version', async () => {
    expect((await cli(['--version'])).stdout.trim()).toBe('0.1.0');
  });
});

describe('cache-sim run --workers', () => {
  const workers = { cores: 2, spawn: inThreadWorker };

  test('the same output with 1, 2 or 3 workers, in every format', async () => {
    for (const format of ['json', 'table', 'csv']) {
      const one = await cli(['run', SMALL, '--format', format, '--workers', '1'], {}, false, workers);
      for (const n of ['2', '3']) {
        const many = await cli(['run', SMALL, '--format', format, '--workers', n], {}, false, workers);
        expect(many.code).toBe(one.code);
        expect(many.stdout).toBe(one.stdout);
      }
    }
  });

  test('progress on a terminal counts finished runs', async () => {
    const run = await cli(['run', SMALL, '--workers', '2'], {}, true, workers);
    expect(run.stderr).toContain('done (3/3)');
    expect(run.stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  test('--workers must be a whole number ≥ 1', async () => {
    for (const bad of ['0', 'two', '-1']) {
      const run = await cli(['run', SMALL, '--workers', bad]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--workers/);
    }
  });
});

describe('terminal width', () => {
  const widest = (text: string) => Math.max(...text.split('\n').map(visibleWidth));

  test('on an 80-column terminal every line of the run table fits; piped, tables fit 100 columns', async () => {
    const args = ['run', 'scenarios/quickstart.yaml', '--set', 'duration=1m', '--set', 'warmup=10s'];
    const narrow = await cli(args, { NO_COLOR: '1' }, true, undefined, 80);
    expect(narrow.code).toBe(0);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(80);
    const piped = await cli(args, {}, false, undefined, 80);
    expect(widest(piped.stdout)).toBeLessThanOrEqual(100);
    expect(widest(piped.stdout)).toBeGreaterThan(80);
  });

  test('the sweep table too', async () => {
    const args = ['sweep', SMALL, '--set', 'duration=5s', '--set', 'warmup=0', '--param', 'cache.ttl=1s,5s', '--seeds', '2'];
    expect(widest((await cli(args, { NO_COLOR: '1' }, true, undefined, 80)).stdout)).toBeLessThanOrEqual(80);
  });
});
