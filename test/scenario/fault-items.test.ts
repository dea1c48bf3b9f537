/**
 * Faults right and wrong in any mix: a fault taken out, or one whose field fell back, never
 * hides another's problems behind it or moves them: each problem about `faults.N` is told on
 * item N's own line, and nothing but an InputError comes out.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { InputError } from '../../src/errors.js';

const base = `name: x
duration: 1m
regions:
  - name: a
    primary: true
  - name: b
workload:
  keys: 10
  reads_per_second: 10
faults:
`;
/** One per line, from line 12; right ones, and ones wrong in every way the loader treats apart. */
const items = [
  '{ at: 5s, for: 1s, partition: { region: b } }',
  '{ at: 5s, partition: { region: b } }',
  '{ at: 5s, for: 1s, cache_restart: { region: b } }',
  '{ at: 5s, cache_restart: { region: q } }',
  '{ at: 90s, cache_restart: { region: b } }',
  '{ at: 5s, for: 100s, replica_lag: { region: b, lag: 1s } }',
  '{ at: 5s, for: 1s, replica_lag: { region: a, lag: 1s } }',
  '{ at: x, cache_restart: { region: b } }',
  '{ at: 5s, cache_restart: { regio: b } }',
  '{ at: 5s, for: 1s, bus_loss: { loss: 2 } }',
  '3',
  '{ at: 5s, for: 1s, bus_loss: { loss: 0.5 }, cache_restart: { region: b } }',
];
/** What a rule's problem names, and what the item it is about has written. */
const WRITTEN_FOR: [RegExp, string][] = [
  [/unknown region `q`/, 'region: q'],
  [/starts at 1.5m/, 'at: 90s'],
  [/ends after the run/, 'for: 100s'],
  [/it has no replica/, 'region: a'],
];

test('property: each problem about faults.N is told at item N, whatever the other items are', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: items.length - 1 }), { minLength: 1, maxLength: 6 }), (picks) => {
      const text = base + picks.map((p) => `  - ${items[p]}\n`).join('');
      try {
        loadScenarioText(text, 't.yaml');
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const lines = text.split('\n');
        for (const p of e.problems) {
          const m = /^faults\.(\d+)/.exec(p.message);
          if (!m) continue;
          expect(p.line, `${p.message}\n${text}`).toBe(11 + Number(m[1]));
          // And it is that item's problem: what it names is written there.
          const named = WRITTEN_FOR.find(([said]) => said.test(p.message));
          if (named) expect(lines[p.line - 1], p.message).toContain(named[1]);
        }
      }
    }),
    { numRuns: 500 },
  );
});
