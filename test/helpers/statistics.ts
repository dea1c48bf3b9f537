/**
 * Agreement with theory: the mean of independent runs (seeds) against a closed form, within
 * 5 standard errors of that mean, the standard error estimated from the spread between
 * runs (batch means): the tolerance follows from the sample size, not from tuning.
 */
import { expect } from 'vitest';

function meanAndStandardError(xs: number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return [mean, Math.sqrt(variance / xs.length)];
}

export function expectAgreement(samples: number[], theory: number): void {
  const [mean, se] = meanAndStandardError(samples);
  expect(se).toBeGreaterThan(0);
  expect(Math.abs(mean - theory), `mean ${mean} vs theory ${theory}, standard error ${se}`).toBeLessThan(5 * se);
}

/**
 * The textbook TTL cache (Poisson reads at rate r and writes at rate λ per key, TTL T, a
 * fresh source): hit ratio rT/(1+rT), and among hits the stale share 1 − (1 − e^(−λT))/(λT).
 * One sample per independent run (seed).
 */
export function expectTextbookTtlCache(runs: { hitRatio: number; staleShareOfHits: number }[], r: number, lambda: number, ttlMs: number): void {
  const rT = (r * ttlMs) / 1000;
  const lT = (lambda * ttlMs) / 1000;
  expectAgreement(
    runs.map((run) => run.hitRatio),
    rT / (1 + rT),
  );
  expectAgreement(
    runs.map((run) => run.staleShareOfHits),
    1 - (1 - Math.exp(-lT)) / lT,
  );
}
