import { describe, expect, it } from 'vitest';
import { readAt, recordingReads } from '../../src/scenario/read-paths.js';

describe('recordingReads', () => {
  const data = () => ({ regions: [{ name: 'a' }, { name: 'b' }], workload: { weights: { a: 1, b: 0 } } });

  it('records the path of every value read, list indices as numbers', () => {
    const { view, reads } = recordingReads(data());
    expect(view.regions.map((r) => r.name)).toEqual(['a', 'b']);
    expect(readAt(reads, ['regions', 1, 'name'], false)).toBe(true);
    expect(readAt(reads, ['workload'], false)).toBe(false);
  });

  it('a read of a map counts for what is inside it only when its keys were listed, and only if listings count', () => {
    const { view, reads } = recordingReads(data());
    void view.workload.weights;
    // Read the map, but neither listed it nor read `c` (a key taken out would be missing from a listing).
    expect(readAt(reads, ['workload', 'weights', 'c'], true)).toBe(false);
    Object.keys(view.workload.weights);
    expect(readAt(reads, ['workload', 'weights', 'c'], true)).toBe(true);
    expect(readAt(reads, ['workload', 'weights', 'c'], false)).toBe(false);
    expect('c' in view.workload.weights).toBe(false);
    expect(readAt(reads, ['workload', 'weights', 'c'], false)).toBe(true);
  });

  it('gives the same view of an object each time, so identity comparisons still hold', () => {
    const { view } = recordingReads(data());
    expect(view.regions[0]).toBe(view.regions[0]);
    expect(view.regions.indexOf(view.regions[1])).toBe(1);
  });
});
