/**
 * What one Apex method body does, as the issue-7 rules need it: the limit operations it runs (SOQL,
 * SOSL, DML, callouts, email), the project methods it calls (resolved by class, name and arity), the
 * loops around each, a cost tree (sequence / alternative) for counting, the assertions it makes, and
 * the string literals it assigns to or compares with SObject fields.
 *
 * Call resolution is deliberately conservative: a call is followed only when its receiver's class is
 * known — `X.m()` for a project class `X`, `new X().m()`, `this.m()`, `super.m()`, `m()`, and variables,
 * parameters, fields and method results whose declared type is a project class or interface. A call
 * on a project class or interface may run any override in its subclasses or implementers, so all of
 * them are targets. Calls on system types, on values of unknown type and through `Type.forName` are
 * not followed: the rules never report a path they cannot show.
 */
import type { CatchClauseContext } from '@apexdevtools/apex-parser';
import {
  ArrayExpressionContext,
  AssignExpressionContext,
  BlockContext,
  CastExpressionContext,
  CondExpressionContext,
  DeleteStatementContext,
  DoWhileStatementContext,
  DotExpressionContext,
  EqualityExpressionContext,
  ExpressionContext,
  FieldExpressionContext,
  ForStatementContext,
  IdPrimaryContext,
  IfStatementContext,
  InsertStatementContext,
  LiteralPrimaryContext,
  LocalVariableDeclarationContext,
  MergeStatementContext,
  MethodCallExpressionContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  QueryContext,
  SoqlPrimaryContext,
  SoslPrimaryContext,
  SubExpressionContext,
  SubQueryContext,
  SuperPrimaryContext,
  SwitchStatementContext,
  ThisPrimaryContext,
  TryStatementContext,
  TypeRefPrimaryContext,
  UndeleteStatementContext,
  UpdateStatementContext,
  UpsertStatementContext,
  ValueContext,
  WhileStatementContext,
  type ApexParserRuleContext as ParserRuleContext,
  type CreatorContext,
  type ExpressionListContext,
  type FromNameListContext
} from '@apexdevtools/apex-parser';
import {
  type ApexProject,
  lineOfNode,
  type MethodDecl,
  ruleChildren,
  type TypeDecl,
  type TypeRef,
  typeRefOf,
  type VarDecl
} from './apex-project.js';

export type OpKind = 'soql' | 'sosl' | 'dml' | 'callout' | 'email' | 'async';

export interface Op {
  type: 'op';
  kind: OpKind;
  label: string;
  line: number;
  /** Inside `if (field == null) { field = …; }`: runs once, however often the code around it runs. */
  once?: boolean;
}

export interface Call {
  type: 'call';
  line: number;
  text: string;
  targets: MethodDecl[];
  /** A trigger fired by a DML statement (not a call written in the code). */
  viaDml?: boolean;
  /** …by DML on records whose object is not known: any object's triggers may be the ones. */
  anyObject?: boolean;
  once?: boolean;
}

export interface Loop {
  line: number;
  label: string;
  /** Operations and calls inside this loop and not inside a nested loop. */
  items: (Op | Call)[];
}

export type Cost =
  { kind: 'item'; item: Op | Call } | { kind: 'seq'; items: Cost[] } | { kind: 'alt'; items: Cost[] };

export interface AssertCall {
  line: number;
  /** `system.assertequals`, `assert.istrue`, … */
  name: string;
  args: ExpressionContext[];
}

/** A string literal (or constant) assigned to, compared with, or bound in SOQL against a field. */
export interface LiteralUse {
  line: number;
  /** The SObject type the path starts from, when known (declared type, FROM object, `new X(...)`). */
  object?: string;
  /** A SOQL subquery's child relationship, read from `object`, when the condition is inside one. */
  childRelationship?: string;
  path: string[];
  values: string[];
  how: string;
}

export interface MethodFacts {
  method: MethodDecl;
  ops: Op[];
  calls: Call[];
  loops: Loop[];
  cost: Cost;
  asserts: AssertCall[];
  /** Lower-cased local variables whose every assignment in the method is a `new` expression. */
  builtLocals: Set<string>;
  literals: LiteralUse[];
}

type Typed =
  | { kind: 'value'; type: TypeRef; from?: TypeDecl | undefined }
  | { kind: 'type'; name: string; decl?: TypeDecl | undefined }
  | { kind: 'super' };

const lower = (s: string): string => s.toLowerCase();
const EMPTY: Cost = { kind: 'seq', items: [] };
const seq = (...items: Cost[]): Cost => {
  const flat = items.filter((c) => !(c.kind === 'seq' && c.items.length === 0));
  return flat.length === 1 ? (flat[0] as Cost) : { kind: 'seq', items: flat };
};

/** Database methods that run a query. */
export const DATABASE_QUERY = new Set([
  'query',
  'querywithbinds',
  'countquery',
  'countquerywithbinds',
  'getquerylocator',
  'getquerylocatorwithbinds',
  'getcursor',
  'getcursorwithbinds',
  'getpaginationcursor',
  'getpaginationcursorwithbinds'
]);
/** Database methods that count as DML statements (savepoints and rollbacks count too). */
const DATABASE_DML = new Set([
  'insert',
  'update',
  'upsert',
  'delete',
  'undelete',
  'merge',
  'convertlead',
  'emptyrecyclebin',
  'setsavepoint',
  'rollback',
  'insertasync',
  'insertimmediate',
  'updateasync',
  'updateimmediate',
  'deleteasync',
  'deleteimmediate'
]);
const DML_TRIGGER_EVENTS: Record<string, string[]> = {
  insert: ['insert'],
  update: ['update'],
  upsert: ['insert', 'update'],
  delete: ['delete'],
  undelete: ['undelete'],
  merge: ['update', 'delete']
};

