/**
 * Governor limits across method calls (issue 7 item 2).
 *
 * 1. `limits-in-loop`: a SOQL query, SOSL search, DML statement (including `Database.*` DML,
 *    `Database.setSavepoint`/`rollback`, `EventBus.publish`, `Approval.process`/`lock`/`unlock`), query method
 *    (`Database.query`, `countQuery`, `getQueryLocator`, `getCursor`, …), HTTP callout or
 *    `Messaging.sendEmail`, or asynchronous job (`System.enqueueJob` or a call to an `@future`
 *    method: 50 of each per transaction) reached
 *    from inside a `for`, for-each, `while` or `do` loop, directly or
 *    through project methods and property accessors, fails at the loop's line with the call chain.
 *    What sits inside `if (field == null) { field = …; }` (lazy loading of a field or property) runs
 *    once however often the loop calls it, and is not reported. A for-each loop's
 *    collection (a SOQL for-loop's own query too) runs once and is not "inside" the loop. Test
 *    classes, and methods or classes annotated `@SuppressWarnings('PMD.OperationWithLimitsInLoop')`
 *    (a deliberate, commented exception), are not reported.
 * 2. `limits-budget`: for every entry point (trigger; `@HttpGet`/`@HttpPost`/… of a `@RestResource`
 *    class; `start`/`execute`/`finish` of a Batchable; `execute` of a Queueable, Schedulable or
 *    Finalizer; `@AuraEnabled`; `@InvocableMethod`; `@future`, which runs in its own transaction and
 *    so is not counted where it is called) the largest number of SOQL queries and DML
 *    statements one invocation can reach is counted and compared with its budget in
 *    `scripts/spec/apex-limit-budgets.json`. Counting: statements in sequence add up; of an
 *    `if`/`else`, a `switch`, a `?:` and of the possible targets of one call (overrides,
 *    implementers) the largest counts; a loop body counts once (anything inside a loop is already a
 *    `limits-in-loop` failure); a method already on the call stack counts 0 (recursion); DML on an
 *    object whose trigger is in the project adds that trigger's count; static initializers, property
 *    accessors and calls the call graph cannot resolve (see apex-body.ts) are not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeProject, type Call, type Cost, type MethodFacts, type Op, type OpKind } from './apex-body.js';
import { type ApexProject, hasAnnotation, loadApexProject, type MethodDecl } from './apex-project.js';
import { formatFinding, sortFindings, type Finding } from './findings.js';

export type Counts = Record<OpKind, number>;

export interface EntryPoint {
  id: string;
  kind: string;
  method: MethodDecl;
  counts: Counts;
  /** The counts include triggers of whichever object DML on `List<SObject>` may write: an upper bound. */
  upperBound: boolean;
}

export interface Budget {
  soql: number;
  dml: number;
}

export const BUDGET_FILE = path.join('scripts', 'spec', 'apex-limit-budgets.json');

/** The most an asynchronous transaction allows; a budget above it could never hold in an org. */
const PLATFORM_CEILING: Budget = { soql: 200, dml: 150 };

const zero = (): Counts => ({ soql: 0, sosl: 0, dml: 0, callout: 0, email: 0, async: 0 });
const KINDS: OpKind[] = ['soql', 'sosl', 'dml', 'callout', 'email', 'async'];

const HTTP_ANNOTATIONS = ['httpget', 'httppost', 'httpput', 'httppatch', 'httpdelete'];

const file = (m: MethodDecl): string => m.owner.file;
const where = (m: MethodDecl, line: number): string => `${path.basename(file(m))}:${line}`;
const methodLabel = (m: MethodDecl): string =>
  m.kind === 'trigger'
    ? `trigger ${m.name}`
    : m.kind === 'constructor'
      ? `new ${m.owner.qualified}`
      : m.kind === 'initializer'
        ? `${m.owner.qualified} field initializers`
        : m.kind === 'accessor'
          ? `${m.owner.qualified}.${m.name.split(' ')[1] ?? ''} (${m.name.split(' ')[0] ?? ''})`
          : `${m.owner.qualified}.${m.name}`;

/** The call graph with, for each method, its shortest way to a limit operation. */
export class LimitGraph {
  readonly facts: Map<MethodDecl, MethodFacts>;
  private readonly next = new Map<MethodDecl, { call: Call; target: MethodDecl } | Op>();
  private readonly countMemo = new Map<MethodDecl, Counts>();

