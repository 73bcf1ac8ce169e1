/**
 * Rule apex-access-mode: every query and DML statement outside test classes says whose access it
 * runs with, and system mode says why.
 *
 * Apex runs database operations in system mode unless told otherwise: a query without `WITH
 * USER_MODE` reads fields and records the user may not see, `update x;` writes fields the user may
 * not edit. So each static SOQL query and SOSL search needs `WITH USER_MODE` (or `WITH
 * SECURITY_ENFORCED`) or `WITH SYSTEM_MODE`; each DML statement `as user` or `as system`; each
 * `Database` query or DML method an `AccessLevel` argument. System mode needs a comment of at least
 * three words naming it (`system mode`, `SYSTEM_MODE` or `without sharing`) on the statement, directly
 * above it or above its method. A class declared `without sharing` or `inherited sharing` runs for
 * the system by design and may give the reason once, above the class; in a `with sharing` class
 * (user context by declaration) the reason stands at the operation. Test classes are exempt: tests set up and read
 * back data as the test runner, and `System.runAs` is how they check permissions.
 */
import {
  ClassBodyDeclarationContext,
  DeleteStatementContext,
  DotExpressionContext,
  InsertStatementContext,
  MergeStatementContext,
  PrimaryExpressionContext,
  QueryContext,
  SoqlPrimaryContext,
  SoslLiteralContext,
  TypeDeclarationContext,
  UndeleteStatementContext,
  UpdateStatementContext,
  UpsertStatementContext,
  type AccessLevelContext,
  type ModifierContext,
  type ApexParserRuleContext as ParserRuleContext
} from '@apexdevtools/apex-parser';
import { DATABASE_QUERY } from '../apex-body.js';
import { apexText, isReason, loadApexProject, ruleChildren, type ApexComment } from '../apex-project.js';
import type { Finding } from '../findings.js';
import { result, type Rule } from './rule.js';

const RULE = 'apex-access-mode';

type Mode = 'user' | 'system' | undefined;

/** `Database` methods that take an `AccessLevel`: every query method and the DML ones. */
const DATABASE_ACCESS_METHODS = new Set([
  ...DATABASE_QUERY,
  ...['insert', 'update', 'upsert', 'delete', 'undelete', 'merge', 'convertlead']
]);

const DML = [
  InsertStatementContext,
  UpdateStatementContext,
  UpsertStatementContext,
  DeleteStatementContext,
  UndeleteStatementContext,
  MergeStatementContext
];

/** Declarations whose header (annotations and comments above) may hold a system-mode reason. */
const HEADER = /^(ClassBodyDeclaration|TypeDeclaration|TriggerBlockMember)Context$/;
/** The statements a database operation belongs to: a comment above any of them explains it. */
const STATEMENT = /(Statement|FieldDeclaration|BlockStatement)Context$/;

const SYSTEM_MODE_REASON = /system[\s_-]*mode|without\s+sharing/i;

interface Operation {
  what: string;
  mode: Mode;
  line: number;
  /** First and last line of the operation's own statement. */
  statement: [number, number];
  /** First lines of the statements around it (an `if` or a `try` block, …), innermost first. */
  enclosing: number[];
  /** First lines of the enclosing declarations whose comment may explain system mode, innermost first. */
  headers: number[];
}

const modeOfLevel = (level: AccessLevelContext | null | undefined): Mode =>
  !level ? undefined : level.USER() ? 'user' : 'system';

function soqlMode(query: QueryContext): Mode {
  const w = query.withClause();
  if (!w) return undefined;
  if (w.USER_MODE() || w.SECURITY_ENFORCED()) return 'user';
  return w.SYSTEM_MODE() ? 'system' : undefined;
}

/**
 * A method, property or trigger member may explain the system mode of its operations; a class only
 * when it is declared `without sharing` or `inherited sharing`.
 */
function mayExplain(declaration: ParserRuleContext): boolean {
  let isClass = false;
  let modifiers: ModifierContext[] = [];
  if (declaration instanceof TypeDeclarationContext) {
    isClass = !!declaration.classDeclaration();
    modifiers = declaration.modifier_list();
  } else if (declaration instanceof ClassBodyDeclarationContext) {
    isClass = !!declaration.memberDeclaration()?.classDeclaration();
    modifiers = declaration.modifier_list();
  }
  if (!isClass) return true;
  return modifiers.some((m) => /^(without|inherited)sharing$/i.test(m.getText()));
}

