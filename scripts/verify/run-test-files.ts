/**
 * Runs the test files named on the command line in this one process: each is imported and Node's
 * test runner (node:test) runs what they register, in order. `node --test` would start a process per
 * file, and each start (Node, the TypeScript loader, the relay's and the gates' dependencies) costs
 * more CPU than most of the files' tests: one process halves the suites' CPU on two cores.
 *
 *   node --import tsx --test-reporter=spec scripts/verify/run-test-files.ts relay/test/a.test.ts …
 *
 * The files share no state through globals (none sets process.env or replaces a global), so running
 * them together proves the same as running them apart. A file that cannot be loaded fails the run,
 * named, and the others still run.
 */
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('run-test-files: name the test files to run');
  process.exit(2);
}
for (const file of files) {
  try {
    await import(pathToFileURL(path.resolve(file)).href);
  } catch (error) {
    // Reported as a failing test so the runner's summary counts it and the exit code is 1.
    test(`${file} loads`, () => {
      throw error;
    });
  }
}