  constructor(readonly project: ApexProject) {
    this.facts = analyzeProject(project);
    // Multi-source BFS backwards from the methods that run an operation themselves.
    const callers = new Map<MethodDecl, { from: MethodDecl; call: Call }[]>();
    const queue: MethodDecl[] = [];
    for (const [m, f] of this.facts) {
      // What runs once however often its caller runs (lazy loading) is not reached "per iteration".
      const first = f.ops.filter((op) => !op.once).sort((a, b) => a.line - b.line)[0];
      if (first) {
        this.next.set(m, first);
        queue.push(m);
      }
      for (const call of f.calls) {
        if (call.once) continue;
        for (const t of call.targets) callers.set(t, [...(callers.get(t) ?? []), { from: m, call }]);
      }
    }
    while (queue.length) {
      const t = queue.shift() as MethodDecl;
      for (const { from, call } of callers.get(t) ?? []) {
        if (this.next.has(from)) continue;
        this.next.set(from, { call, target: t });
        queue.push(from);
      }
    }
  }

  /** Does a run of `m` reach DML on records of unknown object (counted with the costliest triggers)? */
  reachesAnyObjectDml(m: MethodDecl): boolean {
    const seen = new Set<MethodDecl>();
    const stack = [m];
    while (stack.length) {
      const x = stack.pop() as MethodDecl;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const call of this.facts.get(x)?.calls ?? []) {
        if (call.anyObject) return true;
        stack.push(...call.targets);
      }
    }
    return false;
  }

  reachesOperation(m: MethodDecl): boolean {
    return this.next.has(m);
  }

  /** `A.b (A.cls:12) → SOQL query (A.cls:14)` from a method to the operation it reaches first. */
  chainFrom(m: MethodDecl): string {
    const parts: string[] = [];
    const seen = new Set<MethodDecl>();
    let current: MethodDecl | undefined = m;
    while (current && !seen.has(current)) {
      seen.add(current);
      const step = this.next.get(current);
      if (!step) break;
      if ('type' in step && step.type === 'op') {
        parts.push(`${step.label} (${where(current, step.line)})`);
        break;
      }
      const hop = step as { call: Call; target: MethodDecl };
      parts.push(`${methodLabel(hop.target)} (called at ${where(current, hop.call.line)})`);
      current = hop.target;
    }
    return parts.join(' → ');
  }

  /** Largest SOQL/DML/… counts one run of `m` can reach (see the file comment for the rules). */
  counts(m: MethodDecl, stack = new Set<MethodDecl>()): Counts {
    const memo = this.countMemo.get(m);
    if (memo) return memo;
    if (stack.has(m)) return zero();
    stack.add(m);
    const facts = this.facts.get(m);
    const result = facts ? this.evaluate(facts.cost, stack) : zero();
    stack.delete(m);
    this.countMemo.set(m, result);
    return result;
  }

  private evaluate(cost: Cost, stack: Set<MethodDecl>): Counts {
    if (cost.kind === 'item') {
      if (cost.item.type === 'op') return { ...zero(), [cost.item.kind]: 1 };
      return maxOf(cost.item.targets.map((t) => this.counts(t, stack)));
    }
    const parts = cost.items.map((c) => this.evaluate(c, stack));
    if (cost.kind === 'alt') return maxOf(parts);
    const sum = zero();
    for (const p of parts) for (const k of KINDS) sum[k] += p[k];
    return sum;
  }
}

function maxOf(parts: Counts[]): Counts {
  const out = zero();
  for (const p of parts) for (const k of KINDS) out[k] = Math.max(out[k], p[k]);
  return out;
}

/** `@SuppressWarnings('PMD.OperationWithLimitsInLoop')` on the method or a class around it. */
function suppressed(m: MethodDecl): boolean {
  const says = (annotations: { name: string; pairs: Map<string, string> }[]): boolean =>
    annotations.some(
      (a) =>
        a.name === 'suppresswarnings' &&
        (a.pairs.get('value') ?? '').includes('pmd.operationwithlimitsinloop')
    );
  if (says(m.annotations)) return true;
  for (let t: MethodDecl['owner'] | undefined = m.owner; t; t = t.outer) if (says(t.annotations)) return true;
  return false;
}

/**
 * Loops that reach a limit operation, directly or through calls. Not reported: loops in test
 * classes (a test that loops into a limit fails on its own in the org), and loops in a method or
 * class that suppresses PMD's OperationWithLimitsInLoop, whose reason comment the apex-pmd gate
 * requires (e.g. paging through Stripe, one callout per page, bounded by the callout budget).
 */
