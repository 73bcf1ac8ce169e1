/**
 * Bad input: a rule that cannot parse a file fails naming the file, the line and the parser's
 * message; it neither throws (no stack trace) nor skips the file silently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULE_GATES } from '../verify/rules/index.js';
import { sampleDataRule } from '../verify/rules/sample-data.js';
import { stripeCredentialsRule } from '../verify/rules/stripe-credentials.js';
import { META_DIR as M, NS, runRule, xmlHead } from './support/sample-project.js';

/**
 * Rules that parse no object metadata: the relay contract (Apex and TypeScript), the access modes
 * (Apex only; a file that does not parse is tested in rule-apex-access-mode.test.ts), the security
 * doc, and the credentials rule (it parses the two credential files, below, and scans the rest as text).
 */
const NOT_XML = new Set(['relay-contract', 'apex-access-mode', 'security-doc', 'stripe-credentials']);

const broken = {
  [`${M}/objects/Widget__c/fields/Size__c.field-meta.xml`]: `${xmlHead}<CustomField ${NS}>\n    <label>Size</label>\n    <type>Number</type>\n</CustomFeld>\n`
};

for (const { rule } of RULE_GATES.filter((g) => !NOT_XML.has(g.rule.name))) {
  test(`${rule.name} names a malformed -meta.xml with the parser's message`, () => {
    const { printed } = runRule(rule, broken);
    assert.ok(
      printed.some((p) =>
        /^force-app\/main\/default\/objects\/Widget__c\/fields\/Size__c\.field-meta\.xml:5: cannot parse XML: .*CustomF/.test(
          p
        )
      ),
      printed.join('\n')
    );
  });
}

test('sample-data names a sample file that is not JSON', () => {
  const { printed } = runRule(sampleDataRule, {
    'scripts/data/sample-plan.json': '[{"sobject": "Account", "files": ["Account.json"]}]',
    'scripts/data/Account.json': '{"records": [ {"attributes": } ]}'
  });
  assert.equal(printed.length, 1, printed.join('\n'));
  assert.match(printed[0] ?? '', /^scripts\/data\/Account\.json:1: cannot parse JSON: .* \[sample-data\]$/);
});

test('stripe-credentials names a credential file that is not XML', () => {
  const { printed } = runRule(stripeCredentialsRule, {
    [`${M}/externalCredentials/Stripe.externalCredential-meta.xml`]: `${xmlHead}<ExternalCredential ${NS}>\n<label>Stripe</label>\n`,
    [`${M}/namedCredentials/Stripe.namedCredential-meta.xml`]: `${xmlHead}<NamedCredential ${NS}>\n    <label>Stripe</label>\n</NamedCredential>\n`
  });
  assert.match(
    printed.join('\n'),
    /^force-app\/main\/default\/externalCredentials\/Stripe\.externalCredential-meta\.xml:\d+: cannot parse XML: /m
  );
});
