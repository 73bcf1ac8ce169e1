/**
 * The security rules (permission-set-spec, permission-set-platform, app-and-tabs, page-layouts,
 * compact-layouts, list-views, custom-permission-and-notification, security-doc), tested like ESLint
 * rules: the project is the passing sample; each failing sample is a copy of a file broken on purpose
 * and the check must name the breakage, so a check that can no longer fail fails here. The spec
 * itself (scripts/spec/security.ts) is tested for the security decisions it must keep.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FIELD_ACCESS,
  GRANTS,
  LAYOUTS,
  LIST_VIEWS,
  CREDENTIAL_ACCESS,
  MANAGE_SUBSCRIPTIONS,
  OBJECT_ACCESS,
  PRINCIPAL,
  PERSONAS,
  TECHNICAL,
  type Persona
} from '../spec/security.js';
import { formatFinding } from '../verify/findings.js';
import {
  checkAgainstSpec,
  checkCompactLayout,
  checkFieldInventory,
  checkLayout,
  checkListView,
  checkOrder,
  checkPlatformRules,
  docTableProblems,
  loadPermSets,
  loadSchema,
  parsePermSet,
  read,
  type PermSet,
  type Schema
} from '../verify/security/model.js';
import { appAndTabsRule, checkApp, checkTabs } from '../verify/rules/app-and-tabs.js';
import { compactLayoutsRule } from '../verify/rules/compact-layouts.js';
import {
  checkCredentialAccess,
  checkCustomPermission,
  checkNotificationType,
  customPermissionAndNotificationRule
} from '../verify/rules/custom-permission-and-notification.js';
import { listViewsRule } from '../verify/rules/list-views.js';
import { pageLayoutsRule } from '../verify/rules/page-layouts.js';
import { checkPermissionSetFiles, permissionSetSpecRule } from '../verify/rules/permission-set-spec.js';
import { permissionSetPlatformRule } from '../verify/rules/permission-set-platform.js';
import { checkSecurityTest, securityDocRule } from '../verify/rules/security-doc.js';
import type { Rule } from '../verify/rules/rule.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const META = path.join(ROOT, 'force-app', 'main', 'default');

const schema = loadSchema(META);
const permSets = loadPermSets(META);

describe('the project passes every security rule', () => {
  const rules: Rule[] = [
    permissionSetSpecRule,
    permissionSetPlatformRule,
    appAndTabsRule,
    pageLayoutsRule,
    compactLayoutsRule,
    listViewsRule,
    customPermissionAndNotificationRule,
    securityDocRule
  ];
  for (const rule of rules) {
    test(rule.name, () => {
      const { findings } = rule.check(ROOT);
      assert.deepEqual(
        findings.map((f) => formatFinding(f, ROOT)),
        []
      );
    });
  }
});

describe('the spec', () => {
  test('the spec itself holds the security decisions', () => {
    const has = (p: Persona, o: string, l: string): boolean => (OBJECT_ACCESS[p][o] ?? '').includes(l);
    // No persona deletes or modifies all: Stripe owns the data, the log is evidence.
    for (const p of PERSONAS)
      for (const [o, letters] of Object.entries(OBJECT_ACCESS[p]))
        assert.doesNotMatch(letters, /[DM]/, `${p} ${o}: no delete or modify all`);
    // Only the integration user writes the mirrors; only reps create checkout links by hand.
    for (const o of [
      'Stripe_Customer__c',
      'Stripe_Subscription__c',
      'Stripe_Invoice__c',
      'Payment_Transaction__c'
    ])
      for (const p of PERSONAS)
        assert.equal(has(p, o, 'E') || has(p, o, 'C'), p === 'Stripe_Integration', `${p} writes ${o}?`);
    assert.ok(has('Stripe_Sales', 'Stripe_Checkout_Link__c', 'C'));
    assert.ok(!has('Stripe_Sales', 'Stripe_Checkout_Link__c', 'E'));
    // View All only where a persona needs every record.
    for (const p of ['Stripe_Integration', 'Stripe_Sales', 'Stripe_Service'] as const)
      for (const letters of Object.values(OBJECT_ACCESS[p]))
        assert.doesNotMatch(letters, /V/, `${p}: no view all`);
    for (const p of ['Stripe_Finance', 'Stripe_Admin'] as const)
      for (const o of [
        'Stripe_Customer__c',
        'Stripe_Subscription__c',
        'Stripe_Invoice__c',
        'Payment_Transaction__c'
      ])
        assert.ok(has(p, o, 'V'), `${p} views all ${o}`);
    // The webhook log (payloads) is for the pipeline and admins only.
    for (const p of ['Stripe_Sales', 'Stripe_Service', 'Stripe_Finance'] as const)
      assert.equal(OBJECT_ACCESS[p].Stripe_Webhook_Event__c, undefined);
    // The custom permission gates subscription actions: finance and admins.
    for (const p of PERSONAS)
      assert.equal(
        GRANTS[p].customPermissions.includes(MANAGE_SUBSCRIPTIONS),
        p === 'Stripe_Finance' || p === 'Stripe_Admin'
      );
    // Service is read only and never calls Stripe.
    assert.deepEqual(GRANTS.Stripe_Service.externalCredentialPrincipals, []);
    // Credential access goes with the principal: Apex reads it as "may call Stripe as themselves".
    for (const p of PERSONAS)
      assert.equal(
        GRANTS[p].customPermissions.includes(CREDENTIAL_ACCESS),
        GRANTS[p].externalCredentialPrincipals.includes(PRINCIPAL),
        `${p}: ${CREDENTIAL_ACCESS} exactly where ${PRINCIPAL} is`
      );
    // Business users never see sync errors or the order guard's timestamp.
    for (const p of ['Stripe_Sales', 'Stripe_Service', 'Stripe_Finance'] as const)
      for (const grant of Object.values(FIELD_ACCESS[p]))
        for (const f of [...(grant?.read ?? []), ...(grant?.edit ?? [])])
          assert.ok(!TECHNICAL.includes(f), `${p} must not see ${f}`);
  });

  test('the four working views filter on the intended field values', () => {
    const filters = (o: string, v: string): string =>
      JSON.stringify(LIST_VIEWS[o]?.[v]?.filters.map((f) => `${f.field} ${f.operation} ${f.value}`));
    assert.equal(
      filters('Stripe_Subscription__c', 'Past_Due_Subscriptions'),
      '["Status__c equals past_due"]'
    );
    assert.equal(
      filters('Payment_Transaction__c', 'Failed_Payments_Last_30_Days'),
      '["Status__c equals failed","Processed_At__c equals LAST_N_DAYS:30"]'
    );
    assert.equal(
      filters('Stripe_Invoice__c', 'Invoices_In_Collections'),
      '["Dunning_Stage__c equals Collections"]'
    );
    assert.equal(filters('Stripe_Webhook_Event__c', 'Failed_Webhook_Events'), '["Status__c equals Failed"]');
    // The values are real picklist values of those fields.
    const values = (object: string, field: string): string[] => {
      const text = read(path.join(META, 'objects', object, 'fields', `${field}.field-meta.xml`));
      return [...text.matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1] ?? '');
    };
    assert.ok(values('Stripe_Subscription__c', 'Status__c').includes('past_due'));
    assert.ok(values('Payment_Transaction__c', 'Status__c').includes('failed'));
    assert.ok(values('Stripe_Invoice__c', 'Dunning_Stage__c').includes('Collections'));
    assert.ok(values('Stripe_Webhook_Event__c', 'Status__c').includes('Failed'));
    assert.equal(schema.get('Payment_Transaction__c')?.fields.get('Processed_At__c')?.type, 'DateTime');
  });
});

/** The persona's permission set text with `from` replaced by `to` (first occurrence), parsed. */
function mutated(persona: Persona, from: string | RegExp, to: string): PermSet {
  const original = permSets.get(persona)?.text ?? '';
  const text = original.replace(from, to);
  assert.notEqual(text, original, `mutation ${String(from)} applied`);
  return parsePermSet(persona, text);
}
const block = (tag: string, inner: string): string => `    <${tag}>\n${inner}\n    </${tag}>\n`;

