import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PairTable } from '../../src/util/pair-table.js';

test('property: behaves like a Map from ids to rows of numbers, through growth', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 }), fc.double({ noNaN: true })), { maxLength: 3000 }), (ops) => {
      const table = new PairTable(3);
      const model = new Map<number, number[]>();
      for (const [id, column, value] of ops) {
        const slot = table.slot(id);
        table.set(slot, column, value);
        const row = model.get(id) ?? [0, 0, 0];
        row[column] = value;
        model.set(id, row);
      }
      for (const [id, row] of model) {
        const slot = table.find(id);
        expect(slot).toBeGreaterThanOrEqual(0);
        expect([0, 1, 2].map((c) => table.get(slot, c))).toEqual(row);
      }
      expect(table.find(2 ** 41)).toBe(-1);
    }),
    { numRuns: 60 },
  );
});
