/** `--set` mistakes: malformed arguments, impossible paths, bad values, all traced to the argument. */
import { describe, expect, it } from 'vitest';
import { MINIMAL, problemsOf } from './helpers.js';

describe('--set problems', () => {
  it.each([
    ['cache.ttl', '--set:1:1: --set cache.ttl: no `=`; expected path=value'],
    ['=5s', '--set:1:1: --set =5s: empty path or path segment'],
    ['cache..ttl=5s', '--set:1:1: --set cache..ttl=5s: empty path or path segment'],
    ['workload.read_regions."eu.west=1', 'an unclosed quote; expected path=value, e.g. --set cache.ttl=5s or --set regions.1.replica_lag=2s; a name with dots goes in double quotes'],
    ['workload."read_regions"x=1', 'empty path or path segment, or an unclosed quote'],
    ['name.first=x', '--set:1:1: --set name.first=x: `name` is "minimal", not a map or a list, so it has no `first`'],
    ['regions.7.primary=true', '--set:1:1: --set regions.7.primary=true: `regions` is a list of 2; allowed: an index from 0 to 2'],
    ['bus.delay={uniform: [1', '--set:1:23: --set bus.delay={uniform: [1: YAML syntax error in the value'],
    ['expect.ttl.hit_ratio=>= 0.9', `YAML syntax error in the value: Block scalar header includes extra characters: >=; allowed: the value in quotes, --set 'expect.ttl.hit_ratio=">= 0.9"'`],
    ['cache.ttl=*a', "--set:1:11: --set cache.ttl=*a: an alias (`*a`) cannot reach the scenario's anchors; allowed: the value written out"],
    ['cache={<<: *x}', "--set:1:12: --set cache={<<: *x}: an alias (`*x`) cannot reach"],
    ['cache.ttl=!custom 5s', '--set:1:11: --set cache.ttl=!custom 5s: unknown YAML tag `!custom`; allowed: plain values without tags'],
    ['cache=!!omap [{ttl: 5s}]', '--set:1:14: --set cache=!!omap [{ttl: 5s}]: `!!omap` makes a value no scenario field takes'],
  ])('%s', (set, problem) => {
    expect(problemsOf(MINIMAL, [set])).toEqual([expect.stringContaining(problem)]);
  });

  it('reports a bad value at its place in the argument and names the argument', () => {
    expect(problemsOf(MINIMAL, ['bus.loss=2'])).toEqual([
      '--set:1:10: bus.loss: 2 is not a probability; allowed: a number from 0 to 1 (from --set bus.loss=2)',
    ]);
  });

  it('a per-region expectation split at its dots is told that its name is one, in double quotes', () => {
    const [problem] = problemsOf(MINIMAL, ['expect.ttl.regions.eu-west.reads="> 1"']);
    expect(problem).toMatch(/^--set:1:\d+: expect\.ttl\.regions: a map is not a condition; .*; a per-region metric is one name, "regions\.<region>\.<metric>" \(in --set, in double quotes: expect\.<strategy>\."regions\.eu-west\.reads"=…\)/);
    // A list is no split name: no such hint.
    expect(problemsOf(MINIMAL, ['expect.ttl.reads=[1]'])[0]).not.toContain('per-region');
  });

  it('a run made too big by an option is told at the option, not at the line of the file it multiplies', () => {
    expect(problemsOf(MINIMAL, ['workload.reads_per_second=1e8'])).toEqual([
      '--set:1:27: workload.reads_per_second: 100000000 reads and writes a second for 10m is 60000000000 operations; allowed: up to 2 billion (2e9) in a run, rate × duration (from --set workload.reads_per_second=1e8)',
    ]);
  });

  it('a probability written as a percentage is told the number it means', () => {
    expect(problemsOf(MINIMAL, ['bus.loss=2%'])).toEqual(['--set:1:10: bus.loss: "2%" is not a probability; allowed: a number from 0 to 1 (2% is 0.02) (from --set bus.loss=2%)']);
  });

  it('a negative duration is told it may not be negative, not only that it is no duration', () => {
    expect(problemsOf(MINIMAL, ['warmup=-5'])[0]).toMatch(/warmup: -5 is not a duration; allowed: .*, never negative here \(from --set warmup=-5\)$/);
  });

  it('a --set that adds a list item lacking what an item needs says it added one (an index one past the end is an easy slip)', () => {
    expect(problemsOf(MINIMAL, ['regions.2.replica_lag=1s'])).toEqual([
      expect.stringMatching(/^--set:1:\d+: regions\.2\.name: missing; .* \(from --set regions\.2\.replica_lag=1s; it adds regions\.2 to a list of 2, whose items are regions\.0 to regions\.1\)$/),
    ]);
  });

  it("names a sweep's --param as the option that gave the value", () => {
    expect(problemsOf(MINIMAL, [{ option: '--param', text: 'bus.loss=2' }])).toEqual([
      '--param:1:10: bus.loss: 2 is not a probability; allowed: a number from 0 to 1 (from --param bus.loss=2)',
    ]);
  });

  it('points an unknown key the path adds at its segment, whichever value came with it', () => {
    expect(problemsOf(MINIMAL, [' cache.ttlx=1s'])).toEqual([expect.stringMatching(/^--set:1:8: cache: unknown key `ttlx`/)]);
    // One value of a sweep's `--param cache.ttlx=1s,2s`: the same line for each value.
    for (const value of [[12, 14], [15, 17]] as const) {
      expect(problemsOf(MINIMAL, [{ option: '--param', text: 'cache.ttlx=1s,2s', value }])).toEqual([expect.stringMatching(/^--param:1:7: cache: unknown key `ttlx`/)]);
    }
  });

  it('points inside a structured value', () => {
    expect(problemsOf(MINIMAL, ['bus.delay={exponential: {mean: soon}}'])).toEqual([
      expect.stringMatching(/^--set:1:32: bus\.delay\.exponential\.mean: "soon" is not a duration; .* \(from --set bus\.delay=\{exponential: \{mean: soon\}\}\)$/),
    ]);
  });

  it('reports file problems first, then --set problems', () => {
    const problems = problemsOf(MINIMAL.replace('keys: 100', 'keys: 0'), ['bus.loss=-1']);
    expect(problems.map((p) => p.split(': ')[0])).toEqual(['test.yaml:8:9', '--set:1:10']);
  });

  it('runs cross-field rules on set values too', () => {
    expect(problemsOf(MINIMAL, ['workload.read_regions={mars: 1}'])).toEqual([
      '--set:1:24: workload.read_regions: unknown region `mars`; known regions: us-east, eu-west (from --set workload.read_regions={mars: 1})',
    ]);
  });
});
