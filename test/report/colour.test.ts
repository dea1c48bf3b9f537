import { describe, expect, it } from 'vitest';
import { colourEnabled, makePalette, paletteFor } from '../../src/report/colour.js';
import { renderTable } from '../../src/report/table.js';
import { fixtureResults } from '../fixtures/results.js';

const ESC = '\x1b[';
const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true };

function table(env: Record<string, string | undefined>, sink: { write(t: string): unknown; isTTY?: boolean }) {
  return renderTable([fixtureResults], { colour: paletteFor(env, sink) });
}

describe('colourEnabled', () => {
  it.each([
    ['terminal, nothing set', {}, tty, true],
    ['pipe, nothing set', {}, pipe, false],
    ['terminal, NO_COLOR=1', { NO_COLOR: '1' }, tty, false],
    ['terminal, NO_COLOR empty (counts as unset)', { NO_COLOR: '' }, tty, true],
    ['pipe, FORCE_COLOR=1', { FORCE_COLOR: '1' }, pipe, true],
    ['pipe, FORCE_COLOR=3', { FORCE_COLOR: '3' }, pipe, true],
    ['terminal, FORCE_COLOR=0', { FORCE_COLOR: '0' }, tty, false],
    ['terminal, FORCE_COLOR=false', { FORCE_COLOR: 'false' }, tty, false],
    ['pipe, FORCE_COLOR empty (counts as unset)', { FORCE_COLOR: '' }, pipe, false],
    ['pipe, FORCE_COLOR=1 beats NO_COLOR=1', { FORCE_COLOR: '1', NO_COLOR: '1' }, pipe, true],
  ])('%s', (_name, env, sink, expected) => {
    expect(colourEnabled(env, sink)).toBe(expected);
  });
});

describe('colour in the table', () => {
  it('is there on a terminal', () => {
    expect(table({}, tty)).toContain(ESC);
  });

  it('is absent on a terminal with NO_COLOR=1', () => {
    expect(table({ NO_COLOR: '1' }, tty)).not.toContain('\x1b');
  });

  it('is absent when piped', () => {
    expect(table({}, pipe)).not.toContain('\x1b');
  });

  it('is turned on by FORCE_COLOR=1 when piped', () => {
    expect(table({ FORCE_COLOR: '1' }, pipe)).toContain(ESC);
  });

  it('changes nothing but escape codes', () => {
    const coloured = renderTable([fixtureResults], { colour: makePalette(true) });
    const plainText = renderTable([fixtureResults], { colour: makePalette(false) });
    // Strip SGR escape sequences: what is left must be the plain rendering.
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plainText);
  });

  it('highlights the best value of a row', () => {
    const coloured = renderTable([fixtureResults], { colour: makePalette(true) });
    const best = makePalette(true).best('0.035%');
    expect(coloured).toContain(best);
  });
});
