/**
 * Whatever the input, loading either succeeds or throws InputError: never a TypeError from
 * deep inside, never a stack trace for the user.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../src/errors.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { MINIMAL } from './helpers.js';

function loadsOrRejectsCleanly(text: string, sets: string[] = []): void {
  try {
    loadScenarioText(text, 'fuzz.yaml', sets);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const problem of error.problems) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.col).toBeGreaterThanOrEqual(1);
      expect(problem.message).not.toMatch(/[\r\n]/);
    }
  }
}

/** Pieces of YAML syntax and scenario vocabulary, so random text reaches past the parser. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom('\n', '  ', '- ', ': ', '{', '}', '[', ']', ',', '"', "'", '&a ', '*a', '!!str ', '? ', '#', '---', '|', '>'),
      fc.constantFrom('name', 'duration', 'regions', 'workload', 'keys', 'reads_per_second', 'primary', 'true', 'bus', 'delay', 'exponential', 'mean', '10m', '5s', '-1', '1e400', 'null', '~', '__proto__', 'expect', 'ttl', 'faults', 'at', 'for'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** Mutations of a valid scenario: one value replaced by anything JSON can hold. */
const mutatedScenario = fc.record({
  path: fc.constantFrom('name', 'duration', 'regions', 'regions.0', 'regions.0.name', 'regions.1.replica_lag', 'workload', 'workload.keys', 'bus', 'bus.delay', 'cache', 'cache.ttl', 'cache.l1', 'cache.l1.hosts', 'cache.l1.ttl', 'strategies', 'faults', 'expect', 'expect.ttl', 'network.links'),
  value: fc.jsonValue({ maxDepth: 3 }),
});

/**
 * Scenarios built from the format's own vocabulary, mostly valid (each part is sometimes
 * wrong), so cross-field rules and normalisation run on unusual but legal input too.
 */