/** `'it\'s'` → `it's`. */
export function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** A `new X(...)`'s created type. */
function createdType(creator: CreatorContext): TypeRef {
  const pairs = creator.createdName().idCreatedNamePair_list();
  const last = pairs[pairs.length - 1];
  const args = (last?.typeList()?.typeRef_list() ?? [])
    .map((t) => typeRefOf(t))
    .filter((t): t is TypeRef => !!t);
  return { name: pairs.map((p) => p.anyId().getText()).join('.'), args };
}

function argList(list: ExpressionListContext | null | undefined): ExpressionContext[] {
  return list?.expression_list() ?? [];
}

/** Analyses one method body against the project's declarations. */
export class BodyWalker {
  private readonly scopes: Map<string, TypeRef>[] = [];
  private readonly loopStack: Loop[] = [];
  private readonly assigned = new Map<string, boolean>();
  private onceDepth = 0;
  readonly facts: MethodFacts;
  private readonly owner: TypeDecl;

  constructor(
    private readonly project: ApexProject,
    private readonly method: MethodDecl
  ) {
    this.owner = method.owner;
    this.facts = {
      method,
      ops: [],
      calls: [],
      loops: [],
      cost: EMPTY,
      asserts: [],
      builtLocals: new Set(),
      literals: []
    };
  }

  run(): MethodFacts {
    this.scopes.push(new Map(this.method.params.map((p) => [lower(p.name), p.type])));
    this.facts.cost = seq(...this.method.bodies.map((b) => this.node(b)));
    this.scopes.pop();
    for (const [name, allNew] of this.assigned) if (allNew) this.facts.builtLocals.add(name);
    return this.facts;
  }

  // ---- recording -------------------------------------------------------------------------------

  private record(item: Op | Call): Cost {
    if (this.onceDepth > 0) item.once = true;
    if (item.type === 'op') this.facts.ops.push(item);
    else this.facts.calls.push(item);
    const loop = this.loopStack[this.loopStack.length - 1];
    if (loop) loop.items.push(item);
    return { kind: 'item', item };
  }

  private op(kind: OpKind, label: string, line: number): Cost {
    return this.record({ type: 'op', kind, label, line });
  }

  private inLoop(line: number, label: string, fn: () => Cost): Cost {
    const loop: Loop = { line, label, items: [] };
    this.facts.loops.push(loop);
    this.loopStack.push(loop);
    try {
      return fn();
    } finally {
      this.loopStack.pop();
    }
  }

