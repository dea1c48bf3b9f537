/**
 * The engine alone: the "hold" model (as SimPy's benchmark a) — N pending events, each
 * handled by scheduling its successor an Exp(1) time later. Returns events per second.
 */
import { Engine } from '../src/engine/engine.js';
import { Stream } from '../src/random/streams.js';

export function engineEventsPerSecond(pending: number, total: number): number {
  const engine = new Engine();
  const stream = new Stream(1);
  for (let i = 0; i < pending; i++) engine.at(-Math.log(1 - stream.next()), 0, i);
  let left = total;
  const handler = {
    handle(kind: number, a: number) {
      if (--left > 0) engine.after(-Math.log(1 - stream.next()), kind, a);
    },
  };
  const started = performance.now();
  engine.run(Infinity, handler);
  const seconds = (performance.now() - started) / 1000;
  return engine.processed / seconds;
}
