/**
 * `cache-sim trace --html FILE`: one key's story as a self-contained page — a lane per region
 * along simulated time, showing what its regional cache held (green while current, red while
 * stale), what its database copy showed (behind the primary in orange), and marks for the
 * commits, invalidations delivered or lost, fills and reads; then the story as text. Each
 * band and mark names itself on hover. For a workshop: the race is there to be seen.
 */
import type { KeyTrace, TraceEvent } from '../trace/key-trace.js';
import { timeGrid } from './chart-frame.js';
import { formatDuration, formatRatio } from './format.js';
import { figure, htmlPage } from './html-page.js';
import { escapeHtml as esc, linearScale, tag } from './svg.js';
import { headline, renderTraceText } from './trace.js';

const WIDTH = 900;
const LEFT = 90;
const RIGHT = 16;
const PLOT_WIDTH = WIDTH - RIGHT - LEFT;
const TOP = 10;
const LANE = 84;
/** Where each row of a lane sits below the lane's top. */
const ROW = { name: 13, cache: 20, database: 42, marks: 66 };
const AXIS = 34;

const COLOURS = {
  fresh: '#59a14f',
  stale: '#e15759',
  current: '#76b7b2',
  behind: '#f28e2b',
  delivered: '#4e79a7',
  lost: '#b3261e',
  read: '#9c9c9c',
  commit: '#222',
};

/** A stretch of time over which a copy held one version. */
interface Span {
  from: number;
  to: number;
  version: number;
}

/** A page stays light enough for a browser: past these, reads are not drawn one by one and the story is cut short. */
const MAX_MARKS = 5000;
const MAX_STORY_LINES = 5000;

export function renderTraceHtml(trace: KeyTrace): string {
  const drawn = drawnKinds(trace);
  const leftOut = THINNED.filter((kind) => !drawn.has(kind)).map((kind) => MARKS[kind]?.words);
  const note = leftOut.length === 0 ? '' : ` Too many to draw one by one here, so not drawn: ${leftOut.join(', ')}; narrow the window with --from and --until to see them.`;
  const body = [
    `<h2>${esc(headline(trace))}</h2>`,
    figure(lanes(trace, drawn), CAPTION + note),
    '<h3>The story</h3>',
    `<pre>${esc(story(trace))}</pre>`,
    '',
  ].join('\n');
  return htmlPage(`cache-sim trace: key ${trace.key} under ${trace.strategy}`, 'cache-sim trace', body);
}

/** The kinds of mark given up first when there are too many: reads, then fills, then messages (commits always stay). */
const THINNED = ['read', 'stale-read', 'refused', 'fill', 'update', 'delivered', 'held', 'lost'] as const;

/** The kinds of event drawn as marks: all of them, less the THINNED ones in turn while there are too many marks. */
function drawnKinds(trace: KeyTrace): Set<TraceEvent['kind']> {
  const kinds = new Set(Object.keys(MARKS) as TraceEvent['kind'][]);
  const count = () => trace.events.filter((e) => kinds.has(e.kind)).length;
  for (const kind of THINNED) if (count() > MAX_MARKS) kinds.delete(kind);
  return kinds;
}

/** The text of the story, its first MAX_STORY_LINES events when it is longer (stdout has it all). */
function story(trace: KeyTrace): string {
  return renderTraceText(trace, { most: MAX_STORY_LINES, note: (left) => `… and ${left} more events: the command without --html prints them all` });
}

const CAPTION =
  'Per region, top band: the version in its regional cache, green while it is the latest committed, red while a newer one exists (blank: no entry). ' +
  'Thin band: the version its database copy shows, orange while behind the primary. ' +
  'Marks: ◆ commit (in the primary’s lane), ▼ invalidation or update delivered, □ held by a partition or a paused consumer, ✕ lost, ● fill (red: a stale fill; blue: an update message stored), ○ fill refused, | read (red: stale). Hover over any of them for details.';

function lanes(trace: KeyTrace, drawn: ReadonlySet<TraceEvent['kind']>): string {
  const { fromMs, toMs } = span(trace);
  const x = linearScale([fromMs, toMs], [LEFT, WIDTH - RIGHT]);
  const timeAt = (px: number) => fromMs + (px / PLOT_WIDTH) * (toMs - fromMs);
  const commits = commitTimes(trace);
  const height = TOP + trace.regions.length * LANE + AXIS;
  const parts = trace.regions.map((region, r) => {
    const top = TOP + r * LANE;
    const events = trace.events.filter((e) => e.region === region);
    return [
      tag('text', { x: 4, y: top + ROW.name, 'font-weight': 600 }, esc(region)),
      tag('text', { class: 'tick', x: LEFT - 6, y: top + ROW.cache + 13, 'text-anchor': 'end' }, 'cache'),
      tag('text', { class: 'tick', x: LEFT - 6, y: top + ROW.database + 7, 'text-anchor': 'end' }, 'database'),
      tag('line', { class: 'grid', x1: LEFT, y1: top + LANE - 4, x2: WIDTH - RIGHT, y2: top + LANE - 4 }),
      band(CACHE_BAND, spansOf(trace.initial.caches[r], events, fromMs, toMs, cacheChange), commits, x, timeAt, top),
      band(DATABASE_BAND, spansOf(trace.initial.replicas[r], events, fromMs, toMs, replicaChange), commits, x, timeAt, top),
      events
        .filter((e) => drawn.has(e.kind))
        .map((e) => mark(e, x, top))
        .join(''),
    ].join('\n');
  });
  const axisY = TOP + trace.regions.length * LANE;
  const label = tag('text', { class: 'tick', x: LEFT, y: axisY + 30 }, 'simulated time');
  return tag('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': headline(trace) }, [...parts, timeAxis(fromMs, toMs, x, axisY), label].join('\n'));
}

