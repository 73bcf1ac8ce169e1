/**
 * `npm test`: every offline check, in order, stopping at the first gate that fails and saying which
 * gate failed and why. `--only a,b` runs just the named gates (used by `npm run verify:apex` etc.).
 * Gates that are child processes start early, beside the others (see runGates).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkApexLimits, formatEntryTable } from './apex-limits.js';
import { checkApexPmd } from './apex-pmd.js';
import { checkApexSemantics } from './apex-semantics.js';
import { checkApexTestAssertions } from './apex-test-assertions.js';
import { listFiles } from './files.js';
import { formatFinding, sortFindings, type Finding } from './findings.js';
import { checkFixturesSync } from './fixtures-sync.js';
import { commandGate as command, type EarlyRun, type Gate, type GateOutcome } from './gate-process.js';
import { checkLwcImports } from './lwc-imports.js';
import { checkMarkdownLinks } from './markdown-links.js';
import { checkMetadata } from './metadata-check.js';
import { checkPicklistValues } from './picklist-values.js';
import { RULE_GATES } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { checkSchema } from './schema-check.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type { Gate, GateOutcome } from './gate-process.js';

const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

/** A gate that runs one of the project's tools from the repository root. */
function commandGate(name: string, cmd: string, args: string[], after?: string): Gate {
  return command(name, { cmd, args, cwd: root }, after);
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

/**
 * Node's test runner over a folder's test files, all in one process (see run-test-files.ts); with
 * none, the gate fails rather than passing empty.
 */
function nodeTestGate(name: string, dir: string, after?: string): Gate {
  const files = testFiles(dir);
  if (files.length === 0) return { name, run: () => ({ ok: false, reason: `no test files under ${dir}` }) };
  const runner = path.join('scripts', 'verify', 'run-test-files.ts');
  return commandGate(
    name,
    process.execPath,
    ['--import', 'tsx', '--test-reporter=spec', runner, ...files],
    after
  );
}

export const GATES: Gate[] = [
  commandGate('lint', bin('eslint'), ['--max-warnings=0', '.']),
  commandGate('format', bin('prettier'), ['--check', '--log-level=warn', '.']),
  {
    name: 'markdown-links',
    run: () =>
      fromFindings(checkMarkdownLinks(root), 'broken Markdown link(s) or reference(s) to missing files')
  },
  commandGate('typecheck', bin('tsc'), ['-b']),
  commandGate('build', bin('tsc'), ['-p', 'force-app/main/default/lwc/tsconfig.build.json']),
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
  // These read the compiled LWC `.js` files (or, for the scripts, check the project that holds
  // them), so none starts while `build` is writing them.
  // --no-cache: a transform cached by a run without coverage is reused uninstrumented and the
  // report reads 0% yet passes; a clean clone has no cache, so CI pays nothing for it.
  commandGate('test-lwc', bin('jest'), ['--coverage', '--ci', '--no-cache'], 'build'),
  nodeTestGate('test-relay', 'relay/test'),
  nodeTestGate('test-scripts', 'scripts/test', 'build'),
  commandGate('browser', bin('tsx'), ['workbench/test/run.ts'], 'build')
];

export interface GateLog {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleLog: GateLog = { out: (l) => console.log(l), err: (l) => console.error(l) };

/**
 * How many gates may run early at once: `GATES_PARALLEL` when set (0 runs every gate in its turn,
 * one after another), else one per core. The gates of this process run on top of these.
 */
export function parallelFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GATES_PARALLEL;
  if (raw === undefined || raw === '') return os.availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`GATES_PARALLEL must be a whole number ≥ 0, not "${raw}"`);
  return n;
}

/**
 * Runs gates in order and stops at the first one that fails (or throws), naming it and its reason.
 * Returns true when all passed. The last line printed is `gates: N passed, M failed`.
 *
 * Gates marked `early` start before their turn while fewer than `parallel` are running, the last in
 * the list first (the slowest stand last), each once the gate it reads has passed. Their output is
 * held and printed in their turn, so the log reads as if every gate had run in order; when a gate
 * fails, the ones still running are ended and never reported.
 */
export async function runGates(
  gates: Gate[],
  log: GateLog = consoleLog,
  parallel: number = parallelFromEnv()
): Promise<boolean> {
  let passed = 0;
  const started = Date.now();
  const selected = new Set(gates.map((g) => g.name));
  const succeeded = new Set<string>();
  type EarlyEntry = { run: EarlyRun; t0: number; finishedAt?: number };
  const early = new Map<string, EarlyEntry>();
  const running = (): number => [...early.values()].filter((e) => e.finishedAt === undefined).length;
  const cancelAll = (): void => early.forEach((e) => e.run.cancel());
  const onSignal = (signal: NodeJS.Signals): void => {
    cancelAll();
    process.exit(128 + os.constants.signals[signal]);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let current = 0;
  let stopped = false;
  const startEarlyGates = (): void => {
    for (const gate of gates.slice(current + 1).reverse()) {
      if (stopped || running() >= parallel) return;
      if (!gate.early || early.has(gate.name)) continue;
      const after = gate.early.after;
      if (after && selected.has(after) && !succeeded.has(after)) continue;
      let run: EarlyRun;
      try {
        run = gate.early.start();
      } catch {
        continue; // It runs in its turn instead, where the same failure is reported.
      }
      const entry: EarlyEntry = { run, t0: Date.now() };
      early.set(gate.name, entry);
      void entry.run.done.then(({ outcome }) => {
        entry.finishedAt = Date.now();
        if (outcome.ok) succeeded.add(gate.name);
        startEarlyGates();
      });
    }
  };

  try {
    for (const [index, gate] of gates.entries()) {
      current = index;
      startEarlyGates();
      const t0 = Date.now();
      log.out(`\n▶ gate ${gate.name}`);
      let outcome: GateOutcome;
      const ahead = early.get(gate.name);
      try {
        if (ahead) {
          const result = await ahead.run.done;
          for (const line of result.output.replace(/\n$/, '').split('\n')) if (line) log.out(line);
          outcome = result.outcome;
        } else {
          outcome = await gate.run();
        }
      } catch (error) {
        outcome = { ok: false, reason: (error as Error).message };
      }
      // A gate that started early is timed from its own start to its exit, not from its turn.
      const secs = (((ahead?.finishedAt ?? Date.now()) - (ahead?.t0 ?? t0)) / 1000).toFixed(1);
      if (!outcome.ok) {
        log.err(`✗ gate ${gate.name} failed after ${secs}s: ${outcome.reason}`);
        log.out(`gates: ${passed} passed, 1 failed`);
        return false;
      }
      passed++;
      succeeded.add(gate.name);
      log.out(`✓ gate ${gate.name} (${secs}s${ahead ? ', started early' : ''})`);
    }
  } finally {
    stopped = true;
    cancelAll();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
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
