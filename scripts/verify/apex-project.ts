/**
 * The one reader of Apex every gate uses. One parse of every Apex file of a project, shared by the
 * schema gate and every rule (call graph and limits, test assertions, picklist values, LWC imports,
 * entry points, access modes, the relay contract): classes with their inner classes, interfaces,
 * enums and triggers; methods and constructors with parameters and annotations; fields with their
 * declared types. A file that does not parse is kept as a parse problem, which every rule reports as
 * a finding naming the file and the parser's message (never skipped silently).
 *
 * Beside the parse tree, `apexText` is the light lexical view for what the tree drops: comments (the
 * reasons a `without sharing`, a system-mode query or a suppression must give) and code with
 * comments and string contents blanked, offsets and line breaks kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  AnnotationContext,
  CompilationUnitContext,
  InterfaceMethodDeclarationContext
} from '@apexdevtools/apex-parser';
import {
  ApexErrorListener,
  ApexParserFactory,
  ApexSyntaxError,
  ThrowingErrorListener,
  type ApexParseTree as ParseTree,
  type ApexParserRuleContext as ParserRuleContext,
  type ApexTerminalNode as TerminalNode,
  ClassDeclarationContext,
  ConstructorDeclarationContext,
  EnumDeclarationContext,
  type ExpressionContext,
  FieldDeclarationContext,
  type FormalParametersContext,
  InterfaceDeclarationContext,
  MethodDeclarationContext,
  type ModifierContext,
  PropertyDeclarationContext,
  TriggerUnitContext,
  type TypeDeclarationContext,
  type TypeRefContext
} from '@apexdevtools/apex-parser';
import { isApexSource, listSourceFiles } from './files.js';
import type { Finding } from './findings.js';

/** A declared type such as `List<Map<Id, Stripe_Invoice__c>>` or `Outer.Inner`; names keep their case. */
export interface TypeRef {
  name: string;
  args: TypeRef[];
}

/** An annotation such as `@AuraEnabled(cacheable=true)`: lower-cased name and lower-cased pairs. */
export interface Annotation {
  name: string;
  pairs: Map<string, string>;
  /** 1-based line of the `@`. */
  line: number;
}

export interface VarDecl {
  name: string;
  type: TypeRef;
  isStatic: boolean;
  isFinal: boolean;
  line: number;
  init?: ExpressionContext;
  /** A property's `get { … }` / `set { … }` body, as a method the call graph can follow. */
  getter?: MethodDecl;
  setter?: MethodDecl;
}

export type TypeKind = 'class' | 'interface' | 'enum' | 'trigger';

export interface TypeDecl {
  /** Simple name (`Inner`). */
  name: string;
  /** Name with its outer classes (`Outer.Inner`); for triggers the trigger's name. */
  qualified: string;
  kind: TypeKind;
  file: string;
  line: number;
  outer?: TypeDecl;
  extendsRef?: TypeRef;
  implementsRefs: TypeRef[];
  annotations: Annotation[];
  modifiers: Set<string>;
  methods: MethodDecl[];
  /** Fields and properties by lower-cased name. */
  fields: Map<string, VarDecl>;
  inners: Map<string, TypeDecl>;
  /** The object a trigger is declared on, and its events (`before insert`, …) in lower case. */
  triggerObject?: string;
  triggerEvents?: string[];
}

export type MethodKind = 'method' | 'constructor' | 'trigger' | 'initializer' | 'accessor';

export interface MethodDecl {
  /** `Outer.Inner.name/arity`; constructors `Outer.Inner.<init>/arity`; triggers their name. */
  id: string;
  name: string;
  kind: MethodKind;
  owner: TypeDecl;
  params: VarDecl[];
  returnType?: TypeRef;
  isStatic: boolean;
  annotations: Annotation[];
  modifiers: Set<string>;
  line: number;
  /** What runs: a block, a trigger's statements, or (initializer) field initializers and `{}` blocks. */
  bodies: ParserRuleContext[];
}