/** The window drawn: the trace's, to the run's end at the latest. */
function span(trace: KeyTrace): { fromMs: number; toMs: number } {
  const toMs = Math.min(trace.untilMs, trace.durationMs);
  return { fromMs: trace.fromMs, toMs: toMs > trace.fromMs ? toMs : trace.fromMs + 1 };
}

/** The commits that decide what is stale: the latest before the window (as if long ago), then the window's own. */
function commitTimes(trace: KeyTrace): { time: number; version: number }[] {
  const inWindow = trace.events.filter((e) => e.kind === 'commit').map((e) => ({ time: e.time, version: e.version }));
  return [{ time: -Infinity, version: trace.initial.latest }, ...inWindow];
}

/** What an event does to a regional cache: holds a version, holds none, or leaves it as it is. */
function cacheChange(e: TraceEvent): number | null | undefined {
  if (e.kind === 'fill' || e.kind === 'update') return e.version;
  if (e.kind === 'end') return null;
  return undefined;
}

function replicaChange(e: TraceEvent): number | undefined {
  if (e.kind === 'apply' || e.kind === 'commit') return e.version;
  return undefined;
}

/** The spans over which a copy held a version, from what it held at `fromMs` and the events that changed it. */
function spansOf(
  initial: number | null,
  events: readonly TraceEvent[],
  fromMs: number,
  toMs: number,
  change: (e: TraceEvent) => number | null | undefined,
): Span[] {
  const spans: Span[] = [];
  let held = initial;
  let since = fromMs;
  for (const e of events) {
    const next = change(e);
    if (next === undefined) continue;
    if (held !== null && e.time > since) spans.push({ from: since, to: e.time, version: held });
    held = next;
    since = e.time;
  }
  if (held !== null && toMs > since) spans.push({ from: since, to: toMs, version: held });
  return spans;
}

/** A span cut where a newer version was committed: the part before is current, the part after behind. */
interface Piece extends Span {
  behind: boolean;
}

function pieces(spans: readonly Span[], commits: readonly { time: number; version: number }[]): Piece[] {
  return spans.flatMap((s) => {
    const overtaken = commits.find((c) => c.version > s.version && c.time < s.to)?.time;
    const behindFrom = overtaken === undefined ? s.to : Math.max(overtaken, s.from);
    const cut: Piece[] = [
      { ...s, to: behindFrom, behind: false },
      { ...s, from: behindFrom, behind: true },
    ];
    return cut.filter((p) => p.to > p.from);
  });
}

/** How a band draws a copy: where in the lane, and what it says of a piece. */
interface BandStyle {
  y: number;
  height: number;
  colours: { current: string; behind: string };
  words: (p: Piece) => string;
  /** What a pixel band's title says before the share: `cache stale`. */
  busyWords: string;
  /** Write the version on pieces wide enough. */
  labelled: boolean;
}

const CACHE_BAND: BandStyle = {
  y: ROW.cache,
  height: 18,
  colours: { current: COLOURS.fresh, behind: COLOURS.stale },
  words: (p) => `cache holds v${p.version}${p.behind ? ' (stale)' : ''}, ${during(p)}`,
  busyWords: 'cache stale',
  labelled: true,
};

const DATABASE_BAND: BandStyle = {
  y: ROW.database,
  height: 7,
  colours: { current: COLOURS.current, behind: COLOURS.behind },
  words: (p) => `database copy shows v${p.version}${p.behind ? ' (behind the primary)' : ''}, ${during(p)}`,
  busyWords: 'database copy behind',
  labelled: false,
};

function band(
  style: BandStyle,
  spans: readonly Span[],
  commits: readonly { time: number; version: number }[],
  x: (t: number) => number,
  timeAt: (px: number) => number,
  top: number,
): string {
  const all = pieces(spans, commits);
  // More pieces than the band has pixels: draw what each pixel mostly showed instead.
  if (all.length > PLOT_WIDTH) return pixelBand(style, all, x, timeAt, top);
  return all
    .map((p) =>
      rect(x(p.from), top + style.y, x(p.to) - x(p.from), style.height, p.behind ? style.colours.behind : style.colours.current, style.words(p), style.labelled ? `v${p.version}` : undefined),
    )
    .join('');
}


