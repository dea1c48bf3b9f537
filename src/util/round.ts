/** Six significant digits: enough for any report, and it keeps last-bit float noise out of JSON. */
export function round(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(6));
}