export interface ApexSource {
  file: string;
  isTrigger: boolean;
  /** The file's text as read. */
  text: string;
  tree?: CompilationUnitContext | TriggerUnitContext;
}

export interface ParseProblem {
  file: string;
  line: number;
  message: string;
}

const lower = (s: string): string => s.toLowerCase();

export function isRule(node: ParseTree | null | undefined): node is ParserRuleContext {
  return !!node && typeof (node as ParserRuleContext).getChildCount === 'function' && 'start' in node;
}

/** The rule children of a node, in order. */
export function ruleChildren(node: ParserRuleContext): ParserRuleContext[] {
  const out: ParserRuleContext[] = [];
  for (const child of node.children ?? []) if (isRule(child)) out.push(child);
  return out;
}

/** Every terminal (token) below a node, in order. */
export function terminals(node: ParserRuleContext): TerminalNode[] {
  const out: TerminalNode[] = [];
  const visit = (n: ParseTree): void => {
    if (isRule(n)) for (const c of n.children ?? []) visit(c);
    else out.push(n as TerminalNode);
  };
  visit(node);
  return out;
}

export const lineOfNode = (node: ParserRuleContext): number => node.start.line;

/** `List<Account>` → { name: 'List', args: [{ name: 'Account' }] }; `X[]` → List<X>. */
export function typeRefOf(ctx: TypeRefContext | null | undefined): TypeRef | undefined {
  if (!ctx) return undefined;
  const names = ctx.typeName_list();
  const last = names[names.length - 1];
  const name = names.map((n) => (n.id() ? n.id().getText() : (n.getChild(0)?.getText() ?? ''))).join('.');
  const args = (last?.typeArguments()?.typeList()?.typeRef_list() ?? [])
    .map((t) => typeRefOf(t))
    .filter((t): t is TypeRef => !!t);
  let ref: TypeRef = { name, args };
  const dims = (ctx.arraySubscripts()?.getText().match(/\[\]/g) ?? []).length;
  for (let i = 0; i < dims; i++) ref = { name: 'List', args: [ref] };
  return ref;
}

export function typeRefText(ref: TypeRef | undefined): string {
  if (!ref) return '?';
  return ref.args.length ? `${ref.name}<${ref.args.map(typeRefText).join(', ')}>` : ref.name;
}

function annotationOf(ctx: AnnotationContext): Annotation {
  const pairs = new Map<string, string>();
  for (const pair of ctx.elementValuePairs()?.elementValuePair_list() ?? []) {
    pairs.set(lower(pair.id().getText()), lower(pair.elementValue().getText()));
  }
  const single = ctx.elementValue();
  if (single) pairs.set('value', lower(single.getText()));
  return { name: lower(ctx.id().getText()), pairs, line: ctx.start.line };
}

function modifiersOf(mods: ModifierContext[]): { annotations: Annotation[]; modifiers: Set<string> } {
  const annotations: Annotation[] = [];
  const modifiers = new Set<string>();
  for (const m of mods) {
    const a = m.annotation();
    if (a) annotations.push(annotationOf(a));
    else modifiers.add(lower(m.getText()));
  }
  return { annotations, modifiers };
}

export const hasAnnotation = (owner: { annotations: Annotation[] }, name: string): Annotation | undefined =>
  owner.annotations.find((a) => a.name === lower(name));

function paramsOf(ctx: FormalParametersContext): VarDecl[] {
  return (ctx.formalParameterList()?.formalParameter_list() ?? []).map((p) => ({
    name: p.id().getText(),
    type: typeRefOf(p.typeRef()) ?? { name: '?', args: [] },
    isStatic: false,
    isFinal: false,
    line: lineOfNode(p)
  }));
}

class CollectErrors extends ApexErrorListener {
  errors: { line: number; column: number; message: string }[] = [];
  apexSyntaxError(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message });
  }
}

const SLL = 0;
const LL = 1;

