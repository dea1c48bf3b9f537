/** `cache-sim validate`: output lines and exit codes, on real files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/commands/io.js';
import { schemaCommand } from '../../src/commands/schema.js';
import { validateCommand } from '../../src/commands/validate.js';
import { scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import { MOST_SCENARIO_BYTES } from '../../src/scenario/load.js';
import { presetNames } from '../../src/strategies/registry.js';
import { MINIMAL } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cache-sim-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CommandIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    out: () => out,
    err: () => err,
  };
}

const good = join(dir, 'good.yaml');
const bad = join(dir, 'bad.yaml');
writeFileSync(good, MINIMAL);
writeFileSync(bad, MINIMAL.replace('keys: 100', 'keys: lots').replace('duration: 10m', 'duration: 10 minutes'));

describe('validateCommand', () => {
  it('a file that is not UTF-8: the place of its first foreign byte, exit 2', () => {
    const latin = join(dir, 'latin1.yaml');
    writeFileSync(latin, Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\nduration: 1m\n')]));
    const io = capture();
    expect(validateCommand([latin], io)).toBe(2);
    expect(io.err()).toBe(`${latin}:1:10: not UTF-8 text (a byte no UTF-8 character has); allowed: a file saved as UTF-8\n`);
  });

  it('a file far larger than any scenario: refused unparsed, with its size, exit 2', () => {
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, `${MINIMAL}# ${'x'.repeat(MOST_SCENARIO_BYTES)}\n`);
    const io = capture();
    expect(validateCommand([huge], io)).toBe(2);
    expect(io.err()).toBe(`${huge}:1:1: a file of 8.1 MiB is no scenario (is it the right file?); allowed: at most 8 MiB\n`);
    writeFileSync(huge, `${MINIMAL}# ${'x'.repeat(MOST_SCENARIO_BYTES - MINIMAL.length - 3)}\n`);
    expect(validateCommand([huge], capture())).toBe(0);
  });

  it('prints ok with counts and exits 0 for a valid file', () => {
    const io = capture();
    expect(validateCommand([good], io)).toBe(0);
    expect(io.out()).toBe(`${good}: ok (${presetNames.length} strategies, 2 regions)\n`);
    expect(io.err()).toBe('');
    const one = join(dir, 'one.yaml');
    writeFileSync(one, MINIMAL.replace('  - name: eu-west\n', '') + 'strategies: [ttl]\n');
    const single = capture();
    expect(validateCommand([one], single)).toBe(0);
    expect(single.out()).toBe(`${one}: ok (1 strategy, 1 region)\n`);
  });

  it('checks each file with the overrides a run would get (--set)', () => {
    const io = capture();
    expect(validateCommand([good], io, ['workload.keys=0'])).toBe(2);
    expect(io.err()).toMatch(/^--set:1:15: workload.keys: 0 is not a key count/);
    expect(validateCommand([good], capture(), ['cache.ttl=5s'])).toBe(0);
  });

  it('prints every problem as FILE:LINE:COL: message, checks every file, and exits 2', () => {
    const io = capture();
    const missing = join(dir, 'missing.yaml');
    expect(validateCommand([bad, good, missing], io)).toBe(2);
    expect(io.out()).toBe(`${good}: ok (${presetNames.length} strategies, 2 regions)\n`);
    const lines = io.err().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain(`${bad}:2:11: duration: "10 minutes" is not a duration; allowed: `);
    expect(lines[1]).toBe(`${bad}:8:9: workload.keys: "lots" is not a key count; allowed: an integer from 1 to 100 million`);
    expect(lines[2]).toBe(`${missing}:1:1: cannot read: no such file`);
    expect(lines[3]).toBe('');
  });
});

describe('schemaCommand', () => {
  it('prints the JSON Schema and exits 0', () => {
    const io = capture();
    expect(schemaCommand(io)).toBe(0);
    expect(io.out()).toBe(scenarioJsonSchemaText());
  });
});
