/**
 * An integer's digits grouped by thousands with commas: `100000` → `100,000`. Written out
 * rather than `toLocaleString('en-US')`, whose first call loads ICU's locale data: some 20 ms
 * of every start, since the scenario schema words its limits this way.
 */
export function groupThousands(digits: number | string): string {
  return String(digits).replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+$)/g, ','));
}
