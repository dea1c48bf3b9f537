/**
 * Bad scenarios: each case asserts where the problem is reported (LINE:COL in the YAML
 * text) and the phrase that tells the user what is wrong and what is allowed.
 */
import { describe, expect, it } from 'vitest';
import { MINIMAL, problemsOf } from './helpers.js';

interface BadCase {
  name: string;
  yaml: string;
  /** Each expected problem: `LINE:COL` and a phrase of its message, in reporting order. */
  problems: [string, string][];
}

/** MINIMAL with one more top-level section appended (it starts on line 10). */
const withSection = (section: string) => MINIMAL + section;

const cases: BadCase[] = [
  {
    name: 'YAML syntax error',
    yaml: 'name: x\nregions: [a, b\nworkload: 1\n',
    problems: [['3:1', 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  },
  {
    name: 'duplicate key',
    yaml: withSection('name: again\n'),
    problems: [['10:1', 'duplicate key `name`; each key may appear once in a map']],
  },
  {
    name: 'wrong type',
    yaml: MINIMAL.replace('keys: 100', 'keys: lots'),
    problems: [['8:9', 'workload.keys: "lots" is not a key count; allowed: an integer from 1 to 100 million']],
  },
  {
    name: 'more keys or sessions than the model can hold',
    yaml: MINIMAL.replace('keys: 100', 'keys: 3000000000') + '  sessions: 20000000\n',
    problems: [
      ['8:9', 'workload.keys: 3000000000 is not a key count; allowed: an integer from 1 to 100 million'],
      ['10:13', 'workload.sessions: 20000000 is not a session count; allowed: an integer from 1 to 10 million'],
    ],
  },
  {
    name: 'more keys than fit in every region',
    yaml: `name: x\nduration: 10m\nregions:\n${Array.from({ length: 50 }, (_, i) => `  - name: r${i}\n`).join('')}  - name: main\n    primary: true\nworkload:\n  keys: 100000000\n  reads_per_second: 50\n`,
    problems: [['57:9', 'workload.keys: 100000000 keys in 51 regions is more state than cache-sim can hold: about 133 GiB for a run; allowed: up to 16 GiB: at most 12030720 keys']],
  },
  {
    name: 'more keys than fit in every L1 of every region',
    yaml: MINIMAL.replace('keys: 100', 'keys: 3000000') + 'cache:\n  l1: { hosts: 1000 }\n',
    // Every preset runs (no strategies list): no-cache has no L1s, so the first with them is named.
    problems: [['8:9', 'workload.keys: 3000000 keys in 2 regions and 1000 L1s in each (strategy ttl) is more state than cache-sim can hold: about 134 GiB for a run; allowed: up to 16 GiB: at most 357496 keys, or an L1 capacity of at most 85059 (strategy ttl)']],
  },
  {
    name: 'wrong required values (no default to fall back on) leave the rules that do not read them to run',
    yaml: MINIMAL.replace('duration: 10m', 'duration: 10x').replace('keys: 100', 'keys: -5').replace('- name: eu-west', '- name: eu-west\n    primary: true') +
      'expect:\n  ttl: { hit_ratio: "> 90" }\n',
    problems: [
      ['2:11', 'duration: "10x" is not a duration'],
      ['7:14', 'regions.1.primary: a second primary'],
      ['9:9', 'workload.keys: -5 is not a key count'],
      ['12:21', 'expect.ttl.hit_ratio: "> 90" can never hold'],
    ],
  },
  {
    name: "one strategy's wrong cache setting leaves another's preset options judged",
    yaml: withSection('strategies:\n  - { name: a, use: lease, max_retries: -1 }\n  - { name: b, use: pubsub, cache: { capacity: 0 } }\n'),
    problems: [
      ['11:41', 'strategies.0.max_retries: -1 is not a count'],
      ['12:48', 'strategies.1.cache.capacity: 0 is not a capacity'],
    ],
  },
  {
    name: "a strategy's wrong cache setting leaves its own preset options judged (the rule never reads `cache`)",
    yaml: withSection('strategies:\n  - { name: a, use: lease, max_retries: -1, cache: { capacity: 0 } }\n'),
    problems: [
      ['11:41', 'strategies.0.max_retries: -1 is not a count'],
      ['11:64', 'strategies.0.cache.capacity: 0 is not a capacity'],
    ],
  },
  {
    name: "a region's wrong field leaves the rest of that region judged where the rule never reads it",
    yaml: MINIMAL.replace('  - name: eu-west\n', '  - name: eu-west\n    replica_lag: 5x\n    clock: { jumps: [{ at: 20m, by: 1s }] }\n'),
    problems: [
      ['7:18', 'regions.1.replica_lag: "5x" is not a duration'],
      ['8:28', 'regions.1.clock.jumps.0.at: jumps at 20m, when the run is over'],
    ],
  },
  {
    name: 'more L1 entries than fit in memory',
    yaml: MINIMAL.replace('keys: 100', 'keys: 3000000') + 'cache:\n  l1: { hosts: 1000, capacity: 100000 }\n',
    problems: [['8:9', 'workload.keys: 3000000 keys in 2 regions and 1000 L1s in each holding up to 100000 entries (strategy ttl) is more state than cache-sim can hold: about 18.8 GiB for a run (keys 0.156 GiB, L1 entries 18.6 GiB); allowed: up to 16 GiB: at most 357496 keys, or an L1 capacity of at most 85059 (strategy ttl)']],
  },
  {
    name: "more state than fits in one strategy's run: that strategy named, and fewer keys that fit every strategy",
    yaml: MINIMAL.replace('keys: 100', 'keys: 60000000') + 'strategies:\n  - { name: a, use: ttl, cache: { l1: { hosts: 10 } } }\n  - { name: b, use: ttl, cache: { l1: { hosts: 100, capacity: 800000 } } }\n',
    problems: [['8:9', 'workload.keys: 60000000 keys in 2 regions and 10 L1s in each (strategy a) is more state than cache-sim can hold: about 30 GiB for a run; allowed: up to 16 GiB: at most 21069092 keys, or an L1 capacity of at most 6909934 (strategy a)']],
  },
  {
    name: 'bad L1 settings',
    yaml: withSection('cache:\n  l1: { hosts: 0, ttl: soon, capacity: -1, invalidated: maybe, size: 3 }\n'),
    problems: [
      ['11:16', 'cache.l1.hosts: 0 is not a host count; allowed: an integer from 1 to 10,000'],
      ['11:24', 'cache.l1.ttl: "soon" is not a TTL'],
      ['11:40', 'cache.l1.capacity: -1 is not a capacity; allowed: an integer ≥ 1 or unbounded'],
      ['11:57', 'cache.l1.invalidated: "maybe" is not true or false'],
      ['11:64', 'cache.l1: unknown key `size`; allowed keys: hosts, ttl, capacity, invalidated'],
    ],
  },
  {
    name: 'an L1 metric expected of a strategy without L1s',
    yaml: withSection(
      'strategies:\n  - ttl\n  - { name: near, use: ttl, cache: { l1: { hosts: 2 } } }\nexpect:\n  ttl: { l1_hit_ratio: "> 0.5" }\n  near: { l1_hit_ratio: "> 0.5" }\n',
    ),
    problems: [['14:10', 'expect.ttl: `ttl` runs without L1s, so it has no `l1_hit_ratio`; give it an L1 (cache.l1) or expect something else']],
  },
  {
    name: 'an L1 that is neither none nor a map',
    yaml: withSection('cache:\n  l1: nope\n'),
    problems: [['11:7', 'cache.l1: "nope" is not an L1 cache; allowed: none or a map with keys hosts, ttl, capacity, invalidated']],
  },
  {
    name: 'negative rate',
    yaml: MINIMAL.replace('reads_per_second: 50', 'reads_per_second: -5'),
    problems: [['9:21', 'workload.reads_per_second: -5 is not a rate; allowed: a number ≥ 0']],
  },
  {
    name: 'loss above 1',
    yaml: withSection('bus:\n  loss: 1.5\n'),
    problems: [['11:9', 'bus.loss: 1.5 is not a probability; allowed: a number from 0 to 1']],
  },
  {
    name: 'unknown strategy preset',
    yaml: withSection('strategies: [ttl, pubsbu]\n'),
    problems: [['10:19', 'strategies.1: "pubsbu" is not a strategy preset (did you mean `pubsub`?); allowed: ttl, pubsub']],
  },
  {
    name: 'variant whose name is not a preset and has no use',
    yaml: withSection('strategies:\n  - name: fast\n    cache: { ttl: 1s }\n'),
    problems: [['11:11', 'strategies.0.name: `fast` is not a preset; a variant with another name needs `use: PRESET`; presets: ttl, pubsub']],
  },
  {
    name: 'unknown region in read_regions',
    yaml: MINIMAL + '  read_regions: { us-east: 1, eu-wset: 2 }\n',
    problems: [['10:31', 'workload.read_regions: unknown region `eu-wset` (did you mean `eu-west`?); known regions: us-east, eu-west']],
  },
  {
    name: 'two primaries (reported at the second)',
    yaml: MINIMAL.replace('  - name: eu-west\n', '  - name: eu-west\n    primary: true\n'),
    problems: [['7:14', 'regions.1.primary: a second primary (`us-east` is primary already); allowed: exactly one primary region']],
  },
  {
    name: 'no primary',
    yaml: MINIMAL.replace('    primary: true\n', ''),
    problems: [['4:3', 'regions: no primary region; allowed: exactly one region with `primary: true`']],
  },
  {
    name: 'unknown key with did-you-mean, at the key',
    yaml: withSection('cache:\n  ttll: 5s\n'),
    problems: [['11:3', 'cache: unknown key `ttll` (did you mean `ttl`?); allowed keys: ttl, ttl_jitter, stale_while_revalidate, capacity, refill_from']],
  },
  {
    name: 'unknown keys one swap or one letter away from a short name (the key it stands for is not also reported missing)',
    yaml: MINIMAL.replace('name: minimal', 'nmae: minimal') + 'faults:\n  - { at: 1m, fro: 1m, cache_restart: { region: eu-west } }\n',
    problems: [
      ['1:1', 'unknown key `nmae` (did you mean `name`?)'],
      ['11:15', 'faults.0: unknown key `fro` (did you mean `for`?)'],
    ],
  },
  {
    name: 'a key written twice: its last value is the one checked, and the problem points at it',
    yaml: withSection('expect:\n  ttl:\n    hit_ratio: "> 0.5"\n    hit_ratio: "> 90"\n'),
    problems: [
      ['13:5', 'duplicate key `hit_ratio`'],
      ['13:16', 'expect.ttl.hit_ratio: "> 90" can never hold'],
    ],
  },
  {
    name: 'a misspelt key stands for the one meant: no rule judges that one’s default (no primary here)',
    yaml: MINIMAL.replace('primary: true', 'primry: true'),
    problems: [['5:5', 'regions.0: unknown key `primry` (did you mean `primary`?)']],
  },
  {
    name: 'a wrong warmup does not hold back the check of metric names without a window',
    yaml: MINIMAL.replace('duration: 10m', 'duration: 10m\nwarmup: banana') + 'expect: { ttl: { hit_ratoi: 1 } }\n',
    problems: [
      ['3:9', 'warmup: "banana" is not a duration'],
      ['11:18', 'expect.ttl: unknown metric `hit_ratoi` (did you mean `hit_ratio`?)'],
    ],
  },
  {
    name: 'a required field missing from a list item takes the item out, and the rest is still checked',
    yaml: withSection('faults: [{ at: 10s, partition: { region: eu-west } }]\nexpect: { pubsb: { reads: 1 } }\n'),
    problems: [
      ['10:10', 'faults.0.for: missing'],
      ['11:11', 'expect: `pubsb` is not a strategy of this scenario (did you mean `pubsub`?)'],
    ],
  },
  {
    name: 'faults taken out for a wrong field leave the others judged, each told at its place as written',
    yaml: withSection(
      'faults:\n  - { at: 1s, bus_loss: { loss: 0.5 } }\n  - { at: 10s, for: 5s, partition: { region: mars } }\n  - { at: 2s, cache_restart: { regio: eu-west } }\n  - { at: 20m, cache_restart: { region: eu-west } }\n',
    ),
    problems: [
      ['11:5', 'faults.0.for: missing'],
      ['12:46', 'faults.1.partition.region: unknown region `mars`'],
      ['13:32', 'faults.2.cache_restart: unknown key `regio`'],
      ['14:11', 'faults.3.at: starts at 20m, when the run is over'],
    ],
  },
  {
    name: 'strategies taken out for a wrong name leave the others’ options judged, each told at its place as written',
    yaml: withSection(
      'strategies:\n  - pubsubb\n  - { use: pubsub }\n  - { name: w, use: pubsub, bogus: 1 }\n  - { name: v, use: versioned, delete_again_after: -1s }\n  - { name: pubsubx }\n',
    ),
    problems: [
      ['11:5', 'strategies.0: "pubsubb" is not a strategy preset'],
      ['12:5', 'strategies.1.name: missing'],
      ['13:29', 'strategies.2: unknown key `bogus`'],
      ['14:32', 'strategies.3: unknown key `delete_again_after`'],
      ['15:13', 'strategies.4.name: `pubsubx` is not a preset'],
    ],
  },
  {
    name: 'a fault whose wrong field fell back leaves the other faults judged on their own',
    yaml: withSection(
      'faults:\n  - { at: 3s, for: 1s, cache_restart: { region: eu-west } }\n  - { at: 20m, cache_restart: { region: eu-west } }\n  - { at: 1m, for: 10m, replica_lag: { region: eu-west, lag: 1s } }\n',
    ),
    problems: [
      ['11:20', 'faults.0.for: not allowed: cache_restart is an instant'],
      ['12:11', 'faults.1.at: starts at 20m, when the run is over'],
      ['13:20', 'faults.2.for: the window 1m..11m ends after the run'],
    ],
  },
  {
    name: 'a distribution whose one kind is misspelt falls back to the default, and the rest is still checked',
    yaml: MINIMAL.replace('  - name: eu-west', '  - name: eu-west\n    replica_lag: { exponental: { mean: 1s } }') + 'expect: { pubsb: { reads: 1 } }\n',
    problems: [
      ['7:20', 'regions.1.replica_lag: unknown key `exponental` (did you mean `exponential`?)'],
      ['11:11', 'expect: `pubsb` is not a strategy of this scenario (did you mean `pubsub`?)'],
    ],
  },
  {
    name: 'a region named `all`, which stands for the whole run in per-region rows',
    yaml: MINIMAL.replace('name: eu-west', 'name: all'),
    problems: [['6:11', "`all` is reserved for the whole run's rows (CSV); allowed: any other name"]],
  },
  {
    name: 'a wrong value with a default does not hide the problems the rules find in the rest',
    yaml: 'seed: seven\n' + MINIMAL.replace('  - name: eu-west', '  - name: eu-west\n    primary: true') + 'expect: { nosuch: { reads: "> 0" }, ttl: { hit_ratio: "> 9 parsecs", ryw_violations: -1 } }\n',
    problems: [
      ['1:7', 'seed: "seven" is not a seed'],
      ['8:14', 'regions.1.primary: a second primary'],
      ['12:11', 'expect: `nosuch` is not a strategy of this scenario'],
      ['12:55', 'expect.ttl.hit_ratio: "> 9 parsecs" is not a condition'],
      ['12:86', 'expect.ttl.ryw_violations: -1 can never hold'],
    ],
  },
  {
    name: 'a wrong item of a list puts the list out of play, not the rest',
    yaml:
      MINIMAL.replace('duration: 10m', 'duration: 2m') +
      '  read_regions: { eu-wst: 1 }\nbus: { loss: 2 }\nstrategies: [pubsb, ttl]\nfaults: [{ at: 5m, for: 10s, partition: { region: eu-west } }]\nexpect: { ttl: { hit_ratio: "> 90" }, pubsb: { reads: "> 0" } }\n',
    problems: [
      ['10:19', 'workload.read_regions: unknown region `eu-wst` (did you mean `eu-west`?)'],
      ['11:14', 'bus.loss: 2 is not a probability'],
      ['12:14', 'strategies.0: "pubsb" is not a strategy preset (did you mean `pubsub`?)'],
      ['13:16', 'faults.0.at: starts at 5m, when the run is over'],
      ['14:29', 'expect.ttl.hit_ratio: "> 90" can never hold'],
    ],
  },
  {
    name: 'a name in a form not allowed still names its item: the list stays in play, and what refers to that name is not unknown',
    yaml:
      MINIMAL.replace('name: eu-west', 'name: eu west\n  - name: us-east') +
      '  read_regions: { eu west: 1, ap: 1 }\nstrategies: [ttl, { name: pub sub, use: pubsub }, { name: ttl, use: ttl }]\nexpect: { pub sub: { hit_ratoi: 1 } }\n',
    problems: [
      ['6:11', 'regions.1.name: "eu west" is not a region name; allowed: a non-empty name of ASCII letters, digits, _, . and -'],
      ['7:11', 'regions.2.name: `us-east` is already the name of regions.0'],
      ['11:31', 'workload.read_regions: unknown region `ap`'],
      ['12:27', 'strategies.1.name: "pub sub" is not a strategy name'],
      ['12:59', 'strategies.2.name: `ttl` is already the name of strategies.0'],
      ['13:22', 'expect."pub sub": unknown metric `hit_ratoi` (did you mean `hit_ratio`?)'],
    ],
  },
  {
    name: 'a rule that would judge what is left of a wrong value stays quiet (no weight is left above 0 here)',
    yaml: MINIMAL + '  read_regions: { us-east: lots }\n',
    problems: [['10:28', 'workload.read_regions.us-east: "lots" is not a weight']],
  },
  {
    name: 'an unknown key does not hide the problems the rules find in the rest; nor does a duplicate key hide the schema’s',
    yaml:
      withSection('cache: { tll: 5s }\nfaults: [{ at: 11m, for: 1s, partition: { region: mars } }]\nexpect: { nosuch: { hit_ratoi: 1 } }\n') + 'duration: 5m\n',
    problems: [
      ['10:10', 'cache: unknown key `tll` (did you mean `ttl`?)'],
      ['11:16', 'faults.0.at: starts at 11m, when the run is over'],
      ['11:51', 'faults.0.partition.region: unknown region `mars`'],
      ['12:11', 'expect: `nosuch` is not a strategy of this scenario'],
      ['12:21', 'expect.nosuch: unknown metric `hit_ratoi` (did you mean `hit_ratio`?)'],
      ['13:1', 'duplicate key `duration`'],
    ],
  },
  {
    name: 'conditions: durations as scenarios write them (1m30s, 900µs) are fine; a number too large for a double is not',
    yaml: withSection('expect:\n  ttl: { staleness_p99: "<= 1m30s", read_latency_p50: "< 900µs", staleness_max: "< 1e400" }\n'),
    problems: [['11:81', 'expect.ttl.staleness_max: "< 1e400" is not a condition; allowed: a number, or "OP VALUE"']],
  },
  {
    name: 'a pareto shape so small its draws overflow to infinity',
    yaml: withSection('bus:\n  delay: { pareto: { scale: 10ms, shape: 0.01 } }\n'),
    problems: [['11:42', 'bus.delay.pareto.shape: 0.01 is not a pareto shape; allowed: a number from 0.1 up']],
  },
  {
    name: 'YAML’s not-a-number and infinity are named as written',
    yaml: MINIMAL.replace('duration: 10m', 'duration: .nan') + 'warmup: -.inf\n',
    problems: [
      ['2:11', 'duration: .nan is not a duration'],
      ['10:9', 'warmup: -.inf is not a duration'],
    ],
  },
  {
    name: 'numbers their values do not show are named as written (too large for a double, beyond 2^53, with trailing zeros)',
    yaml: MINIMAL.replace(/keys: \d+/, 'keys: 1e400') + 'seed: 18446744073709551617\nbus: { loss: 1.50 }\n',
    problems: [
      ['8:9', 'workload.keys: 1e400 is not a key count'],
      ['10:7', 'seed: 18446744073709551617 is not a seed'],
      ['11:14', 'bus.loss: 1.50 is not a probability'],
    ],
  },
  {
    name: 'conditions no value of the metric can meet: a ratio above 1 (a percentage meant), a negative or fractional count',
    yaml: withSection('expect:\n  ttl: { hit_ratio: "> 90", ryw_violations: -1, regions.eu-west.stale_refills: 0.5, stale_read_ratio: "<= 1", reads: "> 0" }\n'),
    problems: [
      ['11:21', 'expect.ttl.hit_ratio: "> 90" can never hold: `hit_ratio` is a ratio from 0 to 1 (90 % is 0.9)'],
      ['11:45', 'expect.ttl.ryw_violations: -1 can never hold: `ryw_violations` is a whole number of at least 0'],
      ['11:80', 'expect.ttl."regions.eu-west.stale_refills": 0.5 can never hold'],
    ],
  },
  {
    name: 'conditions no time or mean can meet: below 0, written as a number or as a duration; 0 and above are fine',
    yaml: withSection(
      // (writes, so that the convergence condition is judged on its own)
      '  writes_per_second: 1\nexpect:\n  ttl: { staleness_p99: "< -3", stale_age_max: "< 0ms", read_latency_p50: -5, version_lag_mean: "<= -0.5", convergence_p99: "< -3s", staleness_max: "<= 0s", version_lag_mean from 1m: "> -1" }\n',
    ),
    problems: [
      ['12:25', 'expect.ttl.staleness_p99: "< -3" can never hold: `staleness_p99` is a time of at least 0'],
      ['12:48', 'expect.ttl.stale_age_max: "< 0ms" can never hold: `stale_age_max` is a time of at least 0'],
      ['12:75', 'expect.ttl.read_latency_p50: -5 can never hold'],
      ['12:97', 'expect.ttl.version_lag_mean: "<= -0.5" can never hold: `version_lag_mean` is a number of at least 0'],
      ['12:125', 'expect.ttl.convergence_p99: "< -3s" can never hold: `convergence_p99` is a time of at least 0'],
    ],
  },
  {
    name: 'a seed too large to be exact says how large one may be',
    yaml: withSection('seed: 1e300\n'),
    problems: [['10:7', 'seed: 1e300 is not a seed; allowed: an integer from 0 to 9007199254740991 (2^53 − 1)']],
  },
  {
    name: 'two YAML documents in one file',
    yaml: `${MINIMAL}---\n${MINIMAL}`,
    problems: [['10:1', 'a second YAML document (after `---`); allowed: one scenario per file']],
  },
  {
    name: 'a byte-order mark does not move the columns of line 1',
    yaml: `\uFEFF${MINIMAL.replace('name: minimal', 'name: [minimal]')}`,
    problems: [['1:7', 'name: ']],
  },
  {
    name: 'bad duration unit',
    yaml: MINIMAL.replace('duration: 10m', 'duration: 10min'),
    problems: [['2:11', 'duration: "10min" is not a duration; allowed: a duration like 250ms, 1.5s, 10m or 1m30s']],
  },
  {
    name: 'a missing workload stands in for nothing the region checks read: they are still heard',
    yaml: 'name: x\nduration: 1m\nregions: [{ name: a }, { name: a }]\n',
    problems: [
      ['1:1', 'workload: missing'],
      ['3:10', 'regions: no primary region'],
      ['3:32', 'regions.1.name: `a` is already the name of regions.0'],
    ],
  },
  {
    name: 'missing required key, at the enclosing key',
    yaml: MINIMAL.replace('  keys: 100\n', ''),
    problems: [['7:1', 'workload.keys: missing; required: an integer from 1 to 100 million']],
  },
  {
    name: 'several problems, in position order',
    yaml: withSection('bus:\n  delivery: sometimes\n  loss: -1\ncache:\n  capacity: 0\n').replace('duration: 10m', 'duration: soon'),
    problems: [
      ['2:11', 'duration: "soon" is not a duration'],
      ['11:13', 'bus.delivery: "sometimes" is not a delivery mode; allowed: at-least-once, at-most-once'],
      ['12:9', 'bus.loss: -1 is not a probability'],
      ['14:13', 'cache.capacity: 0 is not a capacity; allowed: an integer ≥ 1 or unbounded'],
    ],
  },
  {
    name: 'distribution with a misspelt kind',
    yaml: withSection('bus:\n  delay: { exponentail: { mean: 50ms } }\n'),
    problems: [['11:12', 'bus.delay: unknown key `exponentail` (did you mean `exponential`?); allowed keys: exponential, uniform']],
  },
  {
    name: 'distribution parameter of the wrong type',
    yaml: withSection('bus:\n  delay: { exponential: { mean: fast } }\n'),
    problems: [['11:33', 'bus.delay.exponential.mean: "fast" is not a duration']],
  },
  {
    name: 'uniform bounds out of order',
    yaml: withSection('bus:\n  delay: { uniform: [2s, 500ms] }\n'),
    problems: [['11:21', 'bus.delay.uniform: min is above max; allowed: [min, max] with min ≤ max']],
  },
  {
    name: 'blank value, at its key',
    yaml: withSection('bus:\n  delay:\n'),
    problems: [['11:3', 'bus.delay: an empty value is not a distribution; allowed: a duration (constant) or exactly one of']],
  },
  {
    name: 'warmup not before the end',
    yaml: withSection('warmup: 10m\n'),
    problems: [['10:9', 'warmup: 10m does not end before the run does (duration: 10m); allowed: warmup < duration']],
  },
  {
    name: 'fault window past the end, fault in an unknown region',
    yaml: withSection('faults:\n  - { at: 9m, for: 2m, partition: { region: eu-west } }\n  - { at: 1m, for: 1m, consumer_pause: { region: mars } }\n'),
    problems: [
      ['11:20', 'faults.0.for: the window 9m..11m ends after the run (duration: 10m); allowed: at + for ≤ duration'],
      ['12:50', 'faults.1.consumer_pause.region: unknown region `mars`; known regions: us-east, eu-west'],
    ],
  },
  {
    name: 'settings the primary region has no replica for: a lag, a replica_lag fault, a replication pause',
    yaml:
      MINIMAL.replace('    primary: true\n', '    primary: true\n    replica_lag: 1s\n') +
      'faults:\n  - { at: 1m, for: 1m, replica_lag: { region: us-east, lag: 5s } }\n  - { at: 1m, for: 1m, replication_pause: { region: us-east } }\n',
    problems: [
      ['6:18', 'regions.0.replica_lag: `us-east` is the primary region: it has no replica for replica_lag to act on; allowed: another region'],
      ['12:47', 'faults.0.replica_lag.region: `us-east` is the primary region: it has no replica for a replica_lag fault to act on'],
      ['13:53', 'faults.1.replication_pause.region: `us-east` is the primary region: it has no replica for a replication_pause fault to act on'],
    ],
  },
  {
    name: 'at-least-once delivery over a bus that loses everything would never end',
    yaml: withSection('bus: { loss: 1, delivery: at-least-once }\n'),
    problems: [['10:14', 'bus.loss: 1 loses every delivery, which at-least-once would retry forever; allowed: a loss up to 0.9999 with at-least-once delivery']],
  },
  {
    name: 'at-least-once delivery over a bus that loses nearly everything would not end in any useful time',
    yaml: withSection('bus: { loss: 0.999999, delivery: at-least-once }\n'),
    problems: [['10:14', 'bus.loss: 0.999999 makes at-least-once send each message 1,000,000 times on average; allowed: a loss up to 0.9999']],
  },
  {
    name: 'nor may a bus_loss window under at-least-once (a window of loss 1 may: its attempts cost nothing each)',
    yaml: withSection('bus: { delivery: at-least-once }\nfaults:\n  - { at: 1m, for: 1m, bus_loss: { loss: 0.999999 } }\n  - { at: 2m, for: 1m, bus_loss: { loss: 1 } }\n'),
    problems: [['12:42', 'faults.0.bus_loss.loss: 0.999999 makes at-least-once send each message 1,000,000 times on average in the window; allowed: a loss up to 0.9999']],
  },
  {
    name: 'a wait that repeats must take time, and a read may poll its replica at most 100,000 times (an unused poll is not judged)',
    yaml: withSection('strategies:\n  - { name: a, use: session-token, on_behind: wait, poll: 0 }\n  - { name: b, use: session-token, on_behind: wait, poll: 1us }\n  - { name: c, use: session-token, poll: 0 }\n  - { name: d, use: lease, retry_after: 1e307 }\n  - { name: e, use: lease, retry_after: 0 }\n  - { name: f, use: lease, retry_after: 0, max_retries: 0 }\n'),
    problems: [
      ['11:59', 'strategies.0.poll: 0ms would poll the replica at one instant forever; allowed: with on_behind: wait, a poll of at least 1us'],
      ['12:59', 'strategies.1.poll: 0.001ms polls up to 1,000,000 times a read within max_wait 1s; allowed: with on_behind: wait, a poll of at least 1us and ≥ max_wait / 100,000'],
      ['14:41', 'strategies.3.retry_after: 1e307 is not a duration cache-sim can simulate; allowed: up to 100000h'],
      ['15:41', 'strategies.4.retry_after: 0ms would retry at one instant; allowed: with max_retries above 0, at least 1us'],
    ],
  },
  {
    name: 'a clock jump after the run',
    yaml: MINIMAL.replace('  - name: eu-west\n', '  - name: eu-west\n    clock: { jumps: [{ at: 10m, by: 1s }] }\n'),
    problems: [['7:28', 'regions.1.clock.jumps.0.at: jumps at 10m, when the run is over (duration: 10m); allowed: at < duration']],
  },
  {
    name: 'a wrong clock jump in one region leaves the jumps of the others judged',
    yaml: MINIMAL.replace('    primary: true\n', '    primary: true\n    clock: { jumps: [{ at: 1s, by: lots }] }\n').replace(
      '  - name: eu-west\n',
      '  - name: eu-west\n    clock: { jumps: [{ at: 20m, by: 1s }] }\n',
    ),
    problems: [
      ['6:36', 'regions.0.clock.jumps.0.by: "lots" is not a duration'],
      ['8:28', 'regions.1.clock.jumps.0.at: jumps at 20m, when the run is over'],
    ],
  },
  {
    name: 'a clock that would stand still',
    yaml: MINIMAL.replace('  - name: eu-west\n', '  - name: eu-west\n    clock: { drift_ppm: -1000000 }\n'),
    problems: [['7:25', 'regions.1.clock.drift_ppm: -1000000 is not a drift; allowed: a number of parts per million above -1000000']],
  },
  {
    name: 'instant fault with a window',
    yaml: withSection('faults:\n  - { at: 1m, for: 1m, cache_restart: { region: eu-west } }\n'),
    problems: [['11:20', 'faults.0.for: not allowed: cache_restart is an instant; remove `for`']],
  },
  {
    name: 'a window fault without its length, and in an unknown region: both told (one does not hide the other)',
    yaml: withSection('faults:\n  - { at: 1m, partition: { region: mars } }\n  - { at: 1m, for: 20m, cache_restart: { region: venus } }\n'),
    problems: [
      ['11:5', 'faults.0.for: missing; required: the length of the fault window'],
      ['11:36', 'faults.0.partition.region: unknown region `mars`; known regions: us-east, eu-west'],
      ['12:20', 'faults.1.for: not allowed: cache_restart is an instant; remove `for`'],
      ['12:50', 'faults.1.cache_restart.region: unknown region `venus`'],
    ],
  },
  {
    name: 'settings that would silently do nothing or mislead: a lease of 0, a variant under another preset\'s name, route without a third region',
    yaml: withSection('strategies: [{ name: l, use: lease, lease_ttl: 0 }, { name: pubsub, use: versioned }, { name: lease, use: lease, lease_ttl: 1s }]\nnetwork: { on_unreachable: route }\n'),
    problems: [
      ['10:48', 'strategies.0.lease_ttl: a lease of 0 ends as it is granted, so every fill would be refused; allowed: a duration above 0'],
      ['10:61', "strategies.1.name: `pubsub` is the name of another preset, but this variant uses `versioned`: its numbers would read as `pubsub`'s; allowed: a name of its own (e.g. versioned-2) or no use"],
      ['11:28', 'network.on_unreachable: route relays through a third region, and the 2 regions have none (a read out of reach would fail, as with fail)'],
    ],
  },
  {
    name: 'expect: a ratio of a region the read weights leave out could only fail (a count there is 0, and fine)',
    yaml: MINIMAL + '  read_regions: { us-east: 1 }\nexpect:\n  ttl: { regions.eu-west.stale_read_ratio: "< 0.1", regions.eu-west.reads: 0, regions.us-east.hit_ratio: "> 0.1" }\n',
    problems: [
      ['12:10', 'expect.ttl: `eu-west` gets no reads (read_regions gives it none), so `regions.eu-west.stale_read_ratio` would have no value and the check could only fail; allowed: a region with reads, or a count (reads, stale_reads)'],
    ],
  },
  {
    name: 'expect: a convergence in a workload without writes could only fail (unconverged_writes, a count, is 0 there, and fine)',
    yaml: withSection('expect:\n  ttl: { convergence_p99: "< 1s", unconverged_writes: 0 }\n'),
    problems: [
      ['11:10', 'expect.ttl: the workload makes no writes, so `convergence_p99` would have no value and the check could only fail; allowed: writes_per_second above 0, or a count (unconverged_writes)'],
    ],
  },
  {
    name: 'a network partition of one region: the list is told its length',
    yaml: withSection('faults:\n  - { at: 1m, for: 1m, network_partition: { between: [eu-west] } }\n'),
    problems: [['11:54', 'faults.0.network_partition.between: a list of 1 item is not a region pair; allowed: a list [a, b] of two region names']],
  },
  {
    name: 'a key of another section, written in the wrong place, is told where it belongs',
    yaml: withSection('cache:\n  strategies: [ttl]\nbus: { ttl: 3s }\nstrategies: [{ name: k, use: ttl, ttl: 10s }]\n'),
    problems: [
      ['11:3', 'cache: unknown key `strategies` (`strategies` belongs at the top level); allowed keys:'],
      ['12:8', 'bus: unknown key `ttl` (`ttl` belongs under cache); allowed keys:'],
      ['13:35', "strategies.0: unknown key `ttl` (`ttl` belongs under the variant's cache); allowed keys: name, use, cache"],
    ],
  },
  {
    name: "another preset's option on a variant is told whose it is",
    yaml: withSection('strategies: [{ name: k, use: pubsub, keep_newer: false }]\n'),
    problems: [['10:38', 'strategies.0: unknown key `keep_newer` (`keep_newer` belongs to the preset write-update, not pubsub); allowed keys: name, use, cache, delete_again_after']],
  },
  {
    name: 'expect: unknown strategy, unknown metric, duration for a ratio',
    yaml: withSection('expect:\n  ttl: { stalenes_p99: "<= 2s", hit_ratio: "> 1s" }\n  pubsub-5s: { hit_ratio: 0.9 }\n'),
    problems: [
      ['11:10', 'expect.ttl: unknown metric `stalenes_p99` (did you mean `staleness_p99`?); allowed: reads, stale_reads, stale_read_ratio, hit_ratio, l1_hit_ratio, staleness_p50|p90|p99|p999|max|mean|count, '],
      ['11:44', 'expect.ttl.hit_ratio: "> 1s" compares with a duration, but `hit_ratio` is not a time; allowed: a plain number'],
      ['12:3', 'expect: `pubsub-5s` is not a strategy of this scenario (did you mean `pubsub`?); strategies: ttl, pubsub, versioned, lease, session-token'],
    ],
  },
  {
    name: 'expect: windows that are malformed, on a metric without one, not durations, past the end, empty',
    yaml: withSection(
      'expect:\n  ttl:\n    stale_read_ratio form 3m: "< 0.1"\n    convergence_p99 from 1m: "< 2s"\n    hit_ratio from 3min: "> 0.5"\n' +
        '    staleness_p99 from 5m until 11m: "< 2s"\n    reads from 5m until 5m: "> 0"\n',
    ),
    problems: [
      ['12:5', 'expect.ttl: `stale_read_ratio form 3m` is neither a metric nor a metric with a window; allowed: a metric name or "METRIC from DURATION"'],
      ['13:5', 'expect.ttl: `convergence_p99` cannot be counted over a window of time; allowed: the per-read metrics'],
      ['14:5', 'expect.ttl: window bound `3min` is not a duration; allowed: a duration like 250ms'],
      ['15:5', 'expect.ttl: the window ends at 11m, after the run does (duration: 10m); allowed: until ≤ duration'],
      ['16:5', 'expect.ttl: the window from 5m until 5m is empty; allowed: from < until'],
    ],
  },
  {
    name: 'expect: a window that starts before the warmup ends',
    yaml: withSection('warmup: 1m\nexpect:\n  ttl: { hit_ratio from 30s: "> 0.5", hit_ratio until 2m: "> 0.5" }\n'),
    problems: [['12:10', 'expect.ttl: the window starts at 30s, before the warmup ends (1m); reads before it never count; allowed: from ≥ warmup']],
  },
  {
    name: 'expect: a window that starts when the run is over',
    yaml: withSection('expect:\n  ttl: { reads from 10m: "> 0" }\n'),
    problems: [['11:10', 'expect.ttl: the window starts at 10m, when the run is over (duration: 10m); allowed: from < duration']],
  },
  {
    name: 'duplicate strategy names',
    yaml: withSection('strategies: [ttl, { name: ttl, cache: { ttl: 1s } }]\n'),
    problems: [['10:27', 'strategies.1.name: `ttl` is already the name of strategies.0; allowed: each name once']],
  },
  {
    name: 'preset option the preset does not have',
    yaml: withSection('strategies: [{ name: ttl-2, use: ttl, fanout: 3 }]\n'),
    problems: [['10:39', 'strategies.0: unknown key `fanout`; allowed keys: name, use, cache']],
  },
  {
    name: 'preset options of the wrong kind say what is allowed',
    yaml: withSection(
      'strategies:\n  - { name: a, use: cdc, tail_delay: -1 }\n  - { name: b, use: write-update, update: some, keep_newer: maybe }\n  - { name: c, use: lease, max_retries: 1.5, retry_after: soon }\n  - { name: d, use: versioned, version_source: counters }\n',
    ),
    problems: [
      ['11:38', 'strategies.0.tail_delay: -1 is not a duration; allowed: a duration like 250ms'],
      ['12:43', 'strategies.1.update: "some" is not an update scope; allowed: present, all'],
      ['12:61', 'strategies.1.keep_newer: "maybe" is not true or false; allowed: true or false'],
      ['13:41', 'strategies.2.max_retries: 1.5 is not a count; allowed: an integer from 0 to 100,000'],
      ['13:59', 'strategies.2.retry_after: "soon" is not a duration'],
      ['14:48', 'strategies.3.version_source: "counters" is not a version source (did you mean `counter`?); allowed: counter, timestamp, hlc'],
    ],
  },
  {
    name: 'links: unknown region and self-link',
    yaml: withSection('network:\n  links: { "us-east<->mars": 10ms, "eu-west<->eu-west": 5ms }\n'),
    problems: [
      ['11:12', 'network.links: unknown region `mars`; known regions: us-east, eu-west'],
      ['11:36', 'network.links: `eu-west<->eu-west` links a region to itself'],
    ],
  },
  {
    name: 'a duration too large to represent',
    yaml: MINIMAL.replace('duration: 10m', `duration: ${'9'.repeat(400)}h`),
    problems: [['2:11', 'is not a duration; allowed: a duration like 250ms']],
  },
  {
    name: 'empty list where one item is needed',
    yaml: withSection('bus: { delay: { empirical: [] } }\n'),
    problems: [['10:28', 'bus.delay.empirical: an empty list is not a list of samples; allowed: a non-empty list of durations']],
  },
  {
    name: 'weights that are all zero',
    yaml: MINIMAL + '  write_regions: { us-east: 0 }\n',
    problems: [['10:18', 'workload.write_regions: no region has a weight above 0; allowed: weights ≥ 0 with at least one above 0']],
  },
  {
    name: 'not a map at all',
    yaml: '- just\n- a list\n',
    problems: [['1:1', 'a list is not a scenario; allowed: a map with keys name, duration, regions, workload']],
  },
  {
    name: 'alias without an anchor',
    yaml: withSection('cache: *defaults\n'),
    problems: [['10:8', 'alias `*defaults` has no anchor `&defaults` before it']],
  },
  {
    name: 'an alias inside the value it names (no end to it), in a list, a map and a merge',
    yaml: withSection('cache: &c { ttl: 1s, l1: *c }\nbus: &b { <<: *b }\n').replace('name: minimal', 'name: &n [*n]'),
    problems: [
      ['1:11', 'alias `*n` stands inside the value anchored `&n`, which would then contain itself without end; allowed: an alias of a value that ends before it'],
      ['10:26', 'alias `*c` stands inside the value anchored `&c`, which would then contain itself without end; allowed: an alias of a value that ends before it'],
      ['11:15', 'alias `*b` stands inside the value anchored `&b`, which would then contain itself without end; allowed: an alias of a value that ends before it'],
    ],
  },
  {
    name: 'a merge of an alias without an anchor: told once, as the alias (the merge is no mistake of its own)',
    yaml: withSection('cache: { <<: [*defaults] }\nbus: { <<: *base }\n'),
    problems: [
      ['10:15', 'alias `*defaults` has no anchor `&defaults` before it'],
      ['11:12', 'alias `*base` has no anchor `&base` before it'],
    ],
  },
  {
    name: 'an unclosed list inside a map on one line: one syntax error, not one per bracket left open',
    yaml: withSection('cache: { ttl: [5s, jitter: 0.1 }\n'),
    problems: [['10:32', 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  },
  {
    name: 'a key indented one space short of its map (or to the list dash): told at the key, with the indentation meant',
    yaml: MINIMAL.replace('  - name: eu-west\n', '  - name: eu-west\n   replica_lag: 1s\n'),
    problems: [['7:4', 'indented 3 spaces, which lines up with no map above it: the keys on line 6 start after 4 spaces; allowed: 4 spaces to add this key to that map, or the indentation of a map further out']],
  },
  {
    name: 'a key at the list dash under a list item',
    yaml: MINIMAL.replace('  - name: eu-west\n', '  - name: eu-west\n  replica_lag: 1s\n'),
    problems: [['7:3', 'indented 2 spaces, which lines up with no map above it: the keys on line 6 start after 4 spaces']],
  },
  {
    name: 'a region or strategy named by digits alone (JSON would put it before the others)',
    yaml: MINIMAL.replace('name: eu-west', 'name: "1"') + 'strategies: [ttl, { name: "2", use: pubsub }, { name: v2, use: versioned }]\n',
    problems: [
      ['6:11', 'regions.1.name: "1" is not a region name; allowed: a non-empty name of ASCII letters, digits, _, . and -, not digits alone'],
      ['10:27', 'strategies.1.name: "2" is not a strategy name'],
    ],
  },
  {
    name: 'a list longer than any scenario needs: told at the list, its items not looked at one by one',
    yaml: MINIMAL.replace('  - name: eu-west\n', `  - name: eu-west\n    replica_lag: { empirical: [${Array(100_001).fill('x').join(',')}] }\n`),
    problems: [['7:31', 'regions.1.replica_lag.empirical: a list of 100001 items; allowed: at most 100000']],
  },
  {
    name: 'wrong items of an outer list and of a list inside a later item: each told at its place as written',
    yaml: MINIMAL.replace('  - name: us-east\n', '  - { name: x, primary: maybe }\n  - name: us-east\n').replace(
      '  - name: eu-west\n',
      '  - name: eu-west\n    replica_lag: { empirical: [1s, x, 2s, y] }\n    clock: { jumps: [{ at: 1s, by: 2q }] }\n',
    ),
    problems: [
      ['4:25', 'regions.0.primary: "maybe" is not'],
      ['8:36', 'regions.2.replica_lag.empirical.1: "x" is not a duration'],
      ['8:43', 'regions.2.replica_lag.empirical.3: "y" is not a duration'],
      ['9:36', 'regions.2.clock.jumps.0.by: "2q" is not'],
    ],
  },
  {
    name: '__proto__ as a key, in a map of names (it would vanish without a word)',
    yaml: MINIMAL + '  read_regions: { __proto__: 1, us-east: 1 }\nexpect:\n  __proto__: { reads: 0 }\n',
    problems: [
      ['10:19', 'workload.read_regions: `__proto__` is not a key a scenario can have'],
      ['12:3', 'expect: `__proto__` is not a key a scenario can have'],
    ],
  },
  {
    name: 'one expectation written twice, the names differing only in spaces',
    yaml: MINIMAL + 'strategies: [ttl]\nexpect:\n  ttl: { reads: 0, "reads ": "> 0" }\n',
    problems: [['12:20', 'expect.ttl: "reads " names the same expectation as "reads"; each may appear once for a strategy']],
  },
  {
    name: 'a misspelt required key inside a distribution: one problem, not also the key missing',
    yaml: MINIMAL + '  popularity: { zipff: 1 }\n',
    problems: [['10:17', 'workload.popularity: unknown key `zipff` (did you mean `zipf`?)']],
  },
  {
    name: 'a misspelt required duration or distribution field: one problem too',
    yaml: MINIMAL.replace('duration: 10m', 'duraton: 10m') + 'bus: { delay: { exponential: { maen: 10ms } } }\n',
    problems: [
      ['2:1', 'unknown key `duraton` (did you mean `duration`?)'],
      ['10:32', 'bus.delay.exponential: unknown key `maen` (did you mean `mean`?)'],
    ],
  },
  {
    name: 'a replica_lag on a second primary: the second primary is the problem, not the lag',
    yaml: MINIMAL.replace('- name: eu-west', '- name: eu-west\n    primary: true\n    replica_lag: 1s'),
    problems: [['7:14', 'regions.1.primary: a second primary']],
  },
  {
    name: 'one windowed expectation written twice, its bounds in other units',
    yaml: MINIMAL + 'strategies: [ttl]\nexpect:\n  ttl: { "reads from 2s": 0, "reads from 2000ms": "> 0" }\n',
    problems: [['12:30', 'expect.ttl: "reads from 2000ms" names the same expectation as "reads from 2s"; each may appear once for a strategy']],
  },
  {
    name: 'control characters or bidirectional overrides in the name or description (they would reach the terminal raw); echoed escaped',
    yaml: MINIMAL.replace('name: minimal', 'name: "red\\e[31m"\ndescription: "a\\x9bb\\u202ec\\nd"'),
    problems: [
      ['1:7', 'name: "red\\u001b[31m" is not a scenario name; allowed: a non-empty string without control characters or bidirectional overrides'],
      ['2:14', 'description: "a\\u009bb\\u202ec\\nd" is not a description; allowed: a string without control characters or bidirectional overrides (line breaks and tabs are fine)'],
    ],
  },
  {
    name: 'more work than a run can do (it would never end)',
    yaml: MINIMAL.replace('duration: 10m', 'duration: 11112h'),
    problems: [['2:11', 'duration: 50 reads and writes a second for 11112h is 2000160000 operations; allowed: up to 2 billion (2e9) in a run, rate × duration']],
  },
  {
    name: 'durations longer than anything can last (they would overflow to Infinity in sums)',
    yaml: MINIMAL.replace('duration: 10m', 'duration: 99999999999999999999h') + 'network: { default_latency: 1e307 }\n',
    problems: [
      ['2:11', 'duration: "99999999999999999999h" is not a duration cache-sim can simulate; allowed: up to 100000h (about 11 years)'],
      ['10:29', 'network.default_latency: 1e307 is not a duration cache-sim can simulate; allowed: up to 100000h'],
    ],
  },
  {
    name: 'a rate so high that arrival gaps vanish in the clock',
    yaml: MINIMAL.replace('reads_per_second: 50', 'reads_per_second: 1e300'),
    problems: [['2:11', 'is 6e+302 operations; allowed: up to 2 billion']],
  },
  {
    name: "one of YAML's own tags on a value it does not fit",
    yaml: withSection('cache: { ttl: !!int 5s }\n'),
    problems: [['10:15', '`!!int` does not fit this value; allowed: the value without a tag']],
  },
  {
    name: 'a tag YAML does not know (it would be dropped without a word)',
    yaml: withSection('cache: { ttl: !weird 5s }\n'),
    problems: [['10:15', 'unknown YAML tag `!weird`; allowed: plain values without tags']],
  },
  {
    name: 'keys no scenario map can have: a list as a key, an empty key, a merge of a scalar (each where it is written)',
    yaml: withSection('cache:\n  ? [complex, key]\n  : 1\n  null: 4\nbus: { <<: 5 }\n'),
    problems: [
      ['11:5', 'a list as a key; allowed: a plain name as each key'],
      ['13:3', 'an empty key'],
      ['14:12', '`<<` merges maps into this one; allowed: an alias of a map (`<<: *base`), a map, or a list of them'],
    ],
  },
  {
    name: 'a tab in the indentation',
    yaml: withSection('cache:\n\tttl: 5s\n'),
    problems: [['11:1', 'a tab in the indentation; allowed: spaces to indent']],
  },
  {
    name: 'lone carriage returns end lines, as editors show them',
    yaml: MINIMAL.replace(/\n/g, '\r') + 'seed: -1\r',
    problems: [['10:7', 'seed: -1 is not a seed']],
  },
  {
    name: "YAML 1.1's extra types (a set would pass for an empty map, its keys silently gone)",
    yaml: withSection('cache: !!set { ttl, bogus }\nseed: !!timestamp 2001-12-14\n'),
    problems: [
      ['10:14', '`!!set` makes a value no scenario field takes; allowed: the value without a tag'],
      ['11:19', '`!!timestamp` makes a value no scenario field takes'],
    ],
  },
];

describe('bad scenarios are reported with position and reason', () => {
  it.each(cases)('$name', ({ yaml, problems }) => {
    const reported = problemsOf(yaml);
    expect(reported).toHaveLength(problems.length);
    problems.forEach(([position, phrase], i) => {
      expect(reported[i]).toContain(`test.yaml:${position}: `);
      expect(reported[i]).toContain(phrase);
    });
  });
});

describe('a ratio bound below 0', () => {
  it('can never hold, and gets no hint about percentages (none was meant)', () => {
    expect(problemsOf(withSection('expect:\n  ttl: { hit_ratio: "< 0" }\n'))).toEqual([
      'test.yaml:11:21: expect.ttl.hit_ratio: "< 0" can never hold: `hit_ratio` is a ratio from 0 to 1',
    ]);
  });
});

describe('an unreadable file', () => {
  it('is a problem at 1:1 with the reason, not a stack trace', async () => {
    const { loadScenarioFile } = await import('../../src/scenario/load.js');
    const { InputError } = await import('../../src/errors.js');
    const missing = '/nonexistent/dir/scenario.yaml';
    let caught: unknown;
    try {
      loadScenarioFile(missing);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InstanceType<typeof InputError>).message).toBe('/nonexistent/dir/scenario.yaml:1:1: cannot read: no such file');
  });
});
