/** The gates' test runner runs every named file in one process and fails when any test or file fails. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runner = path.join(root, 'scripts', 'verify', 'run-test-files.ts');

function run(files: Record<string, string>): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-test-files-'));
  const paths = Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test-reporter=tap', runner, ...paths], {
    cwd: root,
    encoding: 'utf8'
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

const passing = (name: string): string => `import { test } from 'node:test';\ntest('${name}', () => {});\n`;

test('every file runs in the one process and a clean run exits 0', () => {
  const { status, out } = run({ 'a.test.mts': passing('from a'), 'b.test.mts': passing('from b') });
  assert.equal(status, 0, out);
  assert.match(out, /^ok \d+ - from a$/m);
  assert.match(out, /^ok \d+ - from b$/m);
  assert.match(out, /^# pass 2$/m);
});

test('a failing test fails the run and the other files still run', () => {
  const { status, out } = run({
    'a.test.mts': `import { test } from 'node:test';\ntest('broken', () => { throw new Error('wrong total'); });\n`,
    'b.test.mts': passing('still runs')
  });
  assert.equal(status, 1, out);
  assert.match(out, /^not ok \d+ - broken$/m);
  assert.match(out, /^ok \d+ - still runs$/m);
});

test('a file that cannot be loaded is a named failure, not a silent skip', () => {
  const { status, out } = run({
    'bad.test.mts': `import './no-such-module.mjs';\n`,
    'good.test.mts': passing('still runs')
  });
  assert.equal(status, 1, out);
  assert.match(out, /^not ok \d+ - .*bad\.test\.mts loads$/m);
  assert.match(out, /no-such-module/);
  assert.match(out, /^ok \d+ - still runs$/m);
});

test('no files named is a usage error', () => {
  const { status, out } = run({});
  assert.equal(status, 2);
  assert.match(out, /name the test files to run/);
});