export function loopFindings(graph: LimitGraph): Finding[] {
  const findings: Finding[] = [];
  for (const [m, facts] of graph.facts) {
    if (graph.project.isTestType(m.owner) || suppressed(m)) continue;
    for (const loop of facts.loops) {
      const offences: string[] = [];
      for (const item of loop.items) {
        if (item.once) continue;
        if (item.type === 'op') {
          offences.push(`${item.label} (${where(m, item.line)})`);
        } else if (!item.viaDml) {
          const target = item.targets.find((t) => graph.reachesOperation(t));
          if (target)
            offences.push(
              `${methodLabel(target)} (called at ${where(m, item.line)}) → ${graph.chainFrom(target)}`
            );
        }
      }
      if (offences.length === 0) continue;
      const [first, ...rest] = offences;
      const more = rest.length ? `; and ${rest.length} more: ${rest.join('; ')}` : '';
      findings.push({
        file: file(m),
        line: loop.line,
        message: `${loop.label} in ${methodLabel(m)} reaches a governor-limited operation on every iteration: ${first}${more}`,
        rule: 'limits-in-loop'
      });
    }
  }
  return findings;
}

/** Entry points of the project with the counts one invocation can reach. */
export function entryPoints(graph: LimitGraph): EntryPoint[] {
  const { project } = graph;
  const found: { kind: string; method: MethodDecl }[] = [];
  for (const t of project.types) {
    if (project.isTestType(t)) continue;
    if (t.kind === 'trigger') {
      for (const m of t.methods) found.push({ kind: 'trigger', method: m });
      continue;
    }
    if (t.kind !== 'class') continue;
    const supers = project.supertypeNames(t);
    const rest = !!hasAnnotation(t, 'restresource');
    for (const m of t.methods) {
      if (m.kind !== 'method' || m.bodies.length === 0) continue;
      const name = m.name.toLowerCase();
      const arity = m.params.length;
      const kinds: string[] = [];
      if (rest && m.annotations.some((a) => HTTP_ANNOTATIONS.includes(a.name))) kinds.push('REST');
      if (hasAnnotation(m, 'auraenabled')) kinds.push('AuraEnabled');
      if (hasAnnotation(m, 'invocablemethod')) kinds.push('InvocableMethod');
      if (hasAnnotation(m, 'future')) kinds.push('future');
      if (supers.has('database.batchable')) {
        if ((name === 'start' || name === 'finish') && arity === 1) kinds.push(`Batchable ${name}`);
        if (name === 'execute' && arity === 2) kinds.push('Batchable execute');
      }
      if (name === 'execute' && arity === 1) {
        if (supers.has('queueable')) kinds.push('Queueable execute');
        if (supers.has('schedulable')) kinds.push('Schedulable execute');
        if (supers.has('finalizer')) kinds.push('Finalizer execute');
      }
      if (kinds.length) found.push({ kind: kinds.join(', '), method: m });
    }
  }
  const baseId = (m: MethodDecl): string =>
    m.kind === 'trigger' ? m.name : `${m.owner.qualified}.${m.name}`;
  const ids = new Map<string, number>();
  for (const f of found) ids.set(baseId(f.method), (ids.get(baseId(f.method)) ?? 0) + 1);
  return found.map(({ kind, method }) => {
    const base = baseId(method);
    const id = (ids.get(base) ?? 0) > 1 ? `${base}/${method.params.length}` : base;
    return { id, kind, method, counts: graph.counts(method), upperBound: graph.reachesAnyObjectDml(method) };
  });
}

export function readBudgets(budgetFile: string): { budgets: Map<string, Budget>; problems: Finding[] } {
  const budgets = new Map<string, Budget>();
  if (!fs.existsSync(budgetFile)) return { budgets, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(budgetFile, 'utf8'));
  } catch (error) {
    return {
      budgets,
      problems: [
        {
          file: budgetFile,
          line: 1,
          message: `cannot parse budgets: ${(error as Error).message}`,
          rule: 'limits-budget'
        }
      ]
    };
  }
  const problems: Finding[] = [];
  for (const [id, value] of Object.entries((parsed as { budgets?: Record<string, unknown> }).budgets ?? {})) {
    const b = value as Partial<Budget>;
    if (!Number.isInteger(b.soql) || !Number.isInteger(b.dml)) {
      problems.push({
        file: budgetFile,
        line: 1,
        message: `budget of ${id} needs integer "soql" and "dml"`,
        rule: 'limits-budget'
      });
      continue;
    }
    budgets.set(id, { soql: b.soql as number, dml: b.dml as number });
  }
  return { budgets, problems };
}

