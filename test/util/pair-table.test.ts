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

test('property: rows its owner no longer keeps go at a rebuild, and their slots come back empty', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 }), fc.double({ noNaN: true })), { minLength: 1500, maxLength: 4000 }),
      fc.integer({ min: 1, max: 300 }),
      (ops, window) => {
        // Only the ids among the last `window` written are kept: most rebuilds keep the table's
        // size, so slots of dropped rows are reused by new ids, which must read all zeros.
        const dead = new Set<number>();
        const table = new PairTable(3, (id) => !dead.has(id));
        const model = new Map<number, number[]>();
        const order: number[] = [];
        for (const [id, column, value] of ops) {
          if (dead.has(id)) continue;
          const slot = table.slot(id);
          const row = model.get(id) ?? [0, 0, 0];
          expect([0, 1, 2].map((c) => table.get(slot, c))).toEqual(row);
          table.set(slot, column, value);
          row[column] = value;
          if (!model.has(id)) order.push(id);
          model.set(id, row);
          while (order.length > window) {
            const gone = order.shift()!;
            dead.add(gone);
            model.delete(gone);
          }
        }
        for (const [id, row] of model) expect([0, 1, 2].map((c) => table.get(table.find(id), c))).toEqual(row);
      },
    ),
    { numRuns: 30 },
  );
});