  private withScope<T>(fn: () => T): T {
    this.scopes.push(new Map());
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  private declare(name: string, type: TypeRef): void {
    this.scopes[this.scopes.length - 1]?.set(lower(name), type);
  }

  // ---- statements ------------------------------------------------------------------------------

  /** Walks any node; statements and expressions it knows get their own handling. */
  private node(n: ParserRuleContext | null | undefined): Cost {
    if (!n) return EMPTY;
    if (n instanceof BlockContext) return this.withScope(() => this.statements(ruleChildren(n)));
    if (n instanceof LocalVariableDeclarationContext) return this.localDeclaration(n);
    if (n instanceof IfStatementContext) {
      const [thenStmt, elseStmt] = n.statement_list();
      const guard = this.lazyGuard(n);
      if (guard) this.onceDepth++;
      const thenCost = this.withScope(() => this.node(thenStmt));
      if (guard) this.onceDepth--;
      return seq(this.node(n.parExpression()), {
        kind: 'alt',
        items: [thenCost, this.withScope(() => this.node(elseStmt))]
      });
    }
    if (n instanceof SwitchStatementContext) return this.switchStatement(n);
    if (n instanceof ForStatementContext) return this.forStatement(n);
    if (n instanceof WhileStatementContext) {
      return this.inLoop(lineOfNode(n), 'while loop', () =>
        seq(
          this.node(n.parExpression()),
          this.withScope(() => this.node(n.statement()))
        )
      );
    }
    if (n instanceof DoWhileStatementContext) {
      return this.inLoop(lineOfNode(n), 'do-while loop', () =>
        seq(this.node(n.block()), this.node(n.parExpression()))
      );
    }
    if (n instanceof TryStatementContext) {
      const catches = n.catchClause_list().map((c) => this.catchClause(c));
      return seq(this.node(n.block()), ...catches, this.node(n.finallyBlock()));
    }
    if (
      n instanceof InsertStatementContext ||
      n instanceof UpdateStatementContext ||
      n instanceof DeleteStatementContext ||
      n instanceof UndeleteStatementContext ||
      n instanceof UpsertStatementContext
    ) {
      const verb = lower(n.getChild(0)?.getText() ?? 'dml');
      const target = n.expression();
      return seq(this.node(target), this.dml(verb, lineOfNode(n), target, `${verb} statement`));
    }
    if (n instanceof MergeStatementContext) {
      const [master] = n.expression_list();
      return seq(
        ...n.expression_list().map((e) => this.node(e)),
        this.dml('merge', lineOfNode(n), master, 'merge statement')
      );
    }
    if (isExpression(n)) return this.expression(n);
    return seq(...ruleChildren(n).map((c) => this.node(c)));
  }

  /**
   * `if (cache == null) { cache = …; }` on a field (not a local): the body fills the field once, so
   * what it runs is not repeated by a loop around the code (lazy loading, memoised selectors).
   */
  private lazyGuard(n: IfStatementContext): boolean {
    const field = this.nullTestedField(n, 'EQUAL');
    const thenStmt = n.statement_list()[0];
    return !!field && !!thenStmt && assignsTo(thenStmt, field);
  }

  /**
   * A block's statements. After `if (cache != null) { return cache; }` the rest of the block fills the
   * field (early-return memoisation): like `if (cache == null) { … }`, it runs once.
   */
  private statements(list: ParserRuleContext[]): Cost {
    const costs: Cost[] = [];
    let guarded = false;
    for (const [i, stmt] of list.entries()) {
      costs.push(this.node(stmt));
      const ifStmt = stmt.getChild(0);
      if (guarded || !(ifStmt instanceof IfStatementContext)) continue;
      const field = this.nullTestedField(ifStmt, 'NOTEQUAL');
      const thenText = ifStmt.statement_list()[0]?.getText().toLowerCase() ?? '';
      const rest = list.slice(i + 1);
      if (field && /^\{?return/.test(thenText) && rest.some((r) => assignsTo(r, field))) {
        guarded = true;
        this.onceDepth++;
      }
    }
    if (guarded) this.onceDepth--;
    return seq(...costs);
  }

  /** `field == null` / `field != null` (either side) on a field or property: its lower-case name. */
  private nullTestedField(n: IfStatementContext, op: 'EQUAL' | 'NOTEQUAL'): string | undefined {
    const cond = n.parExpression().expression();
    if (!(cond instanceof EqualityExpressionContext) || !cond[op]()) return undefined;
    const [l, r] = cond.expression_list();
    const other =
      l?.getText().toLowerCase() === 'null' ? r : r?.getText().toLowerCase() === 'null' ? l : undefined;
    if (!other || !this.propertyOrField(other)) return undefined;
    return other
      .getText()
      .toLowerCase()
      .replace(/^this\./, '');
  }

  /** The field or property a name or `receiver.name` expression reads, when it is one of the project's. */
  private propertyOrField(e: ExpressionContext): VarDecl | undefined {
    if (e instanceof PrimaryExpressionContext && e.primary() instanceof IdPrimaryContext) {
      const key = lower(e.getText());
      if (this.scopes.some((scope) => scope.has(key))) return undefined;
      for (let t: TypeDecl | undefined = this.owner; t; t = t.outer) {
        for (const s of this.project.superChain(t)) {
          const f = s.fields.get(key);
          if (f) return f;
        }
      }
      return undefined;
    }
    if (e instanceof DotExpressionContext && !e.dotMethodCall()) {
      const left = this.typeOf(e.expression());
      const decl = left?.kind === 'type' ? left.decl : left?.kind === 'value' ? this.declOf(left) : undefined;
      if (!decl) return undefined;
      for (const s of this.project.superChain(decl)) {
        const f = s.fields.get(lower(e.anyId().getText()));
        if (f) return f;
      }
    }
    return undefined;
  }

  private catchClause(c: CatchClauseContext): Cost {
    return this.withScope(() => {
      this.declare(c.id().getText(), { name: c.qualifiedName().getText(), args: [] });
      return this.node(c.block());
    });
  }

  private localDeclaration(n: LocalVariableDeclarationContext): Cost {
    const type = typeRefOf(n.typeRef()) ?? { name: '?', args: [] };
    const costs: Cost[] = [];
    for (const d of n.variableDeclarators().variableDeclarator_list()) {
      const init = d.expression();
      costs.push(this.node(init));
      this.declare(d.id().getText(), type);
      this.noteAssignment(d.id().getText(), init);
    }
    return seq(...costs);
  }

  private noteAssignment(name: string, value: ExpressionContext | null | undefined): void {
    const key = lower(name);
    const isNew = !!value && value instanceof NewExpressionContext;
    this.assigned.set(key, (this.assigned.get(key) ?? true) && isNew);
  }

  private forStatement(n: ForStatementContext): Cost {
    const control = n.forControl();
    const line = lineOfNode(n);
    const enhanced = control.enhancedForControl();
    if (enhanced) {
      // The collection (a SOQL for-loop's query too) is evaluated once, before the first iteration.
      const iterable = this.node(enhanced.expression());
      return this.withScope(() => {
        this.declare(enhanced.id().getText(), typeRefOf(enhanced.typeRef()) ?? { name: '?', args: [] });
        const soqlFor = enhanced.expression().getText().startsWith('[');
        return seq(
          iterable,
          this.inLoop(line, soqlFor ? 'SOQL for loop' : 'for-each loop', () => this.node(n.statement()))
        );
      });
    }
    return this.withScope(() => {
      const init = this.node(control.forInit());
      return seq(
        init,
        this.inLoop(line, 'for loop', () =>
          seq(this.node(control.expression()), this.node(n.statement()), this.node(control.forUpdate()))
        )
      );
    });
  }

  private switchStatement(n: SwitchStatementContext): Cost {
    const subject = n.expression();
    const branches: Cost[] = [];
    const literals: string[] = [];
    let line = lineOfNode(n);
    for (const when of n.whenControl_list()) {
      const value = when.whenValue();
      for (const lit of value.whenLiteral_list()) {
        const s = lit.StringLiteral();
        if (s) {
          literals.push(unquote(s.getText()));
          line = lineOfNode(lit);
        }
      }
      branches.push(
        this.withScope(() => {
          const typeRef = value.typeRef();
          if (typeRef && value.id())
            this.declare(value.id().getText(), typeRefOf(typeRef) ?? { name: '?', args: [] });
          return this.node(when.block());
        })
      );
    }
    if (literals.length) this.fieldLiteral(subject, literals, line, 'switch when');
    return seq(this.node(subject), { kind: 'alt', items: branches });
  }

  // ---- expressions -----------------------------------------------------------------------------

  private expression(e: ExpressionContext): Cost {
    if (e instanceof PrimaryExpressionContext) {
      const p = e.primary();
      if (p instanceof SoqlPrimaryContext) {
        const query = p.soqlLiteral().query();
        this.soqlLiterals(query);
        return seq(this.children(p), this.op('soql', 'SOQL query', lineOfNode(p)));
      }
      if (p instanceof SoslPrimaryContext)
        return seq(this.children(p), this.op('sosl', 'SOSL search', lineOfNode(p)));
      if (p instanceof IdPrimaryContext) return this.propertyAccess(e, 'get');
      return EMPTY;
    }
    if (e instanceof MethodCallExpressionContext) {
      const call = e.methodCall();
      const args = argList(call.expressionList());
      const argCost = args.map((a) => this.node(a));
      const line = lineOfNode(e);
      let targets: MethodDecl[];
      if (call.THIS()) targets = this.constructors(this.owner, args);
      else if (call.SUPER()) {
        const parent = this.project.superOf(this.owner);
        targets = parent ? this.constructors(parent, args) : [];
      } else targets = this.resolveUnqualified(call.id().getText(), args);
      const text = `${call.THIS() ? 'this' : call.SUPER() ? 'super' : call.id().getText()}(…)`;
      return seq(...argCost, this.callCost(line, text, targets));
    }
    if (e instanceof DotExpressionContext) return this.dotExpression(e);
    if (e instanceof NewExpressionContext) return this.newExpression(e);
    if (e instanceof AssignExpressionContext) {
      const [left, right] = e.expression_list();
      if (left && right && e.ASSIGN()) {
        this.fieldLiteral(left, this.literalValues(right), lineOfNode(e), 'assigned');
        const id = simpleName(left);
        if (id) this.noteAssignment(id, right);
      }
      // `prop = x` runs the property's setter (and `prop += x` its getter too).
      const write = left ? this.propertyAccess(left, 'set') : EMPTY;
      const read = left && !e.ASSIGN() ? this.propertyAccess(left, 'get') : EMPTY;
      const receiver =
        left instanceof DotExpressionContext && !left.dotMethodCall() ? this.node(left.expression()) : EMPTY;
      const target =
        left instanceof DotExpressionContext || simpleName(left as ExpressionContext)
          ? EMPTY
          : this.node(left);
      return seq(this.node(right), receiver, target, read, write);
    }
    if (e instanceof EqualityExpressionContext && !e.TRIPLEEQUAL() && !e.TRIPLENOTEQUAL()) {
      const [left, right] = e.expression_list();
      if (left && right) {
        const how = e.EQUAL() ? 'compared (==)' : 'compared (!=)';
        this.fieldLiteral(left, this.literalValues(right), lineOfNode(e), how);
        this.fieldLiteral(right, this.literalValues(left), lineOfNode(e), how);
      }
      return this.children(e);
    }
    if (e instanceof CondExpressionContext) {
      const [cond, a, b] = e.expression_list();
      return seq(this.node(cond), { kind: 'alt', items: [this.node(a), this.node(b)] });
    }
    return this.children(e);
  }

  private children(n: ParserRuleContext): Cost {
    return seq(...ruleChildren(n).map((c) => this.node(c)));
  }

  /** Reading or writing a property with a `get`/`set` body is a call to that body. */
  private propertyAccess(e: ExpressionContext, kind: 'get' | 'set'): Cost {
    const f = this.propertyOrField(e);
    const accessor = kind === 'get' ? f?.getter : f?.setter;
    if (!accessor || accessor === this.method) return EMPTY; // inside its own accessor it is the field
    return this.callCost(lineOfNode(e), `${e.getText()} (${kind})`, [accessor]);
  }

  private callCost(line: number, text: string, targets: MethodDecl[]): Cost {
    // An @future method runs later, in its own transaction: nothing it does counts here, but the
    // call itself is one of the 50 asynchronous calls a transaction may make.
    if (targets.length === 0) return EMPTY;
    const inline = targets.filter((t) => !t.annotations.some((a) => a.name === 'future'));
    if (inline.length === 0) return this.op('async', `@future call ${text}`, line);
    return this.record({ type: 'call', line, text, targets: inline });
  }

  private dotExpression(e: DotExpressionContext): Cost {
    const receiver = e.expression();
    const call = e.dotMethodCall();
    if (!call) return seq(this.node(receiver), this.propertyAccess(e, 'get'));
    const name = call.anyId().getText();
    const key = lower(name);
    const args = argList(call.expressionList());
    const line = lineOfNode(e);
    const recv = this.typeOf(receiver);
    const sys = recv?.kind === 'type' && !recv.decl ? lower(recv.name).replace(/^system\./, '') : undefined;
    const argCost = (a: ExpressionContext, i: number): Cost => {
      // Database.getQueryLocator([SELECT …]) runs its query once, as the locator: one query, not two.
      const p = a instanceof PrimaryExpressionContext ? a.primary() : undefined;
      if (i === 0 && sys === 'database' && DATABASE_QUERY.has(key) && p instanceof SoqlPrimaryContext) {
        this.soqlLiterals(p.soqlLiteral().query());
        return this.children(p);
      }
      return this.node(a);
    };
    const before = seq(this.node(receiver), ...args.map(argCost));
    if (sys !== undefined) {
      // 50 queueable jobs and 50 @future calls per transaction; System.schedule and
      // Database.executeBatch have org-wide limits instead, not per-transaction ones.
      if (sys === 'system' && key === 'enqueuejob')
        return seq(before, this.op('async', 'System.enqueueJob', line));
      if (sys === 'system' || sys === 'assert') {
        if (sys === 'assert' || key.startsWith('assert'))
          this.facts.asserts.push({ line, name: `${sys}.${key}`, args });
        return before;
      }
      if (sys === 'database' && DATABASE_QUERY.has(key))
        return seq(before, this.op('soql', `Database.${name}`, line));
      if (sys === 'database' && DATABASE_DML.has(key)) {
        return seq(before, this.dml(key, line, args[0], `Database.${name}`));
      }
      if (sys === 'eventbus' && key === 'publish')
        return seq(before, this.op('dml', 'EventBus.publish', line));
      if (sys === 'messaging' && (key === 'sendemail' || key === 'sendemailmessage'))
        return seq(before, this.op('email', `Messaging.${name}`, line));
      if (sys === 'approval' && (key === 'process' || key === 'lock' || key === 'unlock'))
        return seq(before, this.op('dml', `Approval.${name}`, line));
      if (sys === 'webservicecallout' && key === 'invoke')
        return seq(before, this.op('callout', 'WebServiceCallout.invoke', line));
      if (sys === 'search' && (key === 'query' || key === 'find'))
        return seq(before, this.op('sosl', `Search.${name}`, line));
      return before;
    }
    if (key === 'send' && args.length === 1 && recv?.kind === 'value' && isSystemHttp(recv, this.project)) {
      return seq(before, this.op('callout', 'HTTP callout (Http.send)', line));
    }
    const targets = this.resolveOn(recv, name, args);
    return seq(before, this.callCost(line, `${receiver.getText()}.${name}(…)`, targets));
  }

  private newExpression(e: NewExpressionContext): Cost {
    const creator = e.creator();
    const type = createdType(creator);
    const rest = creator.classCreatorRest();
    const args = argList(rest?.arguments()?.expressionList());
    const decl = this.project.resolveType(type.name, this.owner);
    if (!decl && rest) {
      // new Obj__c(Field__c = 'x', …): name = value pairs, not expressions over local names.
      const costs: Cost[] = [];
      for (const a of args) {
        if (a instanceof AssignExpressionContext) {
          const [left, right] = a.expression_list();
          const field = left ? simpleName(left) : undefined;
          if (field && right) {
            const values = this.literalValues(right);
            if (values.length) {
              this.facts.literals.push({
                line: lineOfNode(a),
                object: type.name,
                path: [field],
                values,
                how: 'set in new'
              });
            }
            costs.push(this.node(right));
            continue;
          }
        }
        costs.push(this.node(a));
      }
      return seq(...costs);
    }
    const argCost = ruleChildren(creator).map((c) => this.node(c));
    if (!decl || decl.kind !== 'class' || !rest) return seq(...argCost);
    return seq(
      ...argCost,
      this.callCost(lineOfNode(e), `new ${type.name}(…)`, this.constructors(decl, args))
    );
  }

  /** A constructor call: the matching constructor(s) and the field initializers of the class and its parents. */
  private constructors(decl: TypeDecl, args: ExpressionContext[]): MethodDecl[] {
    const out: MethodDecl[] = [];
    const ctors = decl.methods.filter((m) => m.kind === 'constructor' && m.params.length === args.length);
    out.push(...this.byArgTypes(ctors, args));
    for (const t of this.project.superChain(decl)) {
      const init = t.methods.find((m) => m.kind === 'initializer');
      if (init && init.bodies.length) out.push(init);
      if (t !== decl) {
        const noArg = t.methods.find((m) => m.kind === 'constructor' && m.params.length === 0);
        if (noArg) out.push(noArg);
      }
    }
    return out;
  }

  /**
   * A DML statement, and the project triggers it fires in the same transaction: all triggers of its
   * object (with a matching event) run one after the other. When the statement's object is not known
   * (`List<SObject>`), it may be any object with triggers: the largest of them counts.
   */
  private dml(verb: string, line: number, target: ExpressionContext | null | undefined, label: string): Cost {
    const opCost = this.op('dml', label, line);
    const events = DML_TRIGGER_EVENTS[verb];
    if (!events || !target) return opCost;
    const typed = this.typeOf(target);
    const sobject = typed?.kind === 'value' ? elementType(typed.type).name : undefined;
    if (typed?.kind === 'value' && this.declOf(typed)) return opCost; // a project class: not a record
    const generic = !sobject || ['sobject', 'object', '?'].includes(lower(sobject));
    const byObject = new Map<string, MethodDecl[]>();
    for (const t of this.project.types) {
      if (t.kind !== 'trigger' || !t.triggerObject || lower(t.triggerObject).endsWith('__e')) continue;
      if (!generic && lower(t.triggerObject) !== lower(sobject)) continue;
      if (!(t.triggerEvents ?? []).some((ev) => events.some((v) => ev.endsWith(v)))) continue;
      const key = lower(t.triggerObject);
      byObject.set(key, [...(byObject.get(key) ?? []), ...t.methods]);
    }
    if (byObject.size === 0) return opCost;
    const perObject = [...byObject.entries()].map(([obj, methods]) =>
      seq(
        ...methods.map((m) =>
          this.record({
            type: 'call',
            line,
            text: `${verb} on ${obj} fires trigger ${m.name}`,
            targets: [m],
            viaDml: true,
            ...(generic ? { anyObject: true } : {})
          })
        )
      )
    );
    return seq(opCost, { kind: 'alt', items: perObject });
  }

  // ---- types and resolution --------------------------------------------------------------------

  private lookupName(name: string): Typed | undefined {
    const key = lower(name);
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i]?.get(key);
      if (t) return { kind: 'value', type: t, from: this.owner };
    }
    for (let t: TypeDecl | undefined = this.owner; t; t = t.outer) {
      for (const s of this.project.superChain(t)) {
        const f = s.fields.get(key);
        if (f) return { kind: 'value', type: f.type, from: s };
      }
    }
    const decl = this.project.resolveType(name, this.owner);
    return decl ? { kind: 'type', name: decl.qualified, decl } : { kind: 'type', name };
  }

