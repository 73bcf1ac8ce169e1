/** `npm test` stops at the first failing gate, says which and why, and ends with the count line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATES, runGates, selectGates, type Gate } from '../verify/run-gates.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function recorder(): { lines: string[]; log: { out: (l: string) => void; err: (l: string) => void } } {
  const lines: string[] = [];
  return { lines, log: { out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) } };
}

test('stops at the first failing gate and names it with its reason', async () => {
  const ran: string[] = [];
  const gate = (name: string, ok: boolean): Gate => ({
    name,
    run: () => {
      ran.push(name);
      return ok ? { ok: true } : { ok: false, reason: `${name} found 2 problems` };
    }
  });
  const { lines, log } = recorder();
  const passed = await runGates([gate('a', true), gate('b', false), gate('c', true)], log);
  assert.equal(passed, false);
  assert.deepEqual(ran, ['a', 'b'], 'gate c must not run after b failed');
  assert.ok(
    lines.some((l) => /^ERR ✗ gate b failed after [\d.]+s: b found 2 problems$/.test(l)),
    lines.join('\n')
  );
  assert.equal(lines.at(-1), 'gates: 1 passed, 1 failed');
});

test('a gate that throws fails with the error message', async () => {
  const { lines, log } = recorder();
  const passed = await runGates(
    [
      {
        name: 'boom',
        run: () => {
          throw new Error('could not start java');
        }
      }
    ],
    log
  );
  assert.equal(passed, false);
  assert.ok(lines.some((l) => l.includes('✗ gate boom failed') && l.endsWith('could not start java')));
  assert.equal(lines.at(-1), 'gates: 0 passed, 1 failed');
});

test('all green ends with the full count', async () => {
  const { lines, log } = recorder();
  const ok: Gate = { name: 'ok', run: async () => ({ ok: true }) };
  assert.equal(await runGates([ok, { ...ok, name: 'ok2' }], log), true);
  assert.equal(lines.at(-1), 'gates: 2 passed, 0 failed');
});

test('--only selects gates by name, in the declared order, and rejects unknown names', () => {
  assert.deepEqual(
    selectGates(['node', 'run-gates.ts', '--only=schema,apex-semantics']).map((g) => g.name),
    ['apex-semantics', 'schema']
  );
  assert.equal(selectGates(['node', 'run-gates.ts']).length, GATES.length);
  assert.throws(() => selectGates(['--only=schema,nope']), /unknown gate nope/);
});

test('the gate list is the one the README documents, in order', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const from = readme.slice(readme.search(/^\| gate\s+\|/m));
  const table = from.slice(0, from.indexOf('\n\n'));
  const documented = [...table.matchAll(/^\| `([a-z-]+)`\s+\|/gm)].map((m) => m[1]);
  assert.deepEqual(
    GATES.map((g) => g.name),
    documented
  );
});