describe('the checks catch real breakage', () => {
  test('an object permission added, widened or removed', () => {
    const widened = mutated(
      'Stripe_Sales',
      /(<allowEdit>)false(<\/allowEdit>\s*<allowRead>true<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Stripe_Customer__c)/,
      '$1true$2'
    );
    assert.match(
      checkAgainstSpec('Stripe_Sales', widened).join('\n'),
      /Stripe_Customer__c grants RE, spec says R/
    );

    const viewAll = mutated(
      'Stripe_Service',
      /(<object>Stripe_Invoice__c<\/object>\s*<viewAllRecords>)false/,
      '$1true'
    );
    assert.match(
      checkAgainstSpec('Stripe_Service', viewAll).join('\n'),
      /Stripe_Invoice__c grants RV, spec says R/
    );

    const removed = mutated(
      'Stripe_Integration',
      /\s*<objectPermissions>(?:(?!<\/objectPermissions>)[\s\S])*<object>Stripe_Event__e<\/object>[\s\S]*?<\/objectPermissions>/,
      ''
    );
    assert.match(
      checkAgainstSpec('Stripe_Integration', removed).join('\n'),
      /object Stripe_Event__e missing/
    );

    const added = mutated(
      'Stripe_Service',
      '    <tabSettings>',
      block(
        'objectPermissions',
        [
          '        <allowCreate>false</allowCreate>',
          '        <allowDelete>false</allowDelete>',
          '        <allowEdit>false</allowEdit>',
          '        <allowRead>true</allowRead>',
          '        <modifyAllRecords>false</modifyAllRecords>',
          '        <object>Stripe_Webhook_Event__c</object>',
          '        <viewAllRecords>false</viewAllRecords>'
        ].join('\n')
      ) + '    <tabSettings>'
    );
    const problems = checkAgainstSpec('Stripe_Service', added).join('\n');
    assert.match(problems, /object Stripe_Webhook_Event__c \(R\) is not in the spec/);
    assert.deepEqual(checkOrder(added.text, 'Stripe_Service'), []);

    const misplaced = mutated(
      'Stripe_Service',
      /(\s*<description>[^<]*<\/description>)([\s\S]*)(\s*<\/PermissionSet>)/,
      '$2$1$3'
    );
    assert.deepEqual(checkAgainstSpec('Stripe_Service', misplaced), []);
    assert.match(checkOrder(misplaced.text, 'Stripe_Service').join('\n'), /out of Metadata API order/);
  });

  test('a field permission added, made editable or removed', () => {
    const editable = mutated(
      'Stripe_Sales',
      /<editable>false<\/editable>(\s*<field>Stripe_Customer__c\.MRR__c<\/field>)/,
      '<editable>true</editable>$1'
    );
    assert.match(
      checkAgainstSpec('Stripe_Sales', editable).join('\n'),
      /Stripe_Customer__c\.MRR__c grants edit, spec says read/
    );

    const removed = mutated(
      'Stripe_Finance',
      /\s*<fieldPermissions>\s*<editable>false<\/editable>\s*<field>Payment_Transaction__c\.Card_Last4__c<\/field>\s*<readable>true<\/readable>\s*<\/fieldPermissions>/,
      ''
    );
    assert.match(
      checkAgainstSpec('Stripe_Finance', removed).join('\n'),
      /Payment_Transaction__c\.Card_Last4__c missing/
    );

    const leaked = mutated(
      'Stripe_Sales',
      '    <hasActivationRequired>',
      block(
        'fieldPermissions',
        '        <editable>false</editable>\n        <field>Stripe_Customer__c.Sync_Error__c</field>\n        <readable>true</readable>'
      ) + '    <hasActivationRequired>'
    );
    assert.match(
      checkAgainstSpec('Stripe_Sales', leaked).join('\n'),
      /Sync_Error__c \(read\) is not in the spec/
    );
  });

  test('fields a permission set may not name, and unknown references', () => {
    const md = mutated(
      'Stripe_Admin',
      '    <hasActivationRequired>',
      block(
        'fieldPermissions',
        '        <editable>false</editable>\n        <field>Stripe_Subscription__c.Stripe_Customer__c</field>\n        <readable>true</readable>'
      ) +
        block(
          'fieldPermissions',
          '        <editable>true</editable>\n        <field>Stripe_Invoice__c.No_Such_Field__c</field>\n        <readable>false</readable>'
        ) +
        '    <hasActivationRequired>'
    );
    const problems = checkPlatformRules(META, 'Stripe_Admin', md, schema).join('\n');
    assert.match(problems, /master-detail fields cannot be granted/);
    assert.match(problems, /unknown field Stripe_Invoice__c\.No_Such_Field__c/);

    const event = mutated(
      'Stripe_Integration',
      /(<allowEdit>)false(<\/allowEdit>\s*<allowRead>false<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Stripe_Event__e)/,
      '$1true$2'
    );
    assert.match(checkPlatformRules(META, 'Stripe_Integration', event, schema).join('\n'), /platform event/);

    const principal = mutated('Stripe_Sales', `>${PRINCIPAL}<`, '>Stripe-NoSuchPrincipal<');
    assert.match(
      checkPlatformRules(META, 'Stripe_Sales', principal, schema).join('\n'),
      /principal Stripe-NoSuchPrincipal does not exist/
    );
  });

  /** Each mutation of a persona's permission set and what checkAgainstSpec must say about it. */
  const grantChanges: { name: string; persona: Persona; from: string | RegExp; to: string; says: RegExp }[] =
    [
      {
        name: 'a custom permission removed',
        persona: 'Stripe_Finance',
        from: /\s*<customPermissions>\s*<enabled>true<\/enabled>\s*<name>Stripe_Manage_Subscriptions<\/name>\s*<\/customPermissions>/,
        to: '',
        says: /custom permission Stripe_Manage_Subscriptions: in the spec but not granted/
      },
      {
        name: 'a custom permission added',
        persona: 'Stripe_Sales',
        from: '    <description>',
        to:
          block(
            'customPermissions',
            `        <enabled>true</enabled>\n        <name>${MANAGE_SUBSCRIPTIONS}</name>`
          ) + '    <description>',
        says: /custom permission Stripe_Manage_Subscriptions: granted but not in the spec/
      },
      {
        name: 'a principal added',
        persona: 'Stripe_Service',
        from: '    <fieldPermissions>',
        to:
          block(
            'externalCredentialPrincipalAccesses',
            `        <enabled>true</enabled>\n        <externalCredentialPrincipal>${PRINCIPAL}</externalCredentialPrincipal>`
          ) + '    <fieldPermissions>',
        says: /principal Stripe-StripeApiKey: granted but not in the spec/
      },
      {
        name: 'an Apex class granted beyond the spec',
        persona: 'Stripe_Sales',
        from: '    <classAccesses>',
        to:
          block(
            'classAccesses',
            '        <apexClass>DunningAlertService</apexClass>\n        <enabled>true</enabled>'
          ) + '    <classAccesses>',
        says: /Apex class DunningAlertService: granted but not in the spec/
      },
      {
        name: 'a user permission removed',
        persona: 'Stripe_Integration',
        from: /\s*<userPermissions>[\s\S]*?<\/userPermissions>/,
        to: '',
        says: /user permission ApiEnabled: in the spec but not granted/
      },
      {
        name: 'an app hidden',
        persona: 'Stripe_Service',
        from: '<visible>true</visible>',
        to: '<visible>false</visible>',
        says: /app Stripe_Billing: listed but disabled/
      },
      {
        name: 'a tab removed',
        persona: 'Stripe_Sales',
        from: /\s*<tabSettings>\s*<tab>Stripe_Checkout_Link__c<\/tab>[\s\S]*?<\/tabSettings>/,
        to: '',
        says: /tab Stripe_Checkout_Link__c missing/
      }
    ];
  for (const { name, persona, from, to, says } of grantChanges) {
    test(name, () => {
      assert.match(checkAgainstSpec(persona, mutated(persona, from, to)).join('\n'), says);
    });
  }

  test('a document table that drifts from the spec', () => {
    const doc = read(path.join(ROOT, 'docs', 'security-model.md'));
    const drifted = doc.replace(/(\| `Card_Last4__c` +\| edit +\| )—/, '$1read');
    assert.notEqual(drifted, doc);
    assert.match(
      docTableProblems(drifted).join('\n'),
      /Payment_Transaction__c\.Card_Last4__c: document says/
    );
  });

  test('a new field on an object that nobody has decided about', () => {
    const copy: Schema = new Map(schema);
    const customer = schema.get('Stripe_Customer__c');
    assert.ok(customer);
    const fields = new Map(customer.fields);
    fields.set('Tax_Id__c', { type: 'Text', required: false, formula: false, referenceTo: '' });
    copy.set('Stripe_Customer__c', { ...customer, fields });
    assert.match(checkFieldInventory(copy).join('\n'), /Stripe_Customer__c\.Tax_Id__c: new field/);
  });

  test('a layout, list view or compact layout that drifts from the spec', () => {
    const spec = LAYOUTS.Stripe_Subscription__c;
    assert.ok(spec);
    const layoutText = read(path.join(META, 'layouts', `${spec.name}.layout-meta.xml`));
    const editable = layoutText.replace(
      /<behavior>Readonly<\/behavior>(\s*<field>Status__c<\/field>)/,
      '<behavior>Edit</behavior>$1'
    );
    assert.match(
      checkLayout('Stripe_Subscription__c', spec, editable, schema).join('\n'),
      /Status__c: behavior Edit, want Readonly/
    );
    const owner = layoutText.replace('<field>CreatedById</field>', '<field>OwnerId</field>');
    assert.match(checkLayout('Stripe_Subscription__c', spec, owner, schema).join('\n'), /has no OwnerId/);

    const viewFile = path.join(
      META,
      'objects',
      'Payment_Transaction__c',
      'listViews',
      'Failed_Payments_Last_30_Days.listView-meta.xml'
    );
    const view = read(viewFile).replace('LAST_N_DAYS:30', 'LAST_N_DAYS:90');
    assert.match(
      checkListView('Payment_Transaction__c', 'Failed_Payments_Last_30_Days', view, schema).join('\n'),
      /filters .*LAST_N_DAYS:90/
    );
    const extra = read(viewFile).replace(
      '<label>',
      '<filters>\n        <field>Amount__c</field>\n        <operation>greaterThan</operation>\n        <value>0</value>\n    </filters>\n    <label>'
    );
    assert.match(
      checkListView('Payment_Transaction__c', 'Failed_Payments_Last_30_Days', extra, schema).join('\n'),
      /filters/
    );

    const compactFile = path.join(
      META,
      'objects',
      'Stripe_Checkout_Link__c',
      'compactLayouts',
      'Stripe_Checkout_Link_Compact.compactLayout-meta.xml'
    );
    const compact = read(compactFile).replace('<fields>Session_Id__c</fields>', '<fields>Url__c</fields>');
    const problems = checkCompactLayout('Stripe_Checkout_Link__c', compact, schema).join('\n');
    assert.match(problems, /long text Url__c/);
  });
});

