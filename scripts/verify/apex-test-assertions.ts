/**
 * Tests that can fail (issue 7 item 3).
 *
 * - `test-trivial-assertion`: an assertion that always passes — `System.assert(true)`,
 *   `Assert.isTrue(1 == 1)`, `Assert.isFalse(false)`, `Assert.isNull(null)`, `Assert.isNotNull('x')`
 *   (arguments made only of literals and operators), `Assert.areEqual(x, x)` /
 *   `System.assertEquals(x, x)` on the same expression — or one that cannot pass
 *   (`areNotEqual(x, x)`). `System.assert(false)` marks code that must not be reached and is kept.
 * - `test-no-assertion`: a test method (`@IsTest` or `testMethod`, not `@TestSetup`) with no assertion
 *   that can fail. Assertions are `System.assert*`, `Assert.*` (`Assert.fail` included) and calls to
 *   helper methods that make one (followed through the call graph, usually into the test class or a
 *   test data class). A test whose only
 *   assertions check that an object it built with `new` is not null (`Assert.isNotNull(x)`,
 *   `assertNotEquals(null, x)`, `Assert.isTrue(x != null)` where every assignment of `x` in the test is
 *   a `new` expression) proves nothing and fails too.
 * - `test-unreferenced-class`: every top-level non-test class (interfaces and enums carry no code and
 *   are left out) is named somewhere in the code of at least one test class.
 */
import {
  DotExpressionContext,
  EqualityExpressionContext,
  type ExpressionContext,
  IdPrimaryContext,
  LogAndExpressionContext,
  LogOrExpressionContext,
  MethodCallExpressionContext,
  NegExpressionContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  type ApexParserRuleContext as ParserRuleContext,
  SoqlPrimaryContext,
  SoslPrimaryContext,
  SubExpressionContext,
  ThisPrimaryContext,
  SuperPrimaryContext,
  TypeRefPrimaryContext
} from '@apexdevtools/apex-parser';
import { analyzeProject, type AssertCall, type MethodFacts } from './apex-body.js';
import {
  type ApexProject,
  hasAnnotation,
  loadApexProject,
  type MethodDecl,
  ruleChildren,
  terminals
} from './apex-project.js';
import type { Finding } from './findings.js';

type Verdict = { kind: 'real' } | { kind: 'trivial'; why: string } | { kind: 'built-not-null' };

const EQUAL = new Set(['system.assertequals', 'assert.areequal']);
const NOT_EQUAL = new Set(['system.assertnotequals', 'assert.arenotequal']);

/** True when an expression is made only of literals and operators (its value is fixed). */
export function isConstant(e: ParserRuleContext): boolean {
  const dynamic = (n: ParserRuleContext): boolean =>
    n instanceof IdPrimaryContext ||
    n instanceof ThisPrimaryContext ||
    n instanceof SuperPrimaryContext ||
    n instanceof SoqlPrimaryContext ||
    n instanceof SoslPrimaryContext ||
    n instanceof TypeRefPrimaryContext ||
    n instanceof MethodCallExpressionContext ||
    n instanceof DotExpressionContext ||
    n instanceof NewExpressionContext ||
    ruleChildren(n).some(dynamic);
  return !dynamic(e);
}

/**
 * The value of a boolean expression made only of literals (`true`, `!false`, `1 == 1`, `'a' != 'b'`),
 * or undefined when it is not one or cannot be worked out. Apex compares strings case-insensitively.
 */
