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
