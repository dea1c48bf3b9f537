import { describe, expect, it } from 'vitest';
import { actualText, failureText, skippedText } from '../../src/report/expectation-text.js';

const failed = { strategy: 'ttl', metric: 'regions.idle.staleness_p99', condition: '<= 1s', pass: false, at: 'x.yaml:3:5' };

describe('expectation texts', () => {
  it('a metric with no value says why (nothing it measures happened), not that it does not exist', () => {
    const text = failureText({ ...failed, actual: null });
    expect(text).toBe('ttl regions.idle.staleness_p99 has no value (no read where it counts); expected <= 1s');
    expect(actualText({ metric: failed.metric, actual: null })).toBe('no value');
    const convergence = failureText({ ...failed, metric: 'convergence_p99 from 1m', actual: null });
    expect(convergence).toBe('ttl convergence_p99 from 1m has no value (no write where it counts); expected <= 1s');
  });

  it('a failed bound shows the actual value precisely enough to see why', () => {
    expect(failureText({ ...failed, actual: 1000.4 })).toBe('ttl regions.idle.staleness_p99 was 1.0004s, expected <= 1s');
  });

  it('names the expectations a run could not check, or says nothing', () => {
    expect(skippedText({})).toBe('');
    expect(skippedText({ skipped_expectations: [{ strategy: 'lease', metric: 'reads', condition: '> 0', at: 'x.yaml:9:3' }] })).toBe(
      'Not checked, their strategies did not run (--strategy): lease reads > 0',
    );
  });
});