export function constantValue(e: ExpressionContext | undefined): boolean | undefined {
  if (!e || !isConstant(e)) return undefined;
  if (e instanceof SubExpressionContext) return constantValue(e.expression());
  if (e instanceof NegExpressionContext) {
    const inner = constantValue(e.expression());
    return e.BANG() && inner !== undefined ? !inner : undefined;
  }
  if (e instanceof LogAndExpressionContext || e instanceof LogOrExpressionContext) {
    const [a, b] = e.expression_list().map(constantValue);
    if (a === undefined || b === undefined) return undefined;
    return e instanceof LogAndExpressionContext ? a && b : a || b;
  }
  if (e instanceof EqualityExpressionContext && (e.EQUAL() || e.NOTEQUAL())) {
    const [l = '', r = ''] = e.expression_list().map((x) => x.getText());
    let same: boolean | undefined;
    if (l.toLowerCase() === r.toLowerCase()) same = true;
    else if (/^'.*'$/.test(l) && /^'.*'$/.test(r)) same = false;
    else if (!Number.isNaN(Number(l)) && !Number.isNaN(Number(r))) same = Number(l) === Number(r);
    if (same === undefined) return undefined;
    return e.EQUAL() ? same : !same;
  }
  const text = e.getText().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

const isNullLiteral = (e: ExpressionContext | undefined): boolean => e?.getText().toLowerCase() === 'null';

function isBuilt(e: ExpressionContext | undefined, built: Set<string>): boolean {
  if (!e) return false;
  if (e instanceof NewExpressionContext) return true;
  return (
    e instanceof PrimaryExpressionContext &&
    e.primary() instanceof IdPrimaryContext &&
    built.has(e.getText().toLowerCase())
  );
}

function readable(a: AssertCall): string {
  const [cls = '', method = ''] = a.name.split('.');
  const names: Record<string, string> = {
    assert: 'assert',
    assertequals: 'assertEquals',
    assertnotequals: 'assertNotEquals',
    istrue: 'isTrue',
    isfalse: 'isFalse',
    isnull: 'isNull',
    isnotnull: 'isNotNull',
    areequal: 'areEqual',
    arenotequal: 'areNotEqual'
  };
  return `${cls === 'system' ? 'System' : 'Assert'}.${names[method] ?? method}`;
}

export function judgeAssertion(a: AssertCall, built: Set<string>): Verdict {
  const [first, second] = a.args;
  // Only assertions that always pass: System.assert(false) is a deliberate "never reached".
  const passes =
    first &&
    (((a.name === 'system.assert' || a.name === 'assert.istrue') && constantValue(first) === true) ||
      (a.name === 'assert.isfalse' && constantValue(first) === false) ||
      (a.name === 'assert.isnull' && isNullLiteral(first)) ||
      (a.name === 'assert.isnotnull' && isConstant(first) && !isNullLiteral(first)));
  if (passes) return { kind: 'trivial', why: `${readable(a)}(${first.getText()}) always passes` };
  if (
    (EQUAL.has(a.name) || NOT_EQUAL.has(a.name)) &&
    first &&
    second &&
    first.getText() === second.getText()
  ) {
    const outcome = EQUAL.has(a.name) ? 'can never fail' : 'can never pass';
    return { kind: 'trivial', why: `${readable(a)} compares ${first.getText()} with itself and ${outcome}` };
  }
  if (a.name === 'assert.isnotnull' && isBuilt(first, built)) return { kind: 'built-not-null' };
  if (
    NOT_EQUAL.has(a.name) &&
    ((isNullLiteral(first) && isBuilt(second, built)) || (isNullLiteral(second) && isBuilt(first, built)))
  ) {
    return { kind: 'built-not-null' };
  }
  if (
    (a.name === 'system.assert' || a.name === 'assert.istrue') &&
    first instanceof EqualityExpressionContext &&
    first.NOTEQUAL()
  ) {
    const [l, r] = first.expression_list();
    if ((isNullLiteral(l) && isBuilt(r, built)) || (isNullLiteral(r) && isBuilt(l, built)))
      return { kind: 'built-not-null' };
  }
  return { kind: 'real' };
}

const isTestMethod = (m: MethodDecl): boolean =>
  m.kind === 'method' &&
  (!!hasAnnotation(m, 'istest') || m.modifiers.has('testmethod')) &&
  !hasAnnotation(m, 'testsetup') &&
  m.bodies.length > 0;

/** Does a test helper (or a helper it calls) make an assertion that can fail? */
function helperAsserts(
  project: ApexProject,
  facts: Map<MethodDecl, MethodFacts>,
  m: MethodDecl,
  memo: Map<MethodDecl, boolean>,
  stack: Set<MethodDecl>
): boolean {
  const known = memo.get(m);
  if (known !== undefined) return known;
  if (stack.has(m)) return false;
  stack.add(m);
  const f = facts.get(m);
  let result = false;
  if (f) {
    result =
      f.asserts.some((a) => judgeAssertion(a, f.builtLocals).kind === 'real') ||
      f.calls.some((c) => c.targets.some((t) => helperAsserts(project, facts, t, memo, stack)));
  }
  stack.delete(m);
  memo.set(m, result);
  return result;
}

export function checkApexTestAssertions(root: string): Finding[] {
  const project = loadApexProject(root);
  const facts = analyzeProject(project);
  const findings: Finding[] = project.parseFindings('test-parse');
  const memo = new Map<MethodDecl, boolean>();
  for (const m of project.methods) {
    if (!isTestMethod(m)) continue;
    const f = facts.get(m);
    if (!f) continue;
    const verdicts = f.asserts.map((a) => ({ a, v: judgeAssertion(a, f.builtLocals) }));
    for (const { a, v } of verdicts) {
      if (v.kind === 'trivial') {
        findings.push({
          file: m.owner.file,
          line: a.line,
          message: `test ${m.owner.qualified}.${m.name}: ${v.why}`,
          rule: 'test-trivial-assertion'
        });
      }
    }
    if (verdicts.some(({ v }) => v.kind === 'real')) continue;
    const helpers = f.calls.filter((c) =>
      c.targets.some((t) => t !== m && helperAsserts(project, facts, t, memo, new Set([m])))
    );
    if (helpers.length) continue;
    const built = verdicts.some(({ v }) => v.kind === 'built-not-null');
    const trivial = verdicts.length > 0 && !built;
    const message = built
      ? 'its only assertions check that objects it built with `new` are not null, which cannot fail'
      : trivial
        ? 'none of its assertions can fail'
        : 'it makes no assertion (System.assert*, Assert.* or a test helper that asserts)';
    findings.push({
      file: m.owner.file,
      line: m.line,
      message: `test ${m.owner.qualified}.${m.name} proves nothing: ${message}`,
      rule: 'test-no-assertion'
    });
  }
  findings.push(...unreferencedClasses(project));
  return findings;
}

/** Top-level non-test classes that no test class names. */
function unreferencedClasses(project: ApexProject): Finding[] {
  const named = new Set<string>();
  for (const source of project.sources) {
    if (!source.tree || source.isTrigger) continue;
    const top = project.types.find((t) => t.file === source.file && !t.outer);
    if (!top || !project.isTestType(top)) continue;
    for (const token of terminals(source.tree)) named.add(token.getText().toLowerCase());
  }
  const findings: Finding[] = [];
  for (const t of project.types) {
    if (t.outer || t.kind !== 'class' || project.isTestType(t)) continue;
    if (named.has(t.name.toLowerCase())) continue;
    findings.push({
      file: t.file,
      line: t.line,
      message: `class ${t.name} is not referenced from any test class: no test exercises it`,
      rule: 'test-unreferenced-class'
    });
  }
  return findings;
}
