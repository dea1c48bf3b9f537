/**
 * Renderings of one key's story (a KeyTrace): a time-ordered text log, or a Mermaid sequence
 * diagram (paste it into any Mermaid viewer, GitHub included) with one lifeline per region.
 */
import type { KeyTrace, TraceEvent, TraceKind } from '../trace/key-trace.js';
import { formatCount, formatDuration } from './format.js';

/** What each event is called; the bus messages by what the strategy sends (an invalidation or an update). */
function words(message: KeyTrace['message']): Record<TraceKind, string> {
  return {
    commit: 'commit',
    ack: 'write acknowledged',
    'write-failed': 'write failed',
    apply: 'replica applies',
    // Told on the receiving region's line, as every bus event is.
    sent: `${message} on its way`,
    lost: `${message} lost`,
    held: `${message} held`,
    duplicated: `${message} duplicated`,
    delivered: `${message} delivered`,
    fill: 'cache filled with',
    update: 'cache updated to',
    refused: 'fill refused',
    lease: 'lease',
    refresh: 'refresh of',
    end: 'entry ends',
    'l1-fill': 'L1 filled with',
    'l1-end': 'L1 entry ends',
    read: 'read',
    'stale-read': 'STALE read',
    'failed-read': 'read failed',
  };
}

export function headline(trace: KeyTrace): string {
  const measured = trace.warmupMs > 0 && trace.fromMs < trace.warmupMs ? ' after the warmup' : '';
  return `key ${trace.key} under ${trace.strategy}${windowText(trace)}: ${formatCount(trace.reads)} reads${measured}, ${formatCount(trace.staleReads)} stale · ${trace.file} · seed ${trace.seed}`;
}

/** `, from 1m to 2m` for a window (either end may be open); nothing for the whole run. */
function windowText(trace: KeyTrace): string {
  const from = trace.fromMs > 0 ? ` from ${formatDuration(trace.fromMs, { exact: true })}` : '';
  const until = trace.untilMs < Infinity ? ` until ${formatDuration(trace.untilMs, { exact: true })}` : '';
  return from || until ? `,${from}${until}` : '';
}

function versionText(e: TraceEvent): string {
  return e.kind === 'write-failed' || e.kind === 'failed-read' || e.kind === 'lease' ? '' : ` v${e.version}`;
}

/** Where a story told in part stops: after `most` events, with `note(left)` saying how many were left out. */
export interface StoryCut {
  most: number;
  note: (left: number) => string;
}

/**
 * The story as text: the headline, a line per event, then what landed after the run's end. With
 * `cut`, only its first events, the cut told where it is (the closing lines still close it).
 */
export function renderTraceText(trace: KeyTrace, cut?: StoryCut): string {
  // Over the regions, not the events: a hot key's story can hold more events than a spread takes.
  const width = Math.max(6, ...trace.regions.map((region) => region.length));
  const said = words(trace.message);
  const told = cut ? trace.events.slice(0, cut.most) : trace.events;
  // The faults that begin or end among the lines told, each before what happened at its instant (a stable sort keeps the rest in order).
  const lastTold = told.length === trace.events.length ? Math.min(trace.untilMs, trace.durationMs) : (told.at(-1)?.time ?? -Infinity);
  const turns = faultTurns(trace).filter((turn) => turn.time >= trace.fromMs && turn.time <= lastTold);
  const entries = [
    ...turns.map((turn) => ({ time: turn.time, region: '', text: turn.text, order: 0 })),
    ...told.map((e) => ({ time: e.time, region: e.region, text: `${said[e.kind]}${versionText(e)}${e.detail ? ` (${e.detail})` : ''}`, order: 1 })),
  ].sort((a, b) => a.time - b.time || a.order - b.order);
  const lines = entries.map((e) => `${formatDuration(e.time, { exact: true }).padStart(12)}  ${e.region.padEnd(width)}  ${e.text}`);
  const left = trace.events.length - told.length;
  if (cut && left > 0) lines.push(cut.note(left));
  const closing = [afterEndText(trace), nothingText(trace)].filter(Boolean);
  return `${[headline(trace), unlistedText(trace), ...lines, ...closing].filter(Boolean).join('\n')}\n`;
}