  /** The static type of an expression, as far as declarations tell; undefined when unknown. */
  typeOf(e: ExpressionContext | null | undefined, depth = 0): Typed | undefined {
    if (!e || depth > 12) return undefined;
    if (e instanceof PrimaryExpressionContext) {
      const p = e.primary();
      if (p instanceof ThisPrimaryContext)
        return { kind: 'value', type: { name: this.owner.qualified, args: [] }, from: this.owner };
      if (p instanceof SuperPrimaryContext) return { kind: 'super' };
      if (p instanceof IdPrimaryContext) return this.lookupName(p.getText());
      if (p instanceof LiteralPrimaryContext) {
        return p.literal().StringLiteral()
          ? { kind: 'value', type: { name: 'String', args: [] } }
          : undefined;
      }
      if (p instanceof SoqlPrimaryContext) {
        const from = fromObject(p.soqlLiteral().query().fromNameList());
        return { kind: 'value', type: { name: 'List', args: [{ name: from, args: [] }] } };
      }
      if (p instanceof TypeRefPrimaryContext) return undefined;
      return undefined;
    }
    if (e instanceof SubExpressionContext) return this.typeOf(e.expression(), depth + 1);
    if (e instanceof CastExpressionContext) {
      const t = typeRefOf(e.typeRef());
      return t ? { kind: 'value', type: t, from: this.owner } : undefined;
    }
    if (e instanceof NewExpressionContext)
      return { kind: 'value', type: createdType(e.creator()), from: this.owner };
    if (e instanceof CondExpressionContext) return this.typeOf(e.expression(1), depth + 1);
    if (e instanceof ArrayExpressionContext) {
      const base = this.typeOf(e.expression(0), depth + 1);
      if (base?.kind === 'value' && lower(base.type.name) === 'list' && base.type.args[0]) {
        return { ...base, type: base.type.args[0] };
      }
      return undefined;
    }
    if (e instanceof DotExpressionContext) {
      const left = this.typeOf(e.expression(), depth + 1);
      const call = e.dotMethodCall();
      if (call) {
        const name = call.anyId().getText();
        const args = argList(call.expressionList());
        if (left?.kind === 'value') {
          const coll = collectionResult(left.type, lower(name));
          if (coll) return { ...left, type: coll };
        }
        return returnTypeOf(this.resolveOn(left, name, args));
      }
      const member = e.anyId().getText();
      if (!left) return undefined;
      if (left.kind === 'type') {
        if (left.decl) {
          const f = fieldOf(this.project, left.decl, member);
          if (f) return f;
          const inner = left.decl.inners.get(lower(member));
          if (inner) return { kind: 'type', name: inner.qualified, decl: inner };
          return undefined;
        }
        const sys = lower(left.name);
        if (sys === 'trigger' && (lower(member) === 'new' || lower(member) === 'old')) {
          const obj = this.owner.kind === 'trigger' ? (this.owner.triggerObject ?? 'SObject') : 'SObject';
          return { kind: 'value', type: { name: 'List', args: [{ name: obj, args: [] }] } };
        }
        return { kind: 'type', name: `${left.name}.${member}` };
      }
      if (left.kind === 'value') {
        const decl = this.declOf(left);
        if (decl) return fieldOf(this.project, decl, member);
      }
      return undefined;
    }
    if (e instanceof MethodCallExpressionContext) {
      const call = e.methodCall();
      if (call.THIS() || call.SUPER()) return undefined;
      return returnTypeOf(this.resolveUnqualified(call.id().getText(), argList(call.expressionList())));
    }
    return undefined;
  }

