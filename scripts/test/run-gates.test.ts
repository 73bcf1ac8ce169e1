/** `npm test` stops at the first failing gate, says which and why, and ends with the count line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { commandGate } from '../verify/gate-process.js';
import { GATES, parallelFromEnv, runGates, selectGates, type Gate } from '../verify/run-gates.js';

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
  const passed = await runGates([gate('a', true), gate('b', false), gate('c', true)], log, 0);
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
    log,
    0
  );
  assert.equal(passed, false);
  assert.ok(lines.some((l) => l.includes('✗ gate boom failed') && l.endsWith('could not start java')));
  assert.equal(lines.at(-1), 'gates: 0 passed, 1 failed');
});

test('all green ends with the full count', async () => {
  const { lines, log } = recorder();
  const ok: Gate = { name: 'ok', run: async () => ({ ok: true }) };
  assert.equal(await runGates([ok, { ...ok, name: 'ok2' }], log, 0), true);
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

// Gates that are child processes start early; these use small `node -e` scripts as the processes.

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function scratch(): { dir: string; marker: (name: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-gates-'));
  return { dir, marker: (name) => path.join(dir, name) };
}

/** A gate whose process writes `marker` (when given), prints `out` and exits with `code`. */
function nodeGate(
  name: string,
  script: { marker?: string; out?: string; code?: number; delayMs?: number },
  after?: string
): Gate {
  const code = `setTimeout(() => {
    ${script.marker ? `require('fs').writeFileSync(${JSON.stringify(script.marker)}, 'x');` : ''}
    ${script.out ? `console.log(${JSON.stringify(script.out)});` : ''}
    process.exit(${script.code ?? 0});
  }, ${script.delayMs ?? 0});`;
  return commandGate(name, { cmd: process.execPath, args: ['-e', code], cwd: os.tmpdir() }, after);
}

/** An in-process gate that waits, then passes or fails on what it sees. */
function waitingGate(name: string, ms: number, check: () => string | undefined = () => undefined): Gate {
  return {
    name,
    run: async () => {
      await sleep(ms);
      const problem = check();
      return problem ? { ok: false, reason: problem } : { ok: true };
    }
  };
}

test('a process gate starts before its turn and its output is printed in its turn', async () => {
  const { marker } = scratch();
  const { lines, log } = recorder();
  const passed = await runGates(
    [
      waitingGate('slow', 800, () => (fs.existsSync(marker('b')) ? undefined : 'b had not started')),
      nodeGate('b', { marker: marker('b'), out: 'output of b' })
    ],
    log,
    1
  );
  assert.equal(passed, true, lines.join('\n'));
  const at = (re: RegExp): number => lines.findIndex((l) => re.test(l));
  assert.ok(at(/^✓ gate slow/) < at(/^output of b$/), lines.join('\n'));
  assert.ok(at(/▶ gate b$/) < at(/^output of b$/), lines.join('\n'));
  assert.match(lines[at(/^✓ gate b/)] ?? '', /^✓ gate b \([\d.]+s, started early\)$/);
});

test('with parallel 0 every gate runs in its turn', async () => {
  const { marker } = scratch();
  const { lines, log } = recorder();
  const passed = await runGates(
    [
      waitingGate('first', 300, () => (fs.existsSync(marker('b')) ? 'b started before its turn' : undefined)),
      nodeGate('b', { marker: marker('b') })
    ],
    log,
    0
  );
  assert.equal(passed, true, lines.join('\n'));
  assert.ok(fs.existsSync(marker('b')), 'b ran in its turn');
});

test('a gate that reads the output of another does not start before that one passed', async () => {
  const { marker } = scratch();
  const { lines, log } = recorder();
  const passed = await runGates(
    [
      waitingGate('build', 500, () =>
        fs.existsSync(marker('reader')) ? 'reader started before build passed' : undefined
      ),
      waitingGate('other', 600, () =>
        fs.existsSync(marker('reader')) ? undefined : 'reader did not start early'
      ),
      nodeGate('reader', { marker: marker('reader') }, 'build')
    ],
    log,
    2
  );
  assert.equal(passed, true, lines.join('\n'));
});

test('when a gate fails, the gates started early are ended and never reported', async () => {
  const { marker } = scratch();
  const { lines, log } = recorder();
  const passed = await runGates(
    [
      waitingGate('failing', 300, () => 'found a problem'),
      nodeGate('late', { marker: marker('late'), out: 'late output', delayMs: 1500 })
    ],
    log,
    1
  );
  assert.equal(passed, false);
  await sleep(2000);
  assert.equal(fs.existsSync(marker('late')), false, 'the early process was not ended');
  assert.ok(!lines.some((l) => l.includes('late')), lines.join('\n'));
  assert.equal(lines.at(-1), 'gates: 0 passed, 1 failed');
});

test('a gate that failed early is reported in its turn with its output and exit code', async () => {
  const { lines, log } = recorder();
  const passed = await runGates(
    [waitingGate('first', 300), nodeGate('broken', { out: 'what broke', code: 3 }), waitingGate('never', 0)],
    log,
    1
  );
  assert.equal(passed, false);
  const failure = lines.findIndex((l) => l.startsWith('ERR ✗ gate broken failed after'));
  assert.ok(failure > lines.indexOf('what broke') && lines.indexOf('what broke') > 0, lines.join('\n'));
  assert.match(lines[failure] ?? '', /exited 3$/);
  assert.ok(!lines.some((l) => l.includes('gate never')));
  assert.equal(lines.at(-1), 'gates: 1 passed, 1 failed');
});

test('GATES_PARALLEL sets how many gates may run early; anything but a whole number is refused', () => {
  assert.equal(parallelFromEnv({ GATES_PARALLEL: '0' }), 0);
  assert.equal(parallelFromEnv({ GATES_PARALLEL: '3' }), 3);
  assert.equal(parallelFromEnv({}), os.availableParallelism());
  assert.throws(() => parallelFromEnv({ GATES_PARALLEL: 'two' }), /GATES_PARALLEL must be a whole number/);
  assert.throws(() => parallelFromEnv({ GATES_PARALLEL: '-1' }), /GATES_PARALLEL/);
});

test('while a gate runs in its turn, early gates finish and the ones waiting for a slot start', async () => {
  const { marker } = scratch();
  const { lines, log } = recorder();
  // `slow` runs in its turn (it has no early start) and passes only if `other` ran meanwhile, which
  // needs the runner to see `reader` finish and hand its slot on while `slow` is still running.
  const { early: _inTurnOnly, ...slow } = commandGate('slow', {
    cmd: process.execPath,
    args: [
      '-e',
      `setTimeout(() => process.exit(require('fs').existsSync(${JSON.stringify(marker('other'))}) ? 0 : 5), 3000)`
    ],
    cwd: os.tmpdir()
  });
  const passed = await runGates(
    [
      nodeGate('build', {}),
      slow,
      nodeGate('other', { marker: marker('other') }, 'build'),
      nodeGate('reader', {}, 'build')
    ],
    log,
    1
  );
  assert.equal(passed, true, lines.join('\n'));
});
