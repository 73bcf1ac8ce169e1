import { checkLwcImports, componentFolder } from '../verify/lwc-imports.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRuleTests, type Files } from './support/sample-project.js';

const jsMeta = `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <isExposed>false</isExposed>
</LightningComponentBundle>
`;

const platform: Files = {
  'classes/PanelController.cls': `public with sharing class PanelController {
  @AuraEnabled(cacheable=true)
  public static String getPanel(Id recordId) {
    return String.valueOf(recordId);
  }
  @AuraEnabled
  public static void save(Id recordId) {
    System.debug(recordId);
  }
  @AuraEnabled
  public String notStatic() {
    return '';
  }
  public static String notAura() {
    return '';
  }
}`,
  'customPermissions/Manage_Billing.customPermission-meta.xml': '<CustomPermission/>',
  'labels/CustomLabels.labels-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
    <labels><fullName>Panel_Title</fullName><language>en_US</language><protected>false</protected><shortDescription>t</shortDescription><value>Billing</value></labels>
</CustomLabels>
`,
  'messageChannels/Billing_Refresh.messageChannel-meta.xml': '<LightningMessageChannel/>',
  'staticresources/BillingIcons.resource-meta.xml': '<StaticResource/>',
  'lwc/billingFormat/billingFormat.ts': 'export const format = (n: number): string => String(n);\n',
  'lwc/billingFormat/billingFormat.js-meta.xml': jsMeta,
  'lwc/invoiceRow/invoiceRow.html': '<template><p>row</p></template>\n',
  'lwc/invoiceRow/invoiceRow.ts':
    'import { LightningElement } from "lwc";\nexport default class InvoiceRow extends LightningElement {}\n',
  'lwc/invoiceRow/invoiceRow.js-meta.xml': jsMeta,
  'lwc/billingPanel/billingPanel.js-meta.xml': jsMeta,
  // Bundles whose script is missing or misnamed: they deploy, but `c/…` loads nothing from them.
  'lwc/tablePager/tablePager.js-meta.xml': jsMeta,
  'lwc/statusBadge/statusBadge.html': '<template><span>badge</span></template>\n',
  'lwc/statusBadge/badge.ts': 'export const badge = 1;\n',
  'lwc/statusBadge/statusBadge.js-meta.xml': jsMeta,
  'lwc/invoiceList/invoiceRow.js-meta.xml': jsMeta
};

const panel = (
  script: string,
  template = '<template><c-invoice-row></c-invoice-row></template>\n'
): Files => ({
  'lwc/billingPanel/billingPanel.ts': script,
  'lwc/billingPanel/billingPanel.html': template
});

runRuleTests(
  'lwc-import',
  checkLwcImports,
  {
    valid: [
      {
        name: 'every import and tag resolves; a wired method is cacheable; comments and tests do not count',
        files: {
          ...panel(
            `import { LightningElement, api, wire } from 'lwc';
import getPanel from '@salesforce/apex/PanelController.getPanel';
import save from '@salesforce/apex/PanelController.save';
import { refreshApex } from '@salesforce/apex';
import canManage from '@salesforce/customPermission/Manage_Billing';
import TITLE from '@salesforce/label/c.Panel_Title';
import OTHER from '@salesforce/label/acme.Other_Title';
import REFRESH from '@salesforce/messageChannel/Billing_Refresh__c';
import ICONS from '@salesforce/resourceUrl/BillingIcons';
import { format } from 'c/billingFormat';
// import gone from '@salesforce/apex/Gone.method';

export default class BillingPanel extends LightningElement {
  @api recordId?: string;
  @wire(getPanel, { recordId: '$recordId' }) panel: unknown;
  labels = { TITLE, OTHER, REFRESH, ICONS, canManage };
  async onSave(): Promise<void> {
    await save({ recordId: this.recordId });
    await refreshApex(this.panel);
    format(1);
  }
}
`,
            `<template>
  <!-- <c-retired-panel></c-retired-panel> -->
  <lightning-card title="Billing">
    <c-invoice-row></c-invoice-row>
  </lightning-card>
</template>
`
          ),
          'lwc/billingPanel/__tests__/billingPanel.test.ts':
            "jest.mock('@salesforce/apex/Gone.method', () => ({ default: jest.fn() }), { virtual: true });\n"
        }
      }
    ],
    invalid: [
      {
        name: 'Apex imports that do not resolve to a callable @AuraEnabled method',
        files: panel(`import { LightningElement, wire } from 'lwc';
import missingClass from '@salesforce/apex/GoneController.getPanel';
import missingMethod from '@salesforce/apex/PanelController.getGone';
import notAura from '@salesforce/apex/PanelController.notAura';
import notStatic from '@salesforce/apex/PanelController.notStatic';
import save from '@salesforce/apex/PanelController.save';

export default class BillingPanel extends LightningElement {
  @wire(save) saved: unknown;
  all = [missingClass, missingMethod, notAura, notStatic];
}
`),
        errors: [
          {
            file: 'lwc/billingPanel/billingPanel.ts',
            line: 2,
            message: /Apex class GoneController .* does not exist/
          },
          {
            file: 'lwc/billingPanel/billingPanel.ts',
            line: 3,
            message: /PanelController has no method getGone/
          },
          {
            file: 'lwc/billingPanel/billingPanel.ts',
            line: 4,
            message: /PanelController\.notAura is not @AuraEnabled/
          },
          {
            file: 'lwc/billingPanel/billingPanel.ts',
            line: 5,
            message: /PanelController\.notStatic is @AuraEnabled but not static/
          },
          {
            file: 'lwc/billingPanel/billingPanel.ts',
            line: 6,
            message: /PanelController\.save is used with @wire but is not @AuraEnabled\(cacheable=true\)/,
            rule: 'lwc-import'
          }
        ]
      },
      {
        name: 'platform imports, modules and template tags with nothing behind them',
        files: panel(
          `import { LightningElement } from 'lwc';
import canRefund from '@salesforce/customPermission/Refund_Payments';
import TITLE from '@salesforce/label/c.Missing_Title';
import CHANNEL from '@salesforce/messageChannel/Missing_Channel__c';
import LOGO from '@salesforce/resourceUrl/MissingLogo';
import { format } from 'c/missingFormat';
import { TablePager } from 'c/tablePager';
import { rows } from 'c/invoiceList';

export default class BillingPanel extends LightningElement {
  all = [canRefund, TITLE, CHANNEL, LOGO, format, TablePager, rows];
}
`,
          `<template>
  <c-invoice-row></c-invoice-row>
  <c-invoice-rows></c-invoice-rows>
  <c-status-badge></c-status-badge>
</template>
`
        ),
        errors: [
          ...[
            /custom permission Refund_Payments does not exist/,
            /custom label Missing_Title does not exist/,
            /message channel Missing_Channel does not exist/,
            /static resource MissingLogo does not exist/,
            /module c\/missingFormat names no component folder/
          ].map((message, i) => ({ file: 'lwc/billingPanel/billingPanel.ts', line: i + 2, message })),
          {
            file: 'lwc/billingPanel/billingPanel.ts',
            line: 7,
            message: /component tablePager has no tablePager\.ts or tablePager\.js beside/
          },
          {
            file: 'lwc/billingPanel/billingPanel.ts',
            line: 8,
            message: /module c\/invoiceList names no component folder/
          },
          {
            file: 'lwc/billingPanel/billingPanel.html',
            line: 3,
            message: /<c-invoice-rows> names component invoiceRows, which has no folder/
          },
          {
            file: 'lwc/billingPanel/billingPanel.html',
            line: 4,
            message: /component statusBadge has no statusBadge\.ts or statusBadge\.js beside/
          }
        ]
      },
      {
        name: 'a script that does not parse is named with the parser message',
        files: panel(`import { LightningElement } from 'lwc';
export default class BillingPanel extends LightningElement {
  broken( {
}
`),
        errors: [{ file: 'lwc/billingPanel/billingPanel.ts', line: 5, message: /cannot parse script: .+/ }]
      }
    ]
  },
  platform
);

test('kebab-case tags map to camelCase component folders', () => {
  assert.equal(componentFolder('c-customer-billing-panel'), 'customerBillingPanel');
  assert.equal(componentFolder('c-panel2-row'), 'panel2Row');
});