  private declOf(v: { type: TypeRef; from?: TypeDecl | undefined }): TypeDecl | undefined {
    return this.project.resolveType(v.type.name, v.from ?? this.owner);
  }

  /** Methods named `name` with the call's arity, in `t` or the nearest superclass that declares one. */
  private upSearch(t: TypeDecl, name: string, arity: number): MethodDecl[] {
    const key = lower(name);
    const seen = new Set<TypeDecl>();
    const queue: TypeDecl[] = [t];
    while (queue.length) {
      const s = queue.shift() as TypeDecl;
      if (seen.has(s)) continue;
      seen.add(s);
      const found = s.methods.filter(
        (m) => m.kind === 'method' && lower(m.name) === key && m.params.length === arity
      );
      if (found.length) return found;
      const parent = this.project.superOf(s);
      if (parent) queue.push(parent);
      if (s.kind === 'interface') {
        for (const r of s.implementsRefs) {
          const i = this.project.resolveType(r.name, s.outer ?? s);
          if (i) queue.push(i);
        }
      }
    }
    return [];
  }

  /** Virtual dispatch: the method as seen from `t` and every override in its subclasses or implementers. */
  private dispatch(t: TypeDecl, name: string, args: ExpressionContext[]): MethodDecl[] {
    const out = new Set<MethodDecl>(this.upSearch(t, name, args.length));
    if (out.size === 0 && t.kind !== 'interface' && !t.modifiers.has('abstract')) return [];
    // Test doubles (implementers inside test classes) never run in production code.
    const inTest = this.project.isTestType(this.owner);
    for (const sub of this.project.subtypesOf(t)) {
      if (!inTest && this.project.isTestType(sub)) continue;
      for (const m of this.upSearch(sub, name, args.length)) out.add(m);
    }
    return this.byArgTypes([...out], args);
  }