/**
 * Parses one file. The fast SLL prediction mode parses much of the Apex and stops at its first error;
 * a file it rejects (often only because SLL cannot decide, e.g. `Integer n = f(x);`) is parsed again
 * in full LL mode, whose first error, if any, is the one reported.
 */
export function parseApex(
  text: string,
  isTrigger: boolean
):
  | { tree: CompilationUnitContext | TriggerUnitContext }
  | { error: { line: number; column: number; message: string } } {
  try {
    // SLL stops at its first error (ThrowingErrorListener) instead of recovering to the end.
    const { parser } = ApexParserFactory.createLexerAndParser(text, ThrowingErrorListener.INSTANCE);
    (parser as unknown as { _interp: { predictionMode: number } })._interp.predictionMode = SLL;
    return { tree: isTrigger ? parser.triggerUnit() : parser.compilationUnit() };
  } catch (error) {
    if (!(error instanceof ApexSyntaxError)) throw error;
  }
  const listener = new CollectErrors();
  const { parser } = ApexParserFactory.createLexerAndParser(text, listener);
  (parser as unknown as { _interp: { predictionMode: number } })._interp.predictionMode = LL;
  const tree = isTrigger ? parser.triggerUnit() : parser.compilationUnit();
  const first = listener.errors[0];
  return first ? { error: first } : { tree };
}

/** The whole project's Apex: declarations, indexes and parse problems. */
export class ApexProject {
  readonly sources: ApexSource[] = [];
  readonly types: TypeDecl[] = [];
  readonly methods: MethodDecl[] = [];
  readonly problems: ParseProblem[] = [];
  private readonly topLevel = new Map<string, TypeDecl>();
  private subtypeCache?: Map<TypeDecl, TypeDecl[]>;
  private readonly superCache = new Map<TypeDecl, TypeDecl | undefined>();

  constructor(readonly root: string) {}

  addFile(file: string, text: string): void {
    const isTrigger = file.endsWith('.trigger');
    const parsed = parseApex(text, isTrigger);
    if ('error' in parsed) {
      this.sources.push({ file, isTrigger, text });
      const { line, column, message } = parsed.error;
      this.problems.push({ file, line, message: `cannot parse Apex (column ${column + 1}): ${message}` });
      return;
    }
    this.sources.push({ file, isTrigger, text, tree: parsed.tree });
    if (parsed.tree instanceof TriggerUnitContext) this.addTrigger(file, parsed.tree);
    else this.addTypeDeclaration(file, parsed.tree.typeDeclaration(), undefined);
  }

  /** Top-level classes (not triggers, interfaces or enums), in file order. */
  topLevelClasses(): TypeDecl[] {
    return this.types.filter((t) => t.kind === 'class' && !t.outer);
  }

  /** The source of a file of the project. */
  source(file: string): ApexSource | undefined {
    return this.sources.find((s) => s.file === file);
  }

  /** Top-level type by name (case-insensitive). */
  topLevelType(name: string): TypeDecl | undefined {
    return this.topLevel.get(lower(name));
  }

  /**
   * The project type a name refers to from inside `from`: inner classes of `from`, its outer classes
   * and superclasses first, then top-level types; `Outer.Inner` by its parts. System types → undefined.
   */
  resolveType(name: string, from?: TypeDecl, viaSuperclasses = true): TypeDecl | undefined {
    const parts = name.split('.');
    if (parts.length > 2) return undefined;
    if (parts.length === 2) {
      const outer = this.topLevelType(parts[0] ?? '');
      return outer?.inners.get(lower(parts[1] ?? ''));
    }
    const key = lower(name);
    for (let t: TypeDecl | undefined = from; t; t = t.outer) {
      if (lower(t.name) === key && t.kind !== 'trigger') return t;
      const own = t.inners.get(key);
      if (own) return own;
      if (!viaSuperclasses) continue;
      const seen = new Set<TypeDecl>([t]);
      for (let s = this.superOf(t); s && !seen.has(s); s = this.superOf(s)) {
        seen.add(s);
        const inner = s.inners.get(key);
        if (inner) return inner;
      }
    }
    return this.topLevel.get(key);
  }

