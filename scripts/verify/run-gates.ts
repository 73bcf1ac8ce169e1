/**
 * `npm test`: every offline check, in order, stopping at the first gate that fails and saying which
 * gate failed and why. `--only a,b` runs just the named gates (used by `npm run verify:apex` etc.).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkApexLimits, formatEntryTable } from './apex-limits.js';
import { checkApexPmd } from './apex-pmd.js';
import { checkApexSemantics } from './apex-semantics.js';
import { checkApexTestAssertions } from './apex-test-assertions.js';
import { listFiles } from './files.js';
import { formatFinding, sortFindings, type Finding } from './findings.js';
import { checkFixturesSync } from './fixtures-sync.js';
import { checkLwcImports } from './lwc-imports.js';
import { checkMarkdownLinks } from './markdown-links.js';
import { checkMetadata } from './metadata-check.js';
import { checkPicklistValues } from './picklist-values.js';
import { RULE_GATES } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { checkSchema } from './schema-check.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type GateOutcome = { ok: true; summary?: string } | { ok: false; reason: string };

export interface Gate {
  name: string;
  run: () => GateOutcome | Promise<GateOutcome>;
}

const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

/** Runs a command with live output; the gate fails with the command's exit code. */
function command(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): GateOutcome {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) return { ok: false, reason: `could not run ${cmd}: ${result.error.message}` };
  if (result.status !== 0)
    return { ok: false, reason: `\`${path.basename(cmd)} ${args.join(' ')}\` exited ${result.status}` };
  return { ok: true };
}

function fromFindings(findings: Finding[], what: string): GateOutcome {
  if (findings.length === 0) return { ok: true };
  for (const f of sortFindings(findings)) console.error(`  ${formatFinding(f, root)}`);
  return { ok: false, reason: `${findings.length} ${what}` };
}

/** A rule as a gate: its notes printed, its findings (if any) failing the gate. */
function ruleGate(rule: Rule, what: string): Gate {
  return {
    name: rule.name,
    run: () => {
      const { findings, notes } = rule.check(root);
      for (const note of notes) console.log(`  note: ${note}`);
      return fromFindings(findings, what);
    }
  };
}

/** Test files of a folder, for Node's test runner (Node 20 does not expand globs itself). */
function testFiles(dir: string): string[] {
  return listFiles(path.join(root, dir), (f) => f.endsWith('.test.ts')).map((f) => path.relative(root, f));
}

function nodeTests(dir: string): GateOutcome {
  const files = testFiles(dir);
  if (files.length === 0) return { ok: false, reason: `no test files under ${dir}` };
  return command(bin('tsx'), ['--test', '--test-reporter=spec', ...files]);
}

export const GATES: Gate[] = [
  { name: 'lint', run: () => command(bin('eslint'), ['--max-warnings=0', '.']) },
  { name: 'format', run: () => command(bin('prettier'), ['--check', '--log-level=warn', '.']) },
  {
    name: 'markdown-links',
    run: () =>
      fromFindings(checkMarkdownLinks(root), 'broken Markdown link(s) or reference(s) to missing files')
  },
  { name: 'typecheck', run: () => command(bin('tsc'), ['-b']) },
  { name: 'build', run: () => command(bin('tsc'), ['-p', 'force-app/main/default/lwc/tsconfig.build.json']) },
  {
    name: 'apex-semantics',
    run: () => {
      const { errors, warnings } = checkApexSemantics(root);
      for (const w of sortFindings(warnings)) console.warn(`  warning: ${formatFinding(w, root)}`);
      return fromFindings(errors, 'apex-ls error(s)');
    }
  },
  {
    name: 'apex-pmd',
    run: () => fromFindings(checkApexPmd(root), 'PMD violation(s) or unexplained suppression(s)')
  },
  { name: 'schema', run: () => fromFindings(checkSchema(root), 'unresolved object/field reference(s)') },
  {
    name: 'apex-limits',
    run: () => {
      const { findings, entries } = checkApexLimits(root);
      console.log('  SOQL/DML one invocation of each entry point can reach:');
      for (const line of formatEntryTable(entries, root)) console.log(`    ${line}`);
      if (entries.length === 0) console.log('    (no entry points)');
      return fromFindings(
        findings,
        'governor-limit finding(s): limit operations in loops or entry points over budget'
      );
    }
  },
  {
    name: 'apex-tests',
    run: () =>
      fromFindings(checkApexTestAssertions(root), 'test(s) that cannot fail or class(es) no test names')
  },
  {
    name: 'picklist-values',
    run: () =>
      fromFindings(checkPicklistValues(root), 'string(s) that are not values of a restricted picklist')
  },
  {
    name: 'lwc-imports',
    run: () => fromFindings(checkLwcImports(root), 'unresolved LWC import(s) or tag(s)')
  },
  ...RULE_GATES.map(({ rule, what }) => ruleGate(rule, what)),
  { name: 'metadata', run: async () => fromFindings(await checkMetadata(root), 'metadata problem(s)') },
  {
    name: 'fixtures-sync',
    run: async () => fromFindings(await checkFixturesSync(root), 'Stripe event fixture(s) out of step')
  },
  { name: 'test-lwc', run: () => command(bin('jest'), ['--coverage', '--ci']) },
  { name: 'test-relay', run: () => nodeTests('relay/test') },
  { name: 'test-scripts', run: () => nodeTests('scripts/test') },
  { name: 'browser', run: () => command(bin('tsx'), ['workbench/test/run.ts']) }
];

export interface GateLog {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleLog: GateLog = { out: (l) => console.log(l), err: (l) => console.error(l) };

/**
 * Runs gates in order and stops at the first one that fails (or throws), naming it and its reason.
 * Returns true when all passed. The last line printed is `gates: N passed, M failed`.
 */
export async function runGates(gates: Gate[], log: GateLog = consoleLog): Promise<boolean> {
  let passed = 0;
  const started = Date.now();
  for (const gate of gates) {
    const t0 = Date.now();
    log.out(`\n▶ gate ${gate.name}`);
    let outcome: GateOutcome;
    try {
      outcome = await gate.run();
    } catch (error) {
      outcome = { ok: false, reason: (error as Error).message };
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (!outcome.ok) {
      log.err(`✗ gate ${gate.name} failed after ${secs}s: ${outcome.reason}`);
      log.out(`gates: ${passed} passed, 1 failed`);
      return false;
    }
    passed++;
    log.out(`✓ gate ${gate.name} (${secs}s)`);
  }
  log.out(`\nall gates green in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  log.out(`gates: ${passed} passed, 0 failed`);
  return true;
}

/** The gates named by `--only=a,b` (all when absent); throws on an unknown name. */
export function selectGates(argv: string[], gates: Gate[] = GATES): Gate[] {
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!onlyArg) return gates;
  const names = onlyArg.split(',');
  const unknown = names.filter((n) => !gates.some((g) => g.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown gate ${unknown.join(', ')}; gates are: ${gates.map((g) => g.name).join(', ')}`);
  }
  return gates.filter((g) => names.includes(g.name));
}

// Run only when executed as a script, so tests can import runGates and selectGates.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let selected: Gate[];
  try {
    selected = selectGates(process.argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  process.exit((await runGates(selected)) ? 0 : 1);
}
