/** entry-point-access: Apex entry points granted in exactly the spec's permission sets. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ENTRY_POINT_ACCESS } from '../spec/entry-points.js';
import { entryPoints, makeEntryPointAccessRule } from '../verify/rules/entry-point-access.js';
import { assertInvalid, assertValid, META_DIR as M, NS, xmlHead } from './support/sample-project.js';

const classMeta = `${xmlHead}<ApexClass ${NS}>\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`;
const cls = (name: string, body: string): Record<string, string> => ({
  [`${M}/classes/${name}.cls`]: body,
  [`${M}/classes/${name}.cls-meta.xml`]: classMeta
});
const permissionSet = (name: string, classes: string[], extra = ''): Record<string, string> => ({
  [`${M}/permissionsets/${name}.permissionset-meta.xml`]: `${xmlHead}<PermissionSet ${NS}>
${classes.map((c) => `    <classAccesses>\n        <apexClass>${c}</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>`).join('\n')}
${extra}    <label>${name}</label>
</PermissionSet>
`
});
const PS = (name: string): string => `${M}/permissionsets/${name}.permissionset-meta.xml`;

const controller = `/**
 * @description Catalog and links for the checkout link builder.
 */
public with sharing class CheckoutLinkController {
    /** @description A link as the component shows it. */
    public class LinkView {
        @AuraEnabled
        public String url { get; set; }
        @AuraEnabled
        public Id id;
    }

    /**
     * @description Recent links of a contact or account.
     * @param recordId Contact or Account id
     * @return the links
     */
    @AuraEnabled(cacheable=true)
    public static List<LinkView> getRecentLinks(Id recordId) {
        return new List<LinkView>();
    }
}
`;
const builders = ['Stripe_Sales', 'Stripe_Finance', 'Stripe_Admin'];
/** The rule over the real entry-point spec, without the cross-check against the security spec. */
const rule = makeEntryPointAccessRule(ENTRY_POINT_ACCESS);

describe('entry points', () => {
  test('@AuraEnabled methods count, @AuraEnabled properties and fields of DTOs do not', () => {
    assert.deepEqual(entryPoints(controller), [{ kind: '@AuraEnabled', line: 18 }]);
    const dto =
      'public class LinkDto {\n  @AuraEnabled public String url;\n  @AuraEnabled public Integer n { get; set; }\n}';
    assert.deepEqual(entryPoints(dto), []);
  });

  test('@RestResource and @InvocableMethod count, also in any case; comments and strings do not', () => {
    const rest =
      "@restresource(urlMapping='/stripe/v1/*')\nglobal with sharing class R {\n  // @AuraEnabled public static void x() {}\n  String s = '@InvocableMethod';\n  @InvocableMethod(label='Replay')\n  public static void replay(List<Id> ids) {}\n}";
    assert.deepEqual(
      entryPoints(rest).map((p) => `${p.kind}:${p.line}`),
      ['@RestResource:1', '@InvocableMethod:5']
    );
  });
});

describe('valid samples', () => {
  test('a controller granted in exactly its spec row; a class without entry points needs no row', () => {
    assertValid(rule, {
      ...cls('CheckoutLinkController', controller),
      ...cls(
        'StripeMoney',
        'public with sharing class StripeMoney {\n  public static Decimal x() { return 1; }\n}'
      ),
      ...permissionSet('Stripe_Sales', ['CheckoutLinkController']),
      ...permissionSet('Stripe_Finance', ['CheckoutLinkController']),
      ...permissionSet('Stripe_Admin', ['CheckoutLinkController']),
      ...permissionSet('Stripe_Service', [])
    });
  });

  test('without sharing with a comment saying why', () => {
    const result = assertValid(rule, {
      ...cls(
        'StripeEventLogWriter',
        "/**\n * @description Writes the event log.\n */\n// Runs without sharing: the log row must be written even when the integration user\n// cannot see the record it names; it only inserts log rows.\n@SuppressWarnings('PMD.AvoidGlobalModifier')\npublic without sharing class StripeEventLogWriter {\n  public static void x() {}\n}"
      )
    });
    assert.ok(
      result.notes.some((n) => n.includes('StripeEventsRestResource')),
      'pending rows are noted'
    );
  });
});

describe('invalid samples', () => {
  test('a class with entry points and no spec row', () => {
    assertInvalid(
      rule,
      cls(
        'RefundController',
        'public with sharing class RefundController {\n  @AuraEnabled\n  public static void refund(Id paymentId) {}\n}'
      ),
      [
        {
          at: `${M}/classes/RefundController.cls:2`,
          message:
            /RefundController has @AuraEnabled entry points but no row in scripts\/spec\/entry-points.ts/
        }
      ]
    );
  });

  test('a permission set missing from the grant, and one granting beyond the spec', () => {
    assertInvalid(
      rule,
      {
        ...cls('CheckoutLinkController', controller),
        ...permissionSet('Stripe_Sales', ['CheckoutLinkController']),
        ...permissionSet('Stripe_Finance', []),
        ...permissionSet('Stripe_Admin', ['CheckoutLinkController']),
        ...permissionSet('Stripe_Service', ['CheckoutLinkController'])
      },
      [
        { at: `${PS('Stripe_Finance')}:1`, message: /Stripe_Finance does not grant CheckoutLinkController/ },
        {
          at: `${PS('Stripe_Service')}:3`,
          message:
            /Stripe_Service grants CheckoutLinkController, but the spec allows only Stripe_Sales, Stripe_Finance, Stripe_Admin/
        }
      ]
    );
  });

  test('a grant that is listed but disabled does not count', () => {
    const files = {
      ...cls(
        'StripeEventMonitorController',
        'public with sharing class StripeEventMonitorController {\n  @AuraEnabled\n  public static Integer count() { return 0; }\n}'
      ),
      ...permissionSet('Stripe_Admin', [])
    };
    files[PS('Stripe_Admin')] = (files[PS('Stripe_Admin')] ?? '').replace(
      '<label>',
      '<classAccesses>\n        <apexClass>StripeEventMonitorController</apexClass>\n        <enabled>false</enabled>\n    </classAccesses>\n    <label>'
    );
    assertInvalid(rule, files, [
      { at: `${PS('Stripe_Admin')}:1`, message: /Stripe_Admin does not grant StripeEventMonitorController/ }
    ]);
  });

  test('a spec row for a class that has no entry points', () => {
    assertInvalid(
      rule,
      {
        ...cls('CustomerSyncController', 'public with sharing class CustomerSyncController {}'),
        ...permissionSet('Stripe_Sales', builders)
      },
      [
        {
          at: `${M}/classes/CustomerSyncController.cls:1`,
          message: /has a row .* but no @RestResource, @AuraEnabled method or @InvocableMethod/
        }
      ]
    );
  });

  test('without sharing without a reason, or with a comment that does not say why', () => {
    assertInvalid(
      rule,
      {
        ...cls('A', 'public without sharing class A {\n  public static void x() {}\n}'),
        ...cls(
          'B',
          '/**\n * @description Reads invoices for the panel.\n */\npublic without sharing class B {}'
        ),
        ...cls('C', 'public with sharing class C {\n  private without sharing class Inner {}\n}'),
        // A class comment about system mode does not say why sharing is bypassed.
        ...cls(
          'D',
          "/**\n * @description Creates links; Stripe's answer is stored in system mode by a writer.\n */\npublic without sharing class D {}"
        )
      },
      [
        { at: `${M}/classes/A.cls:1`, message: /`without sharing` without a comment .*saying why/ },
        { at: `${M}/classes/B.cls:4`, message: /`without sharing` without a comment/ },
        { at: `${M}/classes/C.cls:2`, message: /`without sharing` without a comment/ },
        { at: `${M}/classes/D.cls:4`, message: /`without sharing` without a comment/ }
      ]
    );
  });

  test('a permission set that does not parse is named, with the parser message', () => {
    assertInvalid(rule, { [PS('Stripe_Admin')]: `${xmlHead}<PermissionSet ${NS}>\n<label>x</label>\n` }, [
      { at: `${PS('Stripe_Admin')}:2`, message: /cannot parse XML/ }
    ]);
  });
});

describe('the two specs of class access agree', () => {
  test('a class whose entry-point row and permission-set spec grants differ', () => {
    const crossChecked = makeEntryPointAccessRule(ENTRY_POINT_ACCESS, (cls) =>
      cls === 'CheckoutLinkController' ? ['Stripe_Sales', 'Stripe_Admin'] : []
    );
    assertInvalid(
      crossChecked,
      {
        ...cls('CheckoutLinkController', controller),
        ...permissionSet('Stripe_Sales', ['CheckoutLinkController']),
        ...permissionSet('Stripe_Finance', ['CheckoutLinkController']),
        ...permissionSet('Stripe_Admin', ['CheckoutLinkController'])
      },
      [
        {
          at: `${M}/classes/CheckoutLinkController.cls:18`,
          message:
            /entry-points.ts grants CheckoutLinkController to Stripe_Sales, Stripe_Finance, Stripe_Admin but GRANTS in scripts\/spec\/security.ts to Stripe_Sales, Stripe_Admin/
        }
      ]
    );
  });
});