/**
 * A band too busy to draw piece by piece: per pixel, whether the copy was mostly current,
 * mostly behind, or mostly absent; runs of pixels alike are one rectangle, which says how
 * much of its time the copy was behind.
 */
function pixelBand(style: BandStyle, all: readonly Piece[], x: (t: number) => number, timeAt: (px: number) => number, top: number): string {
  const behind = new Float64Array(PLOT_WIDTH);
  const current = new Float64Array(PLOT_WIDTH);
  for (const p of all) {
    const from = x(p.from) - LEFT;
    const to = x(p.to) - LEFT;
    for (let px = Math.max(0, Math.floor(from)); px < Math.min(PLOT_WIDTH, Math.ceil(to)); px++) {
      const covered = Math.min(to, px + 1) - Math.max(from, px);
      if (p.behind) behind[px] += covered;
      else current[px] += covered;
    }
  }
  const state = (px: number) => (behind[px] + current[px] < 0.5 ? 'none' : behind[px] > current[px] ? 'behind' : 'current');
  const runs: string[] = [];
  for (let start = 0; start < PLOT_WIDTH; ) {
    const kind = state(start);
    let end = start + 1;
    let behindTime = behind[start];
    let coveredTime = behind[start] + current[start];
    while (end < PLOT_WIDTH && state(end) === kind) {
      behindTime += behind[end];
      coveredTime += behind[end] + current[end];
      end++;
    }
    if (kind !== 'none') {
      const share = coveredTime === 0 ? 0 : behindTime / coveredTime;
      const title = `${style.busyWords} ${formatRatio(share)} of the time it held a value, ${formatDuration(timeAt(start), { exact: true })}–${formatDuration(timeAt(end), { exact: true })}`;
      runs.push(rect(start + LEFT, top + style.y, end - start, style.height, kind === 'behind' ? style.colours.behind : style.colours.current, title));
    }
    start = end;
  }
  return runs.join('');
}

function during(s: Span): string {
  return `${formatDuration(s.from, { exact: true })}–${formatDuration(s.to, { exact: true })}`;
}

/** A band piece, labelled with its version when there is room. */
function rect(left: number, y: number, width: number, height: number, fill: string, title: string, label?: string): string {
  const box = tag('rect', { x: left, y, width: Math.max(width, 0.5), height, fill }, tag('title', {}, esc(title)));
  const text = label && width > 22 ? tag('text', { x: left + 3, y: y + height - 5, fill: '#fff', 'font-size': 11 }, esc(label)) : '';
  return box + text;
}

/** What a mark looks like for each kind of event drawn (the others are in the text below). */
const MARKS: Partial<Record<TraceEvent['kind'], { glyph: string; colour: string; words: string }>> = {
  commit: { glyph: '◆', colour: COLOURS.commit, words: 'commits' },
  delivered: { glyph: '▼', colour: COLOURS.delivered, words: 'deliveries' },
  lost: { glyph: '✕', colour: COLOURS.lost, words: 'losses' },
  held: { glyph: '□', colour: COLOURS.behind, words: 'holds' },
  fill: { glyph: '●', colour: COLOURS.fresh, words: 'fills' },
  update: { glyph: '●', colour: COLOURS.delivered, words: 'updates' },
  refused: { glyph: '○', colour: COLOURS.read, words: 'refused fills' },
  read: { glyph: '|', colour: COLOURS.read, words: 'fresh reads' },
  'stale-read': { glyph: '|', colour: COLOURS.stale, words: 'stale reads' },
  'failed-read': { glyph: '|', colour: COLOURS.lost, words: 'failed reads' },
};

function mark(e: TraceEvent, x: (t: number) => number, top: number): string {
  const shape = MARKS[e.kind];
  if (!shape) return '';
  // A fill of an old version is the race itself: red.
  const colour = (e.kind === 'fill' || e.kind === 'update') && e.stale ? COLOURS.stale : shape.colour;
  const title = `${formatDuration(e.time, { exact: true })}: ${e.kind.replace('-', ' ')} v${e.version}${e.detail ? ` (${e.detail})` : ''}`;
  return tag('text', { x: x(e.time), y: top + ROW.marks, 'text-anchor': 'middle', fill: colour, 'font-size': 12 }, tag('title', {}, esc(title)) + esc(shape.glyph));
}

function timeAxis(fromMs: number, toMs: number, x: (t: number) => number, y: number): string {
  return [tag('line', { class: 'axis', x1: LEFT, y1: y, x2: WIDTH - RIGHT, y2: y }), timeGrid(fromMs, toMs, x, TOP, y, WIDTH)].join('\n');
}
