/**
 * Rule security-doc: docs/security-model.md shows the same object and field tables as the spec, and
 * the Apex StripeSecurityModelTest names every persona and the custom permission.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MANAGE_SUBSCRIPTIONS, PERSONAS } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { docTableProblems, read } from '../security/model.js';
import { toFindings } from './problems.js';
import { result, type Rule } from './rule.js';

export const RULE = 'security-doc';
export const SECURITY_TEST = 'classes/security/StripeSecurityModelTest.cls';

/** Personas and the custom permission the Apex security test does not name. */
export function checkSecurityTest(apex: string): string[] {
  return [...PERSONAS, MANAGE_SUBSCRIPTIONS]
    .filter((name) => !apex.includes(`'${name}'`))
    .map((name) => `StripeSecurityModelTest: never names '${name}'`);
}

export const securityDocRule: Rule = {
  name: RULE,
  check: (root) => {
    const doc = path.join(root, 'docs', 'security-model.md');
    const apex = path.join(metaDir(root), SECURITY_TEST);
    return result([
      ...toFindings(fs.existsSync(doc) ? docTableProblems(read(doc)) : ['missing'], RULE, () => doc),
      ...toFindings(fs.existsSync(apex) ? checkSecurityTest(read(apex)) : ['missing'], RULE, () => apex)
    ]);
  }
};
