import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Engine, type EventHandler } from '../../src/engine/engine.js';

/** Records every event as (time, kind, a, b, c). */
function recorder(engine: Engine, onEvent?: (kind: number, a: number) => void) {
  const log: [number, number, number, number, number][] = [];
  const handler: EventHandler = {
    handle(kind, a, b, c) {
      log.push([engine.now, kind, a, b, c]);
      onEvent?.(kind, a);
    },
  };
  return { log, handler };
}

describe('Engine', () => {
  test('runs events in time order, same-time events in scheduling order (exact trace)', () => {
    const engine = new Engine();
    const { log, handler } = recorder(engine, (kind) => {
      // Event 1 schedules two more at the same instant and one later: they must follow
      // every event already scheduled for that instant.
      if (kind === 1) {
        engine.after(0, 10, 1);
        engine.after(0, 11, 2);
        engine.after(2.5, 12, 3);
      }
    });
    engine.at(5, 2);
    engine.at(1, 1);
    engine.at(1, 3);
    engine.at(3.5, 4, 7, 8, 9);
    engine.at(1, 5);
    engine.run(Infinity, handler);
    expect(log).toEqual([
      [1, 1, 0, 0, 0],
      [1, 3, 0, 0, 0],
      [1, 5, 0, 0, 0],
      [1, 10, 1, 0, 0],
      [1, 11, 2, 0, 0],
      [3.5, 4, 7, 8, 9],
      [3.5, 12, 3, 0, 0],
      [5, 2, 0, 0, 0],
    ]);
    expect(engine.processed).toBe(8);
    expect(engine.pending).toBe(0);
  });

  test('run(until) runs events at exactly `until`, leaves later ones, and sets now to until', () => {
    const engine = new Engine();
    const { log, handler } = recorder(engine);
    engine.at(10, 1);
    engine.at(20, 2);
    engine.at(20.000001, 3);
    engine.run(20, handler);
    expect(log.map((e) => e[1])).toEqual([1, 2]);
    expect(engine.pending).toBe(1);
    expect(engine.now).toBe(20);
    engine.run(100, handler);
    expect(log.map((e) => e[1])).toEqual([1, 2, 3]);
    expect(engine.now).toBe(100);
  });

  test('refuses to schedule in the past', () => {
    const engine = new Engine();
    engine.at(5, 1);
    engine.run(Infinity, { handle() {} });
    expect(() => engine.at(4, 1)).toThrow(RangeError);
    expect(() => engine.at(Number.NaN, 1)).toThrow(RangeError);
  });

  test('property: any schedule pops in (time, scheduling order), growing past the initial capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 0, maxLength: 3000 }), (times) => {
        const engine = new Engine();
        const { log, handler } = recorder(engine);
        times.forEach((t, i) => engine.at(t, 0, i));
        engine.run(Infinity, handler);
        const expected = times.map((t, i) => [t, i]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(log.map((e) => [e[0], e[2]])).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  describe('streams (recurring events kept beside the heap)', () => {
    /**
     * Two arrival processes with integer gaps (ties everywhere), each arrival also scheduling
     * a heap event; run once with the arrivals as streams and once through the heap alone.
     */
    function trace(gaps: number[][], follow: number[], asStreams: boolean): [number, number, number][] {
      const engine = new Engine();
      const log: [number, number, number][] = [];
      const next = gaps.map(() => 0);
      const streams = gaps.map((_, i) => engine.stream(i));
      const schedule = (i: number) => {
        if (next[i] >= gaps[i].length) return;
        const at = engine.now + gaps[i][next[i]++];
        if (asStreams) engine.next(streams[i], at);
        else engine.at(at, i);
      };
      const handler: EventHandler = {
        handle(kind, a) {
          log.push([engine.now, kind, a]);
          if (kind < gaps.length) {
            schedule(kind);
            const n = next[kind];
            engine.after(follow[n % follow.length], 9, kind * 1000 + n);
          }
        },
      };
      engine.at(0, 9, -1);
      gaps.forEach((_, i) => schedule(i));
      engine.run(Infinity, handler);
      return log;
    }

    test('property: the order of events is exactly the heap-only order', () => {
      const gaps = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 60 });
      fc.assert(
        fc.property(fc.tuple(gaps, gaps), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 10 }), (both, follow) => {
          expect(trace(both, follow, true)).toEqual(trace(both, follow, false));
        }),
      );
    });

    test('run(until) stops before a later stream event; pending counts it; one pending event per stream', () => {
      const engine = new Engine();
      const { log, handler } = recorder(engine);
      const stream = engine.stream(7);
      engine.next(stream, 10);
      engine.at(10, 1);
      expect(engine.pending).toBe(2);
      expect(() => engine.next(stream, 11)).toThrow(/already has an event pending/);
      engine.run(9, handler);
      expect(log).toEqual([]);
      engine.run(10, handler);
      expect(log).toEqual([
        [10, 7, 0, 0, 0],
        [10, 1, 0, 0, 0],
      ]);
      expect(engine.pending).toBe(0);
      expect(() => engine.next(stream, 5)).toThrow(RangeError);
    });
  });
});
