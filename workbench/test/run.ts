/**
 * `npm run test:browser`: builds the workbench (cached) and runs the browser tests with Node's test
 * runner (`browser.test.ts` loads every component's suite into one server and one headless Chromium).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, root } from '../build.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();
const { cached, ms } = await build();
if (cached) console.log(`workbench: bundle up to date (${ms} ms)`);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => path.relative(root, path.join(here, f)));
const result = spawnSync(
  path.join(root, 'node_modules', '.bin', 'tsx'),
  ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' }
);
console.log(`browser tests: ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exit(result.status ?? 1);