  private resolveOn(recv: Typed | undefined, name: string, args: ExpressionContext[]): MethodDecl[] {
    if (!recv) return [];
    if (recv.kind === 'super') {
      const parent = this.project.superOf(this.owner);
      return parent ? this.byArgTypes(this.upSearch(parent, name, args.length), args) : [];
    }
    if (recv.kind === 'type') {
      return recv.decl ? this.byArgTypes(this.upSearch(recv.decl, name, args.length), args) : [];
    }
    const decl = this.declOf(recv);
    return decl ? this.dispatch(decl, name, args) : [];
  }

  private resolveUnqualified(name: string, args: ExpressionContext[]): MethodDecl[] {
    for (let t: TypeDecl | undefined = this.owner; t; t = t.outer) {
      const found = this.upSearch(t, name, args.length);
      if (found.length) {
        if (t === this.owner && found.some((m) => !m.isStatic)) return this.dispatch(t, name, args);
        return this.byArgTypes(found, args);
      }
    }
    return [];
  }

  /** Among same-arity overloads, those whose parameter types fit the arguments' known types. */
  private byArgTypes(methods: MethodDecl[], args: ExpressionContext[]): MethodDecl[] {
    if (methods.length < 2) return methods;
    const argTypes = args.map((a) => {
      const t = this.typeOf(a);
      return t?.kind === 'value' ? lower(t.type.name) : undefined;
    });
    const fits = methods.filter((m) =>
      m.params.every((p, i) => {
        const a = argTypes[i];
        const pt = lower(p.type.name);
        return !a || a === pt || pt === 'object' || pt === 'sobject';
      })
    );
    return fits.length ? fits : methods;
  }