const mostly = <T, U>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 19 }, { arbitrary: wrong, weight: 1 });
const regionNames = fc.constantFrom('a', 'b', 'c', 'constructor', 'x.y');
const durations = mostly(
  fc.oneof(fc.constantFrom('0', '1ms', '250us', '1.5s', '10m'), fc.double({ min: 0, max: 1e6, noNaN: true })),
  fc.constantFrom('-1s', 'infinite', '2h', -1, '1e3s'),
);
const ms = mostly(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.constantFrom(0, -1, '1s', 'x'));
const ordered = fc.tuple(ms, ms).map(([a, b]) => (typeof a === 'number' && typeof b === 'number' && a > b ? [b, a] : [a, b]));
const dists = fc.oneof(
  durations,
  fc.record({ exponential: fc.record({ mean: durations }) }),
  fc.record({ uniform: ordered }),
  fc.record({ lognormal: ordered.map(([median, p99]) => ({ median, p99 })) }),
  fc.record({ pareto: fc.record({ scale: ms, shape: mostly(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double()) }) }),
  fc.record({ empirical: fc.array(durations, { maxLength: 3 }) }),
);
const regions = fc
  .uniqueArray(regionNames, { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(...names.map((name, i) => fc.record({ name: fc.constant(name), primary: mostly(fc.constant(i === 0), fc.boolean()), replica_lag: dists }))),
  );
const faultKinds = fc.constantFrom('partition', 'network_partition', 'replica_lag', 'replication_pause', 'cache_restart', 'bus_loss', 'consumer_pause');

/** A name from `names` nearly always, now and then one that is not there. */
const oneOf = (names: string[]) => mostly(fc.constantFrom(...names), fc.constant('elsewhere'));

function faults(names: string[]) {
  return fc.tuple(faultKinds, oneOf(names), oneOf(names), ms, ms).map(([kind, region, other, at, length]) => ({
    at,
    ...(kind === 'cache_restart' ? {} : { for: length }),
    [kind]: kind === 'network_partition' ? { between: [region, other] } : kind === 'bus_loss' ? { loss: 0.5 } : kind === 'replica_lag' ? { region, lag: at } : { region },
  }));
}

function scenarioOver(regionList: { name: string }[]) {
  const names = regionList.map((region) => region.name);
  return fc.record(
    {
      name: fc.constant('n'),
      duration: mostly(fc.constant('1h'), durations),
      warmup: mostly(fc.constant('1m'), durations),
      regions: fc.constant(regionList),
      network: fc.record({ links: fc.dictionary(fc.tuple(oneOf(names), oneOf(names)).map(([a, b]) => `${a}<->${b}`), dists, { maxKeys: 2 }) }),
      bus: fc.record({ delay: dists, loss: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: [] }),
      workload: fc.record(
        {
          keys: mostly(fc.integer({ min: 1, max: 10 }), fc.constant(0)),
          reads_per_second: fc.double({ min: 0, max: 10, noNaN: true }),
          read_regions: fc.dictionary(oneOf(names), fc.double({ min: 0.1, max: 1e308, noNaN: true }), { maxKeys: 3 }),
        },
        { requiredKeys: ['keys', 'reads_per_second'] },
      ),
      cache: fc.record(
        {
          ttl: durations,
          ttl_jitter: mostly(fc.constantFrom(0, 0.5, '10%', '100%'), fc.constantFrom('101%', 2, '5 %')),
          l1: mostly(
            fc.oneof(fc.constant('none'), fc.record({ hosts: fc.integer({ min: 1, max: 4 }), ttl: durations, invalidated: fc.boolean() }, { requiredKeys: [] })),
            fc.constantFrom('some', 0, { hosts: 0 }, { ttl: '-1s' }),
          ),
        },
        { requiredKeys: [] },
      ),
      strategies: fc.uniqueArray(
        fc.oneof(
          fc.constantFrom('ttl', 'pubsub', 'cdc', 'write-update', 'no-cache'),
          fc.record({ name: fc.constantFrom('v', 'w'), use: fc.constantFrom('ttl', 'pubsub', 'remote-marker'), cache: fc.constantFrom({}, { l1: 'none' }, { l1: { ttl: '2s' } }) }, { requiredKeys: ['name', 'use'] }),
        ),
        { minLength: 1, maxLength: 3, selector: (entry) => (typeof entry === 'string' ? entry : entry.name) },
      ),
      faults: fc.array(faults(names), { maxLength: 3 }),
      expect: fc.dictionary(
        fc.constantFrom('ttl', 'pubsub'),
        fc.dictionary(fc.constantFrom('ryw_violations', 'staleness_p99', `regions.${names[0]}.hit_ratio`), fc.constantFrom(0, '< 0.5', '== 1e3')),
      ),
    },
    { requiredKeys: ['name', 'duration', 'regions', 'workload'] },
  );
}

const nearValid = regions.chain(scenarioOver);

describe('fuzz: loading never throws anything but InputError', () => {
  it('on near-valid scenarios', () => {
    fc.assert(fc.property(nearValid, (scenario) => loadsOrRejectsCleanly(stringify(scenario))), { numRuns: 1000 });
  });

  it('on YAML-ish text', () => {
    fc.assert(fc.property(yamlish, (text) => loadsOrRejectsCleanly(text)), { numRuns: 500 });
  });

  it('on arbitrary JSON values as the whole scenario', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => loadsOrRejectsCleanly(JSON.stringify(value))), { numRuns: 300 });
  });

  it('on a valid scenario with one part replaced by an arbitrary value (through --set)', () => {
    fc.assert(
      fc.property(mutatedScenario, ({ path, value }) => loadsOrRejectsCleanly(MINIMAL, [`${path}=${JSON.stringify(value)}`])),
      { numRuns: 500 },
    );
  });

  it('on a valid scenario with an arbitrary section appended', () => {
    fc.assert(
      fc.property(fc.constantFrom('network', 'bus', 'cache', 'strategies', 'faults', 'expect', 'warmup', 'seed'), fc.jsonValue({ maxDepth: 4 }), (key, value) =>
        loadsOrRejectsCleanly(`${MINIMAL}${stringify({ [key]: value })}`),
      ),
      { numRuns: 500 },
    );
  });

  it('on anchors and aliases anywhere, an alias inside its own anchored value included', () => {
    // A flow value of nested lists and maps with `*a` somewhere inside (or beside) `&a`.
    const flow: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('1', '5s', 'x', '*a', '*b'),
        fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc.array(fc.tuple(fc.constantFrom('ttl', 'l1', 'k', '<<'), tie('value')), { maxLength: 3 }).map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
      ),
    })).value;
    const section = fc.constantFrom('cache', 'bus', 'network', 'name', 'expect', 'faults');
    fc.assert(
      fc.property(section, fc.constantFrom('&a ', '&b ', ''), flow, section, flow, (first, anchor, value, second, other) =>
        loadsOrRejectsCleanly(`${MINIMAL.replace(/^name: .*\n/, '')}${first}: ${anchor}${value}\n${second === first ? `x${second}` : second}: &b ${other}\n`),
      ),
      { numRuns: 500 },
    );
  });

  it('on arbitrary --set arguments', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 3 }), (sets) => loadsOrRejectsCleanly(MINIMAL, sets)), {
      numRuns: 300,
    });
  });
});
