/**
 * The page every HTML report is written into: one self-contained document with inline CSS
 * (no scripts, no external resources), shared by the run report and the sweep report.
 */
import { escapeHtml as esc } from './svg.js';

/** A whole HTML document: `title` for the browser tab, `body` already HTML. */
export function htmlPage(title: string, heading: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The page follows the reader's light or dark setting (scroll bars included); see the CSS's dark block.
    '<meta name="color-scheme" content="light dark">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(heading)}</h1>`,
    `${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}

/** A table in a wrapper that scrolls sideways when the table is wider than the page. */
export function wrapTable(inner: string): string {
  return `<div class="table-wrap"><table>\n${inner}\n</table></div>`;
}

/**
 * A metric name or path as HTML whose words never break at a hyphen (`regions.us-east.reads`
 * must not read `regions.us-` over `east.reads`); the line may still break between words
 * (`… from 1m until 3m`), and on paper anywhere.
 */
export function unbrokenWords(text: string): string {
  return text
    .split(' ')
    .map((word) => (word.includes('-') ? `<span class="name">${esc(word)}</span>` : esc(word)))
    .join(' ');
}

/** An expectation's outcome as the tables show it: `✓ pass` or `✗ fail`. */
export function passCell(pass: boolean): string {
  return pass ? '<span class="pass">✓ pass</span>' : '<span class="fail">✗ fail</span>';
}

/**
 * A chart and its caption. On a narrow screen the chart keeps a legible width (the CSS's
 * min-width) and scrolls sideways in its wrapper, rather than shrinking its text to a few pixels.
 */
export function figure(svg: string, caption: string): string {
  return `<figure><div class="chart-wrap">${svg}</div><figcaption>${esc(caption)}</figcaption></figure>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#fff;margin:0 auto;padding:16px 24px 48px;max-width:1100px}
h1{font-size:22px;margin:8px 0 16px}
h2{font-size:19px;margin:0 0 4px;word-break:break-word}
h3{font-size:15px;margin:28px 0 8px}
h4{font-size:14px;margin:16px 0 6px}
section.scenario{border-top:3px solid #4e79a7;padding-top:12px;margin-top:24px}
.description{margin:4px 0 8px;color:#444;max-width:80ch}
.facts{display:flex;flex-wrap:wrap;gap:4px 20px;margin:8px 0;padding:0}
.facts div{display:flex;gap:6px}.facts dt{color:#666}.facts dd{margin:0;font-weight:600}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#f4f4f4;border:1px solid #ddd;padding:8px 12px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:3px 10px;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:bottom}
thead th{border-bottom:2px solid #bbb;font-weight:600}
tbody+tbody{border-top:2px solid #bbb}
td.num,th.num{text-align:right;white-space:nowrap}
.name{white-space:nowrap}
th small{display:block;font-weight:400;color:#777}
td.best{background:#e3f4e1;font-weight:700;color:#1d5e1a}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:baseline}
.pass{color:#1d5e1a;font-weight:600}.fail{color:#b3261e;font-weight:600}td>.pass,td>.fail{white-space:nowrap}tbody th[rowspan]{vertical-align:top}
tr.failed td{background:#fdf0ef}
figure{margin:0}figcaption{color:#555;font-size:12.5px;max-width:80ch;margin-top:2px}
.chart-wrap{overflow-x:auto}
svg.chart{display:block;width:100%;min-width:600px;max-width:760px;height:auto}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}svg text:where(:not([font-size])){font-size:12px}svg text:where(:not([fill])){fill:#333}
svg .tick{fill:#555;font-size:11px}svg .note{fill:#666;font-size:14px;font-style:italic}svg .value{font-size:10px;fill:#444}
svg .grid{stroke:#e6e6e6;stroke-width:1}svg .axis{stroke:#888;stroke-width:1;fill:none}
svg .fault{fill:#f28e2b;fill-opacity:.14}svg .fault-instant{stroke:#f28e2b;stroke-width:1.5;stroke-dasharray:4 3}
svg .fault-number{fill:#b35c0f;font-size:11px;font-weight:700}
nav ol{margin:0;padding-left:20px}
@media screen and (prefers-color-scheme:dark){
body{color:#ddd;background:#17191c}a{color:#8ab4f8}
section.scenario{border-top-color:#6b93c4}.description{color:#bbb}.facts dt{color:#999}
pre{background:#23262b;border-color:#3a3e44}
th,td{border-bottom-color:#34373c}thead th{border-bottom-color:#5a5e64}tbody+tbody{border-top-color:#5a5e64}th small{color:#999}
td.best{background:#1f3a1e;color:#a6dca1}.pass{color:#86d381}.fail{color:#ff8a80}tr.failed td{background:#3b2321}
figcaption{color:#aaa}
svg.chart{background:#fff;border-radius:4px}
}
@media print{
body{max-width:none;padding:0;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.table-wrap,.chart-wrap,pre{overflow:visible}
table{font-size:9px}table code{font-size:inherit}th,td{padding:1px 3px}th,td,td.num,th.num,.name{white-space:normal;overflow-wrap:anywhere}
svg.chart{min-width:0;max-width:100%}
figure,tr{break-inside:avoid}h2,h3{break-after:avoid}
}
`.trim();