  // ---- literals against fields (picklist rule) -------------------------------------------------

  /** The string values an expression stands for: a literal, a constant, or a list/set of them. */
  literalValues(e: ExpressionContext | null | undefined, depth = 0): string[] {
    if (!e || depth > 5) return [];
    if (e instanceof SubExpressionContext) return this.literalValues(e.expression(), depth + 1);
    if (e instanceof PrimaryExpressionContext) {
      const p = e.primary();
      if (p instanceof LiteralPrimaryContext) {
        const s = p.literal().StringLiteral();
        return s ? [unquote(s.getText())] : [];
      }
      if (p instanceof IdPrimaryContext) return this.constantValues(this.owner, p.getText(), depth);
      return [];
    }
    if (e instanceof DotExpressionContext && !e.dotMethodCall()) {
      const left = this.typeOf(e.expression());
      if (left?.kind === 'type' && left.decl)
        return this.constantValues(left.decl, e.anyId().getText(), depth, true);
      return [];
    }
    if (e instanceof NewExpressionContext) {
      const set = e.creator().setCreatorRest();
      const arr = e.creator().arrayCreatorRest()?.arrayInitializer();
      const items = set?.expression_list() ?? arr?.expression_list() ?? [];
      const values = items.map((i) => this.literalValues(i, depth + 1));
      return values.every((v) => v.length > 0) ? values.flat() : [];
    }
    return [];
  }

  private constantValues(from: TypeDecl, name: string, depth: number, exact = false): string[] {
    const key = lower(name);
    if (!exact) for (const scope of this.scopes) if (scope.has(key)) return []; // a local shadows the field
    for (let t: TypeDecl | undefined = from; t; t = exact ? undefined : t.outer) {
      const f = t.fields.get(key);
      if (f) return f.isFinal && f.isStatic && f.init ? this.literalValues(f.init, depth + 1) : [];
    }
    return [];
  }

  /** Records `target` (a field access such as `rec.Status__c`) receiving string values. */
  private fieldLiteral(
    target: ExpressionContext | null | undefined,
    values: string[],
    line: number,
    how: string
  ): void {
    if (!target || values.length === 0) return;
    const path: string[] = [];
    let base: ExpressionContext | null | undefined = target;
    while (base instanceof DotExpressionContext && !base.dotMethodCall()) {
      path.unshift(base.anyId().getText());
      base = base.expression();
      const typed = this.typeOf(base);
      if (typed?.kind === 'value' && !this.declOf(typed)) {
        const obj = elementType(typed.type).name;
        // Object, SObject and the like say nothing about which object: checked as an unknown record.
        const known = !['list', 'set', 'map', 'string', 'object', 'sobject', '?'].includes(lower(obj));
        this.facts.literals.push({ line, ...(known ? { object: obj } : {}), path: [...path], values, how });
        return;
      }
      if (typed) return; // a project class's field or a static reference: not an SObject field
    }
    if (path.length) this.facts.literals.push({ line, path, values, how }); // base of unknown type
  }