  superOf(t: TypeDecl): TypeDecl | undefined {
    if (!t.extendsRef) return undefined;
    if (this.superCache.has(t)) return this.superCache.get(t);
    // A superclass is named from the class's own scope, without looking into superclasses' inners.
    const found = this.resolveType(t.extendsRef.name, t.outer ?? t, false);
    const s = found === t ? undefined : found;
    this.superCache.set(t, s);
    return s;
  }

  /** `t` and its project superclasses, nearest first (a cycle, which cannot compile, is cut). */
  superChain(t: TypeDecl): TypeDecl[] {
    const chain: TypeDecl[] = [];
    for (let s: TypeDecl | undefined = t; s && !chain.includes(s); s = this.superOf(s)) chain.push(s);
    return chain;
  }

  /** Project interfaces a type implements directly or through superclasses and interface extension. */
  interfacesOf(t: TypeDecl): TypeDecl[] {
    const out = new Set<TypeDecl>();
    const visit = (x: TypeDecl, depth: number): void => {
      if (depth > 20) return;
      for (const ref of x.implementsRefs) {
        const i = this.resolveType(ref.name, x.outer ?? x);
        if (i && !out.has(i)) {
          out.add(i);
          visit(i, depth + 1);
        }
      }
      const s = this.superOf(x);
      if (s) visit(s, depth + 1);
    };
    visit(t, 0);
    return [...out];
  }

  /** Lower-cased names of every type a class implements or extends, project or system, transitively. */
  supertypeNames(t: TypeDecl): Set<string> {
    const out = new Set<string>();
    const visit = (x: TypeDecl, depth: number): void => {
      if (depth > 20) return;
      for (const ref of [...x.implementsRefs, ...(x.extendsRef ? [x.extendsRef] : [])]) {
        out.add(lower(ref.name).replace(/^system\./, ''));
        const p = this.resolveType(ref.name, x.outer ?? x);
        if (p && p !== x) visit(p, depth + 1);
      }
    };
    visit(t, 0);
    return out;
  }

  /** Every class that extends or implements `t`, transitively (not `t` itself). */
  subtypesOf(t: TypeDecl): TypeDecl[] {
    if (!this.subtypeCache) {
      const direct = new Map<TypeDecl, TypeDecl[]>();
      for (const x of this.types) {
        const parents = [x.extendsRef, ...x.implementsRefs]
          .filter((r): r is TypeRef => !!r)
          .map((r) => this.resolveType(r.name, x.outer ?? x))
          .filter((p): p is TypeDecl => !!p && p !== x);
        for (const p of parents) direct.set(p, [...(direct.get(p) ?? []), x]);
      }
      this.subtypeCache = new Map();
      for (const x of this.types) {
        const all = new Set<TypeDecl>();
        const stack = [...(direct.get(x) ?? [])];
        while (stack.length) {
          const s = stack.pop() as TypeDecl;
          if (all.has(s) || s === x) continue;
          all.add(s);
          stack.push(...(direct.get(s) ?? []));
        }
        this.subtypeCache.set(x, [...all]);
      }
    }
    return this.subtypeCache.get(t) ?? [];
  }

  /** Is `t` a test class (annotated `@IsTest`, or nested in one)? */
  isTestType(t: TypeDecl): boolean {
    for (let x: TypeDecl | undefined = t; x; x = x.outer) if (hasAnnotation(x, 'istest')) return true;
    return false;
  }

  parseFindings(rule: string): Finding[] {
    return this.problems.map((p) => ({ file: p.file, line: p.line, message: p.message, rule }));
  }

  private register(t: TypeDecl): void {
    this.types.push(t);
    if (t.outer) t.outer.inners.set(lower(t.name), t);
    else this.topLevel.set(lower(t.name), t);
  }