/** Each fault's start and end (an instant's once), in time order: the story's turns. */
function faultTurns(trace: KeyTrace): { time: number; text: string }[] {
  const turns = trace.faults.flatMap((f) => [
    { time: f.at_ms, text: f.until_ms === null ? `FAULT ${f.label}` : `FAULT begins: ${f.label}, until ${formatDuration(f.until_ms, { exact: true })}` },
    ...(f.until_ms === null ? [] : [{ time: f.until_ms, text: `FAULT over: ${f.label}` }]),
  ]);
  return turns.sort((a, b) => a.time - b.time);
}

/** Under the headline, when fresh reads happened but are not among the lines: that they are not, and how to list them. */
function unlistedText(trace: KeyTrace): string {
  const fresh = trace.reads - trace.staleReads;
  if (trace.allReads || fresh === 0 || trace.events.length === 0) return '';
  return `(its ${formatCount(fresh)} fresh ${fresh === 1 ? 'read is' : 'reads are'} not listed: --all-reads lists every read)`;
}

/** For a story with nothing to tell: that nothing happened (fresh reads are told only when asked for). */
function nothingText(trace: KeyTrace): string {
  if (trace.events.length > 0) return '';
  const fresh = trace.reads > 0 ? `; its ${formatCount(trace.reads)} ${trace.reads === 1 ? 'read was' : 'reads were'} fresh (--all-reads tells them)` : '';
  const span = trace.fromMs > 0 || trace.untilMs < Infinity ? 'in this window' : 'in the run';
  return `nothing happened to key ${trace.key} ${span}: no write, replication, ${trace.message}, cache change or stale read${fresh}`;
}

/** What landed after the end (the story stops there), in one line, or '' when nothing did. */
function afterEndText(trace: KeyTrace): string {
  if (trace.afterEnd.length === 0) return '';
  const said = words(trace.message);
  const landed = trace.afterEnd.map(({ kind, count }) => `${said[kind]} ×${formatCount(count)}`).join(', ');
  const until = trace.untilMs < Infinity ? ` until ${formatDuration(trace.untilMs, { exact: true })}` : '';
  return `after the end (${formatDuration(trace.durationMs, { exact: true })})${until}, what was still in flight landed, not told above: ${landed}`;
}

/** Mermaid: messages travel from the primary's lifeline; everything else is a note on its region. */
export function renderTraceMermaid(trace: KeyTrace): string {
  const regions = trace.regions;
  const id = (region: string) => `r${regions.indexOf(region)}`;
  const primary = trace.events.find((e) => e.kind === 'commit')?.region ?? regions[0];
  const lines = ['sequenceDiagram', `  title ${headline(trace)}`];
  const said = words(trace.message);
  for (const region of regions) lines.push(`  participant ${id(region)} as ${region}`);
  for (const e of trace.events) {
    const at = formatDuration(e.time, { exact: true });
    const text = `${at} ${said[e.kind]}${versionText(e)}${e.detail ? ` (${e.detail})` : ''}`.replaceAll(';', ',').replaceAll('#', '');
    if (e.kind === 'delivered' || e.kind === 'lost' || ((e.kind === 'apply' || e.kind === 'ack') && e.region !== primary)) {
      const arrow = e.kind === 'lost' ? '-x' : '->>';
      lines.push(`  ${id(primary)}${arrow}${id(e.region)}: ${text}`);
    } else {
      lines.push(`  Note over ${id(e.region)}: ${text}`);
    }
  }
  const everyLifeline = regions.length > 1 ? `${id(regions[0])},${id(regions[regions.length - 1])}` : id(regions[0]);
  for (const closing of [afterEndText(trace), nothingText(trace)]) {
    if (closing) lines.push(`  Note over ${everyLifeline}: ${closing.replaceAll(';', ',').replaceAll('#', '')}`);
  }
  return `${lines.join('\n')}\n`;
}