/** The operations of one parsed file, with where their reasons may stand. */
function operations(tree: ParserRuleContext): Operation[] {
  const out: Operation[] = [];
  const visit = (
    node: ParserRuleContext,
    headers: number[],
    statement: [number, number] | undefined,
    enclosing: number[]
  ): void => {
    const name = node.constructor.name;
    const here = HEADER.test(name) && mayExplain(node) ? [node.start.line, ...headers] : headers;
    const stmt: [number, number] | undefined = STATEMENT.test(name)
      ? [node.start.line, node.stop?.line ?? node.start.line]
      : statement;
    const around = STATEMENT.test(name) ? [node.start.line, ...enclosing] : enclosing;
    const push = (what: string, mode: Mode): void => {
      out.push({
        what,
        mode,
        line: node.start.line,
        statement: stmt ?? [node.start.line, node.start.line],
        enclosing: around,
        headers: here
      });
    };
    if (node instanceof QueryContext) push('SOQL query', soqlMode(node));
    else if (node instanceof SoslLiteralContext) {
      const text = node.getText().toUpperCase();
      push(
        'SOSL search',
        text.includes('WITHUSER_MODE') ? 'user' : text.includes('WITHSYSTEM_MODE') ? 'system' : undefined
      );
    } else if (DML.some((c) => node instanceof c)) {
      const verb = (node.getChild(0)?.getText() ?? 'DML').toLowerCase();
      push(`\`${verb}\` statement`, modeOfLevel((node as InsertStatementContext).accessLevel()));
    } else if (node instanceof DotExpressionContext) {
      const call = node.dotMethodCall();
      const receiver = node
        .expression()
        .getText()
        .toLowerCase()
        .replace(/^system\./, '');
      const method = call?.anyId().getText() ?? '';
      if (call && receiver === 'database' && DATABASE_ACCESS_METHODS.has(method.toLowerCase())) {
        const args = call.expressionList()?.expression_list() ?? [];
        const first = args[0];
        const staticQuery =
          first instanceof PrimaryExpressionContext && first.primary() instanceof SoqlPrimaryContext;
        if (!staticQuery) {
          const text = args.map((a) => a.getText().toLowerCase()).join(',');
          const mode: Mode = text.includes('accesslevel.user_mode')
            ? 'user'
            : text.includes('accesslevel.system_mode')
              ? 'system'
              : undefined;
          push(`Database.${method}`, mode);
        }
      }
    }
    // A new method or class starts its own statements.
    const inner = HEADER.test(name) ? [] : around;
    for (const child of ruleChildren(node)) visit(child, here, stmt, inner);
  };
  visit(tree, [], undefined, []);
  return out;
}

/** The comments standing directly above `line` (annotation and comment lines between are skipped). */
function commentsAbove(line: number, lines: string[], comments: ApexComment[]): ApexComment[] {
  const found: ApexComment[] = [];
  let at = line - 1;
  while (at > 0) {
    const comment = comments.find((c) => c.endLine === at);
    if (comment) {
      found.push(comment);
      at = comment.line - 1;
    } else if (/^\s*@\w+(\s*\(.*\))?\s*$/.test(lines[at - 1] ?? '')) at--;
    else break;
  }
  return found;
}

function accessModeFindings(file: string, text: string, tree: ParserRuleContext): Finding[] {
  const { comments } = apexText(text);
  const lines = text.split('\n');
  const findings: Finding[] = [];
  for (const op of operations(tree)) {
    if (op.mode === 'user') continue;
    if (op.mode === undefined) {
      const fix = op.what.startsWith('Database.')
        ? 'pass AccessLevel.USER_MODE (or AccessLevel.SYSTEM_MODE with a comment saying why)'
        : op.what.startsWith('`')
          ? `write it \`as user\` (or \`as system\` with a comment saying why)`
          : 'add WITH USER_MODE (or WITH SYSTEM_MODE with a comment saying why)';
      findings.push({
        file,
        line: op.line,
        message: `${op.what} states no access mode, so it runs in system mode unannounced: ${fix}`,
        rule: RULE
      });
      continue;
    }
    const [first, last] = op.statement;
    const candidates = [
      ...comments.filter((c) => c.endLine >= first && c.line <= last),
      ...[first, ...op.enclosing].flatMap((line) => commentsAbove(line, lines, comments)),
      // …or opening a block it is in (`try { // System mode: … }`), before it.
      ...op.enclosing.flatMap((line) => comments.filter((c) => c.line >= line && c.endLine <= op.line)),
      ...op.headers.flatMap((h) => [
        ...comments.filter((c) => c.line === h),
        ...commentsAbove(h, lines, comments)
      ])
    ];
    if (!candidates.some((c) => isReason(c.text) && SYSTEM_MODE_REASON.test(c.text))) {
      findings.push({
        file,
        line: op.line,
        message: `${op.what} runs in system mode without a comment saying why (naming system mode, on the statement, above it or its block, or above its method)`,
        rule: RULE
      });
    }
  }
  return findings;
}

export const apexAccessModeRule: Rule = {
  name: RULE,
  check: (root) => {
    const project = loadApexProject(root);
    const findings: Finding[] = project.parseFindings(RULE);
    const testFiles = new Set(
      project.types.filter((t) => !t.outer && project.isTestType(t)).map((t) => t.file)
    );
    for (const source of project.sources) {
      if (!source.tree || testFiles.has(source.file)) continue;
      findings.push(...accessModeFindings(source.file, source.text, source.tree));
    }
    return result(findings);
  }
};