  private newType(
    file: string,
    name: string,
    kind: TypeKind,
    line: number,
    outer: TypeDecl | undefined,
    mods: ModifierContext[]
  ): TypeDecl {
    const { annotations, modifiers } = modifiersOf(mods);
    return {
      name,
      qualified: outer ? `${outer.qualified}.${name}` : name,
      kind,
      file,
      line,
      ...(outer ? { outer } : {}),
      implementsRefs: [],
      annotations,
      modifiers,
      methods: [],
      fields: new Map(),
      inners: new Map()
    };
  }

  private addTrigger(file: string, unit: TriggerUnitContext): void {
    const ids = unit.id_list();
    const name = ids[0]?.getText() ?? path.basename(file, '.trigger');
    const t = this.newType(file, name, 'trigger', lineOfNode(unit), undefined, []);
    t.triggerObject = ids[1]?.getText() ?? '';
    t.triggerEvents = unit.triggerCase_list().map((c) => lower(c.getText()));
    this.types.push(t); // triggers are not types other code can name
    const statements: ParserRuleContext[] = [];
    for (const member of unit.triggerBlock().triggerBlockMember_list()) {
      const stmt = member.statement();
      if (stmt) statements.push(stmt);
      const decl = member.triggerMemberDeclaration();
      if (decl) {
        this.addMember(file, t, decl, member.modifier_list());
        // `Integer n = [SELECT …];` in a trigger parses as a field; its initializer runs in the body.
        const field = decl.fieldDeclaration();
        if (field) statements.push(field);
      }
    }
    const m: MethodDecl = {
      id: name,
      name,
      kind: 'trigger',
      owner: t,
      params: [],
      isStatic: true,
      annotations: [],
      modifiers: new Set(),
      line: lineOfNode(unit),
      bodies: statements
    };
    t.methods.push(m);
    this.methods.push(m);
  }

  private addTypeDeclaration(file: string, decl: TypeDeclarationContext, outer: TypeDecl | undefined): void {
    const mods = decl.modifier_list();
    const cls = decl.classDeclaration();
    if (cls) this.addClass(file, cls, mods, outer);
    const iface = decl.interfaceDeclaration();
    if (iface) this.addInterface(file, iface, mods, outer);
    const en = decl.enumDeclaration();
    if (en) this.addEnum(file, en, mods, outer);
  }

  private addEnum(file: string, en: EnumDeclarationContext, mods: ModifierContext[], outer?: TypeDecl): void {
    this.register(this.newType(file, en.id().getText(), 'enum', lineOfNode(en), outer, mods));
  }

  private addInterface(
    file: string,
    iface: InterfaceDeclarationContext,
    mods: ModifierContext[],
    outer?: TypeDecl
  ): void {
    const t = this.newType(file, iface.id().getText(), 'interface', lineOfNode(iface), outer, mods);
    t.implementsRefs = (iface.typeList()?.typeRef_list() ?? [])
      .map((r) => typeRefOf(r))
      .filter((r): r is TypeRef => !!r);
    this.register(t);
    for (const m of iface.interfaceBody().interfaceMethodDeclaration_list()) this.addInterfaceMethod(t, m);
  }

  private addInterfaceMethod(t: TypeDecl, m: InterfaceMethodDeclarationContext): void {
    const { annotations, modifiers } = modifiersOf(m.modifier_list());
    const params = paramsOf(m.formalParameters());
    const returnType = typeRefOf(m.typeRef());
    const decl: MethodDecl = {
      id: `${t.qualified}.${m.id().getText()}/${params.length}`,
      name: m.id().getText(),
      kind: 'method',
      owner: t,
      params,
      ...(returnType ? { returnType } : {}),
      isStatic: false,
      annotations,
      modifiers,
      line: lineOfNode(m),
      bodies: []
    };
    t.methods.push(decl);
    this.methods.push(decl);
  }

