/**
 * Staleness histograms as text: per strategy, one line per bucket with a bar, its count and
 * its share of reads. All strategies share one column layout so their bars line up.
 *
 * Fresh reads (the `0` bucket) are usually 95–99.99 % of all reads; drawn on the same scale
 * they would reduce every stale bucket to a sliver and hide the shape that tells strategies
 * apart. So the fresh bucket gets its count and share but no bar, and bars are scaled to
 * the strategy's largest stale bucket.
 */
import type { CoarseHistogram } from '../metrics/results.js';
import type { Palette } from './colour.js';
import { formatCount, formatDuration, formatRatio } from './format.js';

/** Eighths of a block, so small buckets still differ in length. */
const PARTIAL_BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const FULL_BLOCK = '█';
/** Longer bars add no resolution a reader can use; shorter ones add none at all. */
const MAX_BAR_WIDTH = 40;
const MIN_BAR_WIDTH = 8;

/** `fresh` (staleness 0), `≤10ms`, …, and `>1m` for the open-ended last bucket. */
export function bucketLabels(upperMs: readonly (number | null)[]): string[] {
  return upperMs.map((upper, i) => {
    if (upper === 0) return 'fresh';
    if (upper !== null) return `≤${formatDuration(upper)}`;
    const previous = i > 0 ? upperMs[i - 1] : null;
    return previous === null ? 'all' : `>${formatDuration(previous)}`;
  });
}

/** `count/max` of `width` columns; any non-zero count gets at least a sliver, so it is seen. */
export function bar(count: number, max: number, width: number): string {
  if (count <= 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((count / max) * width * 8));
  return FULL_BLOCK.repeat(Math.floor(eighths / 8)) + PARTIAL_BLOCKS[eighths % 8];
}

interface Prepared {
  title: string;
  labels: string[];
  counts: string[];
  shares: string[];
  bars: (barWidth: number) => string[];
}

function prepare(title: string, h: CoarseHistogram): Prepared {
  const total = h.counts.reduce((a, b) => a + b, 0);
  const drawn = h.upper_ms.map((upper) => upper !== 0);
  const max = Math.max(0, ...h.counts.filter((_, i) => drawn[i]));
  return {
    title,
    labels: bucketLabels(h.upper_ms),
    counts: h.counts.map(formatCount),
    shares: h.counts.map((c) => (total === 0 ? '' : formatRatio(c / total))),
    bars: (barWidth) => h.counts.map((c, i) => (drawn[i] ? bar(c, max, barWidth) : '')),
  };
}

/**
 * Lines (no trailing newline): per histogram a title, then its buckets indented by two.
 * Bars shrink so lines fit `width`.
 */
export function renderHistograms(
  histograms: readonly (readonly [title: string, h: CoarseHistogram])[],
  palette: Palette,
  width: number,
): string[] {
  const prepared = histograms.map(([title, h]) => prepare(title, h));
  const widest = (pick: (p: Prepared) => string[]) =>
    Math.max(0, ...prepared.flatMap((p) => pick(p).map((s) => [...s].length)));
  const labelWidth = widest((p) => p.labels);
  const countWidth = widest((p) => p.counts);
  const shareWidth = widest((p) => p.shares);
  // Indent, label, space, bar, two spaces, count, two spaces, share.
  const fixed = 2 + labelWidth + 1 + 2 + countWidth + 2 + shareWidth;
  const barWidth = Math.min(MAX_BAR_WIDTH, Math.max(MIN_BAR_WIDTH, width - fixed));
  return prepared.flatMap((p) => {
    if (p.counts.length === 0 || p.shares.every((s) => s === '')) {
      return [palette.bold(p.title), palette.dim('  no counted reads')];
    }
    const bars = p.bars(barWidth);
    const lines = p.labels.map((label, i) => {
      // Block characters are single UTF-16 units, so padEnd measures them right.
      const share = palette.dim(p.shares[i].padStart(shareWidth));
      return `  ${label.padStart(labelWidth)} ${bars[i].padEnd(barWidth)}  ${p.counts[i].padStart(countWidth)}  ${share}`;
    });
    return [palette.bold(p.title), ...lines];
  });
}
