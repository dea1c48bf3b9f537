/** "Did you mean ...?" for misspelt keys and names: the closest candidate by edit distance. */

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
 * alignment): `nmae` is one typo away from `name`, as `ttll` is from `ttl`.
 */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `written`, if it is close enough to be a typo: within a third of
 * the word's length, so `ttll` finds `ttl` but `foo` does not find `seed`. Names of one or
 * two letters match only up to case: any other guess would be noise.
 */
export function closest(written: string, candidates: readonly string[]): string | undefined {
  const limit = written.length < 3 ? 0 : Math.max(1, Math.floor(written.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(written.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best ?? holdingEveryWord(written, candidates);
}

/**
 * The candidate whose words include every word written, when a word was left out rather than
 * mistyped: `stale_ratio` is `stale_read_ratio`, `stale` is `serve-stale`; none when several are as near.
 */
function holdingEveryWord(written: string, candidates: readonly string[]): string | undefined {
  const wordsOf = (name: string) => name.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '');
  const words = wordsOf(written);
  if (words.length === 0 || words.some((word) => word.length < 2) || !words.some((word) => word.length >= 4)) return undefined;
  const holding = candidates.filter((candidate) => {
    const theirs = wordsOf(candidate);
    return words.every((word) => theirs.includes(word)) && candidate.toLowerCase() !== written.toLowerCase();
  });
  // The nearest: fewest words besides those written (`stale_read_ratio` before `regions.eu.stale_read_ratio`).
  const fewest = Math.min(...holding.map((candidate) => wordsOf(candidate).length));
  const nearest = holding.filter((candidate) => wordsOf(candidate).length === fewest);
  return nearest.length === 1 ? nearest[0] : undefined;
}

/** ` (did you mean \`x\`?)` or nothing, ready to follow the misspelt name in a message. */
export function didYouMean(written: string, candidates: readonly string[]): string {
  const suggestion = closest(written, candidates);
  return suggestion === undefined ? '' : ` (did you mean \`${suggestion}\`?)`;
}