  private addClass(
    file: string,
    cls: ClassDeclarationContext,
    mods: ModifierContext[],
    outer?: TypeDecl
  ): void {
    const t = this.newType(file, cls.id().getText(), 'class', lineOfNode(cls), outer, mods);
    const ext = typeRefOf(cls.typeRef());
    if (ext) t.extendsRef = ext;
    t.implementsRefs = (cls.typeList()?.typeRef_list() ?? [])
      .map((r) => typeRefOf(r))
      .filter((r): r is TypeRef => !!r);
    this.register(t);
    // Static initializers run once per transaction, never per loop iteration: kept out of the graph.
    const initBodies: ParserRuleContext[] = [];
    for (const body of cls.classBody().classBodyDeclaration_list()) {
      const block = body.block();
      if (block) {
        if (!body.STATIC()) initBodies.push(block);
        continue;
      }
      const member = body.memberDeclaration();
      if (!member) continue;
      const isStatic = body.modifier_list().some((m) => lower(m.getText()) === 'static');
      const field = member.fieldDeclaration();
      if (field) {
        for (const d of field.variableDeclarators().variableDeclarator_list()) {
          const init = d.expression();
          if (init && !isStatic) initBodies.push(init);
        }
      }
      this.addMember(file, t, member, body.modifier_list());
    }
    // Field initializers and `{ }` blocks run with every constructor: one synthetic method holds them.
    const init: MethodDecl = {
      id: `${t.qualified}.<initializer>`,
      name: '<initializer>',
      kind: 'initializer',
      owner: t,
      params: [],
      isStatic: false,
      annotations: [],
      modifiers: new Set(),
      line: t.line,
      bodies: initBodies
    };
    t.methods.push(init);
    this.methods.push(init);
  }

  private addMember(file: string, t: TypeDecl, member: ParserRuleContext, mods: ModifierContext[]): void {
    const { annotations, modifiers } = modifiersOf(mods);
    const isStatic = modifiers.has('static');
    const isFinal = modifiers.has('final');
    for (const child of ruleChildren(member)) {
      if (child instanceof MethodDeclarationContext) {
        const params = paramsOf(child.formalParameters());
        const returnType = typeRefOf(child.typeRef());
        const block = child.block();
        const m: MethodDecl = {
          id: `${t.qualified}.${child.id().getText()}/${params.length}`,
          name: child.id().getText(),
          kind: 'method',
          owner: t,
          params,
          ...(returnType ? { returnType } : {}),
          isStatic,
          annotations,
          modifiers,
          line: lineOfNode(child),
          bodies: block ? [block] : []
        };
        t.methods.push(m);
        this.methods.push(m);
      } else if (child instanceof ConstructorDeclarationContext) {
        const params = paramsOf(child.formalParameters());
        const m: MethodDecl = {
          id: `${t.qualified}.<init>/${params.length}`,
          name: '<init>',
          kind: 'constructor',
          owner: t,
          params,
          isStatic: false,
          annotations,
          modifiers,
          line: lineOfNode(child),
          bodies: [child.block()]
        };
        t.methods.push(m);
        this.methods.push(m);
      } else if (child instanceof FieldDeclarationContext) {
        const type = typeRefOf(child.typeRef()) ?? { name: '?', args: [] };
        for (const d of child.variableDeclarators().variableDeclarator_list()) {
          const init = d.expression();
          t.fields.set(lower(d.id().getText()), {
            name: d.id().getText(),
            type,
            isStatic,
            isFinal,
            line: lineOfNode(d),
            ...(init ? { init } : {})
          });
        }
      } else if (child instanceof PropertyDeclarationContext) {
        const type = typeRefOf(child.typeRef()) ?? { name: '?', args: [] };
        const name = child.id().getText();
        const accessor = (
          kind: 'get' | 'set',
          block: ParserRuleContext | null | undefined
        ): MethodDecl | undefined => {
          if (!block) return undefined;
          const m: MethodDecl = {
            id: `${t.qualified}.${name}.${kind}`,
            name: `${kind} ${name}`, // never an identifier, so no call by name can resolve to it
            kind: 'accessor',
            owner: t,
            params: [],
            ...(kind === 'get' ? { returnType: type } : {}),
            isStatic,
            annotations,
            modifiers,
            line: lineOfNode(block),
            bodies: [block]
          };
          t.methods.push(m);
          this.methods.push(m);
          return m;
        };
        const blocks = child.propertyBlock_list();
        const getter = accessor(
          'get',
          blocks
            .find((b) => b.getter())
            ?.getter()
            ?.block()
        );
        const setter = accessor(
          'set',
          blocks
            .find((b) => b.setter())
            ?.setter()
            ?.block()
        );
        t.fields.set(lower(name), {
          name,
          type,
          isStatic,
          isFinal: false,
          line: lineOfNode(child),
          ...(getter ? { getter } : {}),
          ...(setter ? { setter } : {})
        });
      } else if (child instanceof ClassDeclarationContext) {
        this.addClass(file, child, mods, t);
      } else if (child instanceof InterfaceDeclarationContext) {
        this.addInterface(file, child, mods, t);
      } else if (child instanceof EnumDeclarationContext) {
        this.addEnum(file, child, mods, t);
      }
    }
  }
}

