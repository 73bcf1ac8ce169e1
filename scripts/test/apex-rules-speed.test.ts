/**
 * The four Apex/LWC rules together stay fast on a project of ~10,000 lines of Apex: they share one
 * parse, and the budget is 10 s of CPU (wall time is printed too; on a busy machine it is longer).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkApexLimits } from '../verify/apex-limits.js';
import { checkApexTestAssertions } from '../verify/apex-test-assertions.js';
import { checkLwcImports } from '../verify/lwc-imports.js';
import { checkPicklistValues } from '../verify/picklist-values.js';
import { generateApexTree } from './apex-tree-generator.js';
import { inPackage, sampleProject } from './support/sample-project.js';

test('apex-limits, apex-tests, picklist-values and lwc-imports take under 10 s of CPU on 10,000 lines', () => {
  const { files, entryPoints, apexLines } = generateApexTree(10_000);
  const root = sampleProject(inPackage(files));
  try {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const limits = checkApexLimits(root);
    const others = [...checkApexTestAssertions(root), ...checkPicklistValues(root), ...checkLwcImports(root)];
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const wallSeconds = (performance.now() - wall0) / 1000;
    console.log(
      `${apexLines} lines of Apex, ${entryPoints} entry points: ${cpuSeconds.toFixed(2)} s CPU, ${wallSeconds.toFixed(2)} s wall`
    );
    assert.ok(apexLines >= 10_000, `generated ${apexLines} lines`);
    assert.equal(limits.entries.length, entryPoints, 'every generated entry point is found');
    assert.deepEqual(
      limits.findings.filter((f) => f.rule !== 'limits-budget'),
      [],
      'the generated tree is bulk-safe'
    );
    assert.deepEqual(others, [], 'the generated tree passes the other rules');
    assert.ok(cpuSeconds < 10, `took ${cpuSeconds.toFixed(2)} s of CPU`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
