/**
 * GitHub-flavoured markdown pieces the markdown reports share: tables, inline code and the
 * escaping that keeps the user's names (scenarios, strategies, regions) plain text.
 */

/** The first `labels` columns left-aligned; the others as given (numbers read best right-aligned). */
export function table(head: string[], rows: string[][], align: 'left' | 'right', labels = 1): string {
  const rule = head.map((_, i) => (i < labels || align === 'left' ? '---' : '---:'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Inline code outside a table; a backtick inside gets a longer fence, per CommonMark. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** Inline code in a table cell, where a pipe would end the cell even inside code (GFM), so it is escaped. */
export function cellCode(text: string): string {
  return code(escapePipes(text));
}

/** A pipe ends a table cell even inside inline code in GFM, so it is escaped everywhere in cells. */
function escapePipes(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function escapeCell(text: string): string {
  return escapePipes(escapeText(text)).replace(/\r?\n/g, ' ');
}

/** Characters that would turn plain text into markup (emphasis, strike-through, links, HTML and its entities). */
export function escapeText(text: string): string {
  return (
    text
      .replace(/[\\`*_~[\]<>]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      // A line that starts as a heading, a list item or a rule would become one (`-5` or `0.5` would not).
      .replace(/^(\s*)([#+-])(?=\s|$)/gm, '$1\\$2')
      .replace(/^(\s*)(=+|-+)\s*$/gm, '$1\\$2')
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/gm, '$1\\$2')
  );
}

/** The command that replays a failed run, as a shell block to copy. */
export function replayBlock(command: string): string {
  return commandBlock('Replay:', command);
}

/** `title`, then `command` in a shell code block: copied as it is (inline code would need its pipes escaped). */
export function commandBlock(title: string, command: string): string {
  return `${title}\n\n\`\`\`sh\n${command}\n\`\`\``;
}