export function budgetFindings(entries: EntryPoint[], budgetFile: string, relFile: string): Finding[] {
  const { budgets, problems } = readBudgets(budgetFile);
  const findings = [...problems];
  const seen = new Set<string>();
  for (const e of entries) {
    seen.add(e.id);
    const { soql, dml } = e.counts;
    const budget = budgets.get(e.id);
    const at = { file: file(e.method), line: e.method.line, rule: 'limits-budget' };
    if (!budget) {
      findings.push({
        ...at,
        message: `entry point ${e.id} (${e.kind}) reaches ${soql} SOQL and ${dml} DML but has no budget: add "${e.id}": { "soql": ${soql}, "dml": ${dml} } to ${relFile}`
      });
      continue;
    }
    if (soql > budget.soql || dml > budget.dml) {
      findings.push({
        ...at,
        message: `entry point ${e.id} (${e.kind}) reaches ${soql} SOQL and ${dml} DML, over its budget of ${budget.soql} SOQL and ${budget.dml} DML in ${relFile}`
      });
    }
  }
  for (const [id, b] of budgets) {
    if (!seen.has(id)) {
      findings.push({
        file: budgetFile,
        line: 1,
        message: `budget for ${id}, which is not an entry point of the project`,
        rule: 'limits-budget'
      });
    }
    if (b.soql > PLATFORM_CEILING.soql || b.dml > PLATFORM_CEILING.dml) {
      findings.push({
        file: budgetFile,
        line: 1,
        message: `budget for ${id} is above what any transaction allows (${PLATFORM_CEILING.soql} SOQL, ${PLATFORM_CEILING.dml} DML)`,
        rule: 'limits-budget'
      });
    }
  }
  return findings;
}

export interface LimitsResult {
  findings: Finding[];
  entries: EntryPoint[];
}

/** The whole rule: parse problems, loop findings and budget findings. */
export function checkApexLimits(root: string, budgetFile = path.join(root, BUDGET_FILE)): LimitsResult {
  const project = loadApexProject(root);
  const graph = new LimitGraph(project);
  const entries = entryPoints(graph);
  return {
    findings: [
      ...project.parseFindings('limits-parse'),
      ...loopFindings(graph),
      ...budgetFindings(entries, budgetFile, path.relative(root, budgetFile) || budgetFile)
    ],
    entries
  };
}

/** The per-entry-point table the gate prints. */
export function formatEntryTable(entries: EntryPoint[], root: string): string[] {
  const rows = [...entries].sort((a, b) => a.id.localeCompare(b.id));
  return rows.map((e) => {
    const c = e.counts;
    const extra = [
      c.sosl ? `${c.sosl} SOSL` : '',
      c.callout ? `${c.callout} callout(s)` : '',
      c.email ? `${c.email} sendEmail` : '',
      c.async ? `${c.async} async job(s)` : ''
    ]
      .filter(Boolean)
      .join(', ');
    const bound = e.upperBound
      ? ' (at most: DML on records of unknown object counted with the costliest triggers)'
      : '';
    return `${e.id} [${e.kind}] (${path.relative(root, e.method.owner.file)}:${e.method.line}): ${c.soql} SOQL, ${c.dml} DML${extra ? `, ${extra}` : ''}${bound}`;
  });
}

// `npx tsx scripts/verify/apex-limits.ts [--root DIR] [--budgets FILE] [--print-budgets]`: the table
// and the findings, or (--print-budgets) today's counts in the budgets file's format.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0
      ? process.argv[i + 1]
      : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const root = path.resolve(
    arg('--root') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
  );
  const budgets = arg('--budgets');
  const t0 = Date.now();
  const { findings, entries } = checkApexLimits(root, budgets ? path.resolve(budgets) : undefined);
  if (process.argv.includes('--print-budgets')) {
    // The counts as a budgets file, for a reviewer to check and commit.
    const out = Object.fromEntries(
      [...entries]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((e) => [e.id, { soql: e.counts.soql, dml: e.counts.dml }])
    );
    console.log(JSON.stringify({ budgets: out }, null, 2));
    process.exit(0);
  }
  for (const line of formatEntryTable(entries, root)) console.log(line);
  for (const f of sortFindings(findings)) console.error(formatFinding(f, root));
  console.log(`${entries.length} entry point(s), ${findings.length} finding(s), ${Date.now() - t0} ms`);
  process.exit(findings.length ? 1 : 0);
}