const cache = new Map<string, { stamp: string; project: ApexProject }>();

/**
 * Parses every `.cls` and `.trigger` of the project's package directories once per process (files
 * unchanged since the last call are not parsed again), so the Apex rules share one parse.
 */
export function loadApexProject(root: string): ApexProject {
  const files = listSourceFiles(root, isApexSource);
  const stamp = files
    .map((f) => {
      const s = fs.statSync(f);
      return `${f}:${s.mtimeMs}:${s.size}`;
    })
    .join('|');
  const hit = cache.get(root);
  if (hit && hit.stamp === stamp) return hit.project;
  const project = new ApexProject(root);
  for (const file of files) project.addFile(file, fs.readFileSync(file, 'utf8'));
  cache.set(root, { stamp, project });
  return project;
}

// ---- the light lexical view ------------------------------------------------------------------

export interface ApexComment {
  text: string;
  /** 1-based first and last line of the comment. */
  line: number;
  endLine: number;
}

export interface ApexText {
  /** The source with comments and the contents of string literals replaced by spaces. */
  code: string;
  comments: ApexComment[];
}

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

/** Splits Apex source into code (comments and strings blanked) and comments. */
export function apexText(source: string): ApexText {
  let code = '';
  const comments: ApexComment[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      const text = source.slice(i, stop);
      // Consecutive line comments read as one comment.
      const previous = comments.at(-1);
      const between = previous ? code.slice(code.lastIndexOf('\n', code.length - 1)) : '';
      if (
        previous &&
        previous.text.startsWith('//') &&
        previous.endLine === line - 1 &&
        !/\S/.test(between)
      ) {
        previous.text += `\n${text}`;
        previous.endLine = line;
      } else comments.push({ text, line, endLine: line });
      code += blank(text);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      const text = source.slice(i, stop);
      const lines = text.split('\n').length - 1;
      comments.push({ text, line, endLine: line + lines });
      code += blank(text);
      line += lines;
      i = stop;
    } else if (c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== "'" && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      code += `'${blank(source.slice(i + 1, j))}'`;
      i = j + 1;
    } else {
      if (c === '\n') line++;
      code += c;
      i++;
    }
  }
  return { code: code.slice(0, source.length), comments };
}

/**
 * A comment of at least three words, not counting its markers and ApexDoc tags. (apex-pmd's check of
 * suppression reasons counts words on the raw line and is a little looser; see the note there.)
 */
export const isReason = (comment: string): boolean =>
  comment
    .replace(/^\s*(\/\/+|\/\*+)|\*+\/\s*$/g, '')
    .replace(/^\s*\*+/gm, '')
    .replace(/@\w+/g, '')
    .trim()
    .split(/\s+/)
    .filter((w) => /\w/.test(w)).length >= 3;