  private soqlLiterals(query: QueryContext | SubQueryContext, childOf?: string): void {
    const from = fromObject(query.fromNameList());
    const alias = query.fromNameList().soqlId_list()[0]?.getText();
    const scope = childOf ? { object: childOf, childRelationship: from } : { object: from };
    const visit = (n: ParserRuleContext): void => {
      for (const c of ruleChildren(n)) {
        if (c instanceof SubQueryContext) {
          // (SELECT … FROM Children__r) in the select list is a child scope; in WHERE a semi-join.
          const inSelect = !isWhereDescendant(c);
          this.soqlLiterals(c, inSelect ? from : undefined);
          continue;
        }
        if (c instanceof FieldExpressionContext && c.fieldName()) {
          const semiJoin = c.value()?.subQuery();
          if (semiJoin) this.soqlLiterals(semiJoin);
          const op = lower(c.comparisonOperator().getText());
          if (op === '=' || op === '!=' || op === '<>' || op === 'in' || op === 'notin') {
            const values = this.soqlValues(c.value());
            if (values.length) {
              let path = c
                .fieldName()
                .soqlId_list()
                .map((s) => s.getText());
              const first = lower(path[0] ?? '');
              if (path.length > 1 && (first === lower(alias ?? '') || first === lower(from)))
                path = path.slice(1);
              this.facts.literals.push({
                line: lineOfNode(c),
                ...scope,
                path,
                values,
                how: `SOQL ${op.toUpperCase()}`
              });
            }
          }
          continue;
        }
        visit(c);
      }
    };
    visit(query);
  }

  private soqlValues(v: ValueContext): string[] {
    const s = v.StringLiteral();
    if (s) return [unquote(s.getText())];
    const list = v.valueList();
    if (list) {
      const values = list.value_list().map((x) => this.soqlValues(x));
      return values.every((x) => x.length > 0) ? values.flat() : [];
    }
    const bound = v.boundExpression();
    if (bound) return this.literalValues(bound.expression());
    return [];
  }
}

/** Does a statement assign (`=`) the field named `target` (lower case, without `this.`)? */
function assignsTo(stmt: ParserRuleContext, target: string): boolean {
  let found = false;
  const visit = (x: ParserRuleContext): void => {
    if (found) return;
    if (x instanceof AssignExpressionContext && x.ASSIGN()) {
      const left = x
        .expression(0)
        ?.getText()
        .toLowerCase()
        .replace(/^this\./, '');
      if (left === target) found = true;
    }
    ruleChildren(x).forEach(visit);
  };
  visit(stmt);
  return found;
}

function isWhereDescendant(n: ParserRuleContext): boolean {
  for (let p = n.parentCtx as ParserRuleContext | null; p; p = p.parentCtx as ParserRuleContext | null) {
    if (p instanceof ValueContext) return true;
    if (p instanceof QueryContext || p instanceof SubQueryContext) return false;
  }
  return false;
}

function isExpression(n: ParserRuleContext): n is ExpressionContext {
  return n instanceof ExpressionContext;
}

function simpleName(e: ExpressionContext): string | undefined {
  if (e instanceof PrimaryExpressionContext && e.primary() instanceof IdPrimaryContext) return e.getText();
  return undefined;
}

function fromObject(list: FromNameListContext): string {
  return list.fieldName_list()[0]?.getText() ?? '';
}

function elementType(t: TypeRef): TypeRef {
  const n = lower(t.name);
  if ((n === 'list' || n === 'set') && t.args[0]) return t.args[0];
  return t;
}

function isSystemHttp(v: { type: TypeRef }, project: ApexProject): boolean {
  const n = lower(v.type.name);
  return (n === 'http' || n === 'system.http') && !project.topLevelType('Http');
}

/** `list.get(i)`, `map.get(k)`, `map.values()`: the element types of system collections. */
function collectionResult(t: TypeRef, method: string): TypeRef | undefined {
  const n = lower(t.name);
  if (n === 'list' && method === 'get') return t.args[0];
  if (n === 'map' && method === 'get') return t.args[1];
  if (n === 'map' && method === 'values' && t.args[1]) return { name: 'List', args: [t.args[1]] };
  if ((n === 'list' || n === 'set' || n === 'map') && method === 'clone') return t;
  return undefined;
}

function fieldOf(project: ApexProject, decl: TypeDecl, member: string): Typed | undefined {
  for (const s of project.superChain(decl)) {
    const f = s.fields.get(lower(member));
    if (f) return { kind: 'value', type: f.type, from: s };
  }
  return undefined;
}

function returnTypeOf(targets: MethodDecl[]): Typed | undefined {
  const first = targets.find((m) => m.returnType);
  if (!first?.returnType || lower(first.returnType.name) === 'void') return undefined;
  return { kind: 'value', type: first.returnType, from: first.owner };
}

/** Facts of every method, computed once per project. */
export function analyzeProject(project: ApexProject): Map<MethodDecl, MethodFacts> {
  const cached = factsCache.get(project);
  if (cached) return cached;
  const out = new Map<MethodDecl, MethodFacts>();
  for (const m of project.methods) {
    try {
      out.set(m, new BodyWalker(project, m).run());
    } catch (error) {
      // Never a stack trace, never a silent skip: the rules report it against the method.
      project.problems.push({
        file: m.owner.file,
        line: m.line,
        message: `cannot analyse ${m.id}: ${(error as Error).message}`
      });
    }
  }
  factsCache.set(project, out);
  return out;
}

const factsCache = new WeakMap<ApexProject, Map<MethodDecl, MethodFacts>>();
