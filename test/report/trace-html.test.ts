import { describe, expect, it } from 'vitest';
import { renderTraceHtml } from '../../src/report/trace-html.js';
import type { KeyTrace, TraceEvent } from '../../src/trace/key-trace.js';

/** A key read 6,000 times in a 10-minute run (more than the page tells), with replication still in flight at the end. */
const busy: KeyTrace = {
  key: 0,
  strategy: 'ttl',
  file: 's.yaml',
  seed: 1,
  durationMs: 600_000,
  warmupMs: 0,
  message: 'invalidation',
  fromMs: 0,
  untilMs: Infinity,
  regions: ['home', 'away'],
  events: Array.from({ length: 6000 }, (_, i): TraceEvent => ({ time: i * 100, kind: 'read', region: 'home', version: 0, detail: 'from cache', stale: false })),
  initial: { latest: 0, caches: [0, 0], replicas: [0, 0] },
  reads: 6000,
  staleReads: 0,
  allReads: true,
  faults: [],
  afterEnd: [{ kind: 'fill', count: 2 }],
};

describe('the trace page', () => {
  it('a story cut short says so where it is cut, before the line about what landed after the run’s end', () => {
    const story = /<pre>([\s\S]*)<\/pre>/.exec(renderTraceHtml(busy))?.[1] ?? '';
    const lines = story.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 5000 + 2);
    expect(lines.at(-2)).toBe('… and 1000 more events: the command without --html prints them all');
    expect(lines.at(-1)).toMatch(/^after the end \(10m\), what was still in flight landed, not told above: /);
  });
});