describe('the surface rules catch breakage too', () => {
  test('a sixth permission set, or a persona without one', () => {
    assert.deepEqual(checkPermissionSetFiles([...PERSONAS, 'Stripe_Intern']), [
      'Stripe_Intern: permission set not in the spec'
    ]);
    assert.deepEqual(checkPermissionSetFiles(PERSONAS.filter((p) => p !== 'Stripe_Sales')), [
      'Stripe_Sales: permission set missing'
    ]);
  });

  test('an app with another navigation or tab order', () => {
    const text = read(path.join(META, 'applications', 'Stripe_Billing.app-meta.xml'));
    assert.deepEqual(checkApp(text), []);
    assert.match(
      checkApp(text.replace('<navType>Standard</navType>', '<navType>Console</navType>')).join('\n'),
      /navType Console/
    );
    const swapped = text
      .replace('<tabs>Stripe_Invoice__c</tabs>', '<tabs>TMP</tabs>')
      .replace('<tabs>Stripe_Subscription__c</tabs>', '<tabs>Stripe_Invoice__c</tabs>')
      .replace('<tabs>TMP</tabs>', '<tabs>Stripe_Subscription__c</tabs>');
    assert.match(checkApp(swapped).join('\n'), /Stripe_Billing: tabs /);
  });

  test('a Lightning page tab whose App Page is missing or is not an App Page', () => {
    const tab = 'Stripe_Event_Monitor';
    const tabText = read(path.join(META, 'tabs', `${tab}.tab-meta.xml`));
    const page = read(path.join(META, 'flexipages', `${tab}.flexipage-meta.xml`));
    const tabs = (text: string): Map<string, string> => new Map([[tab, text]]);
    const own = (t: string): string[] =>
      checkTabs(tabs(t), schema, () => page).filter((p) => p.startsWith(tab));
    assert.deepEqual(own(tabText), []);
    assert.match(
      checkTabs(tabs(tabText), schema, () => undefined).join('\n'),
      /Stripe_Event_Monitor: no App Page named Stripe_Event_Monitor/
    );
    assert.match(
      checkTabs(tabs(tabText), schema, () =>
        page.replace('<type>AppPage</type>', '<type>RecordPage</type>')
      ).join('\n'),
      /no App Page named/
    );
    assert.match(
      own(tabText.replace(`<flexiPage>${tab}</flexiPage>`, '<flexiPage>Other_Page</flexiPage>')).join('\n'),
      /flexiPage Other_Page, want Stripe_Event_Monitor/
    );
  });

  test('a licensed custom permission and a desktop-only notification type', () => {
    const cp = read(
      path.join(META, 'customPermissions', `${MANAGE_SUBSCRIPTIONS}.customPermission-meta.xml`)
    );
    assert.match(
      checkCustomPermission(
        cp.replace('<isLicensed>false</isLicensed>', '<isLicensed>true</isLicensed>')
      ).join('\n'),
      /isLicensed must be false/
    );
    const access = read(
      path.join(META, 'customPermissions', `${CREDENTIAL_ACCESS}.customPermission-meta.xml`)
    );
    assert.deepEqual(checkCustomPermission(access, CREDENTIAL_ACCESS), []);
    assert.match(
      checkCustomPermission(access.replace(/<label>[^<]*<\/label>/, ''), CREDENTIAL_ACCESS).join('\n'),
      /Stripe_Credential_Access: label missing/
    );
    const nt = read(path.join(META, 'notificationtypes', 'Stripe_Dunning_Alert.notiftype-meta.xml'));
    assert.match(
      checkNotificationType(nt.replace('<mobile>true</mobile>', '<mobile>false</mobile>')).join('\n'),
      /mobile must be true/
    );
  });

  test('credential access without the principal, and the principal without credential access', () => {
    const all = [...permSets.values()];
    assert.deepEqual(checkCredentialAccess(all), []);
    const grant = `    <customPermissions>
        <enabled>true</enabled>
        <name>${CREDENTIAL_ACCESS}</name>
    </customPermissions>
`;
    const service = permSets.get('Stripe_Service');
    const sales = permSets.get('Stripe_Sales');
    assert.ok(service && sales);
    const serviceWithPermission = parsePermSet(
      'Stripe_Service',
      service.text.replace('    <description>', `${grant}    <description>`)
    );
    const salesWithout = parsePermSet('Stripe_Sales', sales.text.replace(grant, ''));
    assert.deepEqual(checkCredentialAccess([serviceWithPermission, salesWithout]), [
      `Stripe_Service: grants custom permission ${CREDENTIAL_ACCESS} but not principal ${PRINCIPAL}`,
      `Stripe_Sales: grants principal ${PRINCIPAL} but not custom permission ${CREDENTIAL_ACCESS}`
    ]);
  });

  test('an Apex security test that forgets a persona', () => {
    const apex = read(path.join(META, 'classes', 'security', 'StripeSecurityModelTest.cls'));
    assert.deepEqual(checkSecurityTest(apex), []);
    assert.deepEqual(checkSecurityTest(apex.replaceAll("'Stripe_Service'", "'Someone'")), [
      "StripeSecurityModelTest: never names 'Stripe_Service'"
    ]);
  });
});
