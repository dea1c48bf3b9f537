import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Holds } from '../../src/model/holds.js';
import { Overrides } from '../../src/model/overrides.js';
import { Switches } from '../../src/model/switches.js';

type Item = [target: number, key: number, version: number];

describe('Holds', () => {
  test('nothing is held until a block; held items come out in arrival order when the last of two blocks ends', () => {
    const holds = new Holds(3);
    expect(holds.isHeld(1)).toBe(false);
    holds.block(1);
    holds.block(1);
    expect(holds.isHeld(1)).toBe(true);
    expect(holds.isHeld(0)).toBe(false);
    holds.hold(1, 7, 1);
    holds.hold(1, 3, 2);
    holds.hold(1, 7, 2);
    const released: Item[] = [];
    const release = (...item: Item) => released.push(item);
    holds.unblock(1, release);
    expect(released).toEqual([]);
    expect(holds.isHeld(1)).toBe(true);
    holds.unblock(1, release);
    expect(released).toEqual([
      [1, 7, 1],
      [1, 3, 2],
      [1, 7, 2],
    ]);
    expect(holds.isHeld(1)).toBe(false);
    expect(holds.held(1)).toBe(0);
    // A later block starts empty: nothing released twice.
    holds.block(1);
    holds.unblock(1, release);
    expect(released).toHaveLength(3);
  });

  test('an unblock without a block is a bug', () => {
    expect(() => new Holds(1).unblock(0, () => {})).toThrow();
  });

  test('property: per target, every held item is released exactly once, in arrival order, when its last block ends', () => {
    const TARGETS = 3;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('block' as const), target: fc.nat(TARGETS - 1) }),
      fc.record({ kind: fc.constant('unblock' as const), target: fc.nat(TARGETS - 1) }),
      fc.record({ kind: fc.constant('arrive' as const), target: fc.nat(TARGETS - 1) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const holds = new Holds(TARGETS);
        const depth = new Array<number>(TARGETS).fill(0);
        const waiting: number[][] = Array.from({ length: TARGETS }, () => []);
        const passed: number[][] = Array.from({ length: TARGETS }, () => []);
        let serial = 0;
        const release = (target: number, key: number) => passed[target].push(key);
        for (const { kind, target } of ops) {
          if (kind === 'block') {
            holds.block(target);
            depth[target]++;
          } else if (kind === 'unblock' && depth[target] > 0) {
            holds.unblock(target, release);
            if (--depth[target] === 0) waiting[target] = [];
          } else if (kind === 'arrive') {
            const key = serial++;
            expect(holds.isHeld(target)).toBe(depth[target] > 0);
            if (holds.isHeld(target)) {
              holds.hold(target, key, 1);
              waiting[target].push(key);
            } else passed[target].push(key);
          }
          for (let t = 0; t < TARGETS; t++) expect(holds.held(t)).toBe(waiting[t].length);
        }
        for (let t = 0; t < TARGETS; t++) {
          while (depth[t]-- > 0) holds.unblock(t, release);
          expect(holds.held(t)).toBe(0);
          // Keys are numbered in arrival order: what passed is exactly what arrived, in order.
          expect(passed[t]).toEqual([...passed[t]].sort((x, y) => x - y));
        }
        expect(passed.flat().length).toBe(ops.filter((o) => o.kind === 'arrive').length);
      }),
    );
  });
});

describe('Switches', () => {
  test('nest per slot: on while any switch is on, off after the last', () => {
    const s = new Switches(2);
    expect(s.isOn(0)).toBe(false);
    s.on(0);
    s.on(0);
    expect([s.isOn(0), s.isOn(1)]).toEqual([true, false]);
    expect(s.off(0)).toBe(false);
    expect(s.isOn(0)).toBe(true);
    expect(s.off(0)).toBe(true);
    expect(s.isOn(0)).toBe(false);
    expect(() => s.off(1)).toThrow();
  });
});

describe('Overrides: the window started last is in force until it ends', () => {
  test('overlapping windows with equal values end independently (by token, not by value)', () => {
    const o = new Overrides<number>();
    expect(o.current).toBeUndefined();
    o.start(1, 0.5);
    o.start(2, 0.2);
    o.start(3, 0.5);
    expect(o.current).toBe(0.5);
    o.end(3); // the latest ends: the one started before it takes over
    expect(o.current).toBe(0.2);
    o.start(4, 0.9);
    o.end(2); // an earlier one ends: the latest stays
    expect(o.current).toBe(0.9);
    o.end(4);
    expect(o.current).toBe(0.5);
    o.end(1);
    expect(o.current).toBeUndefined();
    expect(() => o.end(1)).toThrow();
  });
});
