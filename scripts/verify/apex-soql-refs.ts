/**
 * The objects, child relationships and field paths that static SOQL and SOSL name, read from the
 * shared parse of scripts/verify/apex-project.ts, for the schema gate to resolve.
 */
import {
  type ApexParserRuleContext as ParserRuleContext,
  FieldListContext,
  FieldNameContext,
  FieldSpecContext,
  FromNameListContext,
  QueryContext,
  SelectEntryContext,
  SubFieldEntryContext,
  SubQueryContext,
  TypeOfContext,
  WithClauseContext
} from '@apexdevtools/apex-parser';
import { ruleChildren as children } from './apex-project.js';

/** What a SOQL/SOSL reference names, before it is checked against the schema. */
export type SoqlReference =
  | { kind: 'object'; object: string; line: number }
  | { kind: 'child'; parent: string; relationship: string; line: number; scopeId: number }
  | { kind: 'field'; scope: QueryScope; path: string[]; line: number };

/** The object a field path is read from: a named object, or the child side of a subquery. */
export type QueryScope =
  { type: 'object'; object: string; alias?: string } | { type: 'child'; scopeId: number; alias?: string };

let nextScopeId = 1;

/** Collects every static SOQL/SOSL object and field reference in one parsed Apex file. */
export function extractSoqlReferences(tree: ParserRuleContext): SoqlReference[] {
  const refs: SoqlReference[] = [];

  const fromOf = (list: FromNameListContext): { name: string; alias?: string; line: number } => {
    const first = list.fieldName_list()[0];
    const alias = list.soqlId_list()[0]?.getText();
    return { name: first?.getText() ?? '', line: list.start.line, ...(alias ? { alias } : {}) };
  };

  const fieldPath = (field: FieldNameContext, scope: QueryScope, fromName: string): string[] => {
    const segments = field.soqlId_list().map((id) => id.getText());
    const first = segments[0]?.toLowerCase();
    if (segments.length > 1 && (first === scope.alias?.toLowerCase() || first === fromName.toLowerCase())) {
      segments.shift();
    }
    return segments;
  };

  /** Visits a query body: fields belong to `scope`; nested subqueries open their own scope. */
  const visitBody = (node: ParserRuleContext, scope: QueryScope, fromName: string): void => {
    for (const child of children(node)) {
      if (child instanceof FromNameListContext || child instanceof WithClauseContext) continue;
      if (child instanceof TypeOfContext) continue; // polymorphic TYPEOF: targets vary per row
      if (child instanceof SubQueryContext) {
        visitSubQuery(child, scope, node);
        continue;
      }
      if (child instanceof FieldNameContext) {
        refs.push({ kind: 'field', scope, path: fieldPath(child, scope, fromName), line: child.start.line });
        continue;
      }
      visitBody(child, scope, fromName);
    }
  };

  const visitSubQuery = (sub: SubQueryContext, outer: QueryScope, parent: ParserRuleContext): void => {
    const from = fromOf(sub.fromNameList());
    const inSelectList = parent instanceof SelectEntryContext || parent instanceof SubFieldEntryContext;
    if (inSelectList) {
      // (SELECT ... FROM Children__r): the FROM names a child relationship of the outer object.
      const scopeId = nextScopeId++;
      if (outer.type === 'object') {
        refs.push({ kind: 'child', parent: outer.object, relationship: from.name, line: from.line, scopeId });
      }
      visitBody(sub, { type: 'child', scopeId, ...(from.alias ? { alias: from.alias } : {}) }, from.name);
    } else {
      // Semi-join (WHERE Id IN (SELECT ... FROM Object)): a top-level object.
      refs.push({ kind: 'object', object: from.name, line: from.line });
      visitBody(
        sub,
        { type: 'object', object: from.name, ...(from.alias ? { alias: from.alias } : {}) },
        from.name
      );
    }
  };

  const visitSosl = (spec: FieldSpecContext): void => {
    const ids = spec.soslId_list();
    const objectName = ids[0]?.getText() ?? '';
    refs.push({ kind: 'object', object: objectName, line: spec.start.line });
    const scope: QueryScope = { type: 'object', object: objectName };
    const list = spec.fieldList();
    const collect = (fl: FieldListContext | null): void => {
      if (!fl) return;
      for (const id of fl.soslId_list()) {
        refs.push({ kind: 'field', scope, path: id.getText().split('.'), line: id.start.line });
      }
      for (const nested of fl.fieldList_list()) collect(nested);
    };
    collect(list);
    for (const child of children(spec)) {
      if (!(child instanceof FieldListContext)) visitBody(child, scope, objectName);
    }
  };

  const walk = (node: ParserRuleContext): void => {
    if (node instanceof QueryContext) {
      const from = fromOf(node.fromNameList());
      refs.push({ kind: 'object', object: from.name, line: from.line });
      visitBody(
        node,
        { type: 'object', object: from.name, ...(from.alias ? { alias: from.alias } : {}) },
        from.name
      );
      return;
    }
    if (node instanceof FieldSpecContext) {
      visitSosl(node);
      return;
    }
    for (const child of children(node)) walk(child);
  };
  walk(tree);
  return refs;
}
