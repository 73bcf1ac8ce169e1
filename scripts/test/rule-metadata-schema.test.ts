/** metadata-schema: every element of every -meta.xml against the Metadata API's types. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { metadataSchemaRule as rule } from '../verify/rules/metadata-schema.js';
import { assertInvalid, assertValid, META_DIR as M, NS, xmlHead } from './support/sample-project.js';

const doc = (root: string, body: string, extraNs = ''): string =>
  `${xmlHead}<${root} ${NS}${extraNs}>\n${body}\n</${root}>\n`;

const XSI =
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

describe('valid samples of every type the project deploys', () => {
  test('a record FlexiPage with component and field instances, a facet and a visibility rule', () => {
    const result = assertValid(rule, {
      [`${M}/flexipages/Contact_Record_Page.flexipage-meta.xml`]: doc(
        'FlexiPage',
        `    <flexiPageRegions>
        <itemInstances>
            <componentInstance>
                <componentInstanceProperties>
                    <name>collapsed</name>
                    <value>false</value>
                </componentInstanceProperties>
                <componentInstanceProperties>
                    <name>actionNames</name>
                    <valueList>
                        <valueListItems>
                            <value>Edit</value>
                        </valueListItems>
                    </valueList>
                </componentInstanceProperties>
                <componentName>force:highlightsPanel</componentName>
                <identifier>force_highlightsPanel</identifier>
            </componentInstance>
        </itemInstances>
        <mode>Replace</mode>
        <name>header</name>
        <type>Region</type>
    </flexiPageRegions>
    <flexiPageRegions>
        <itemInstances>
            <fieldInstance>
                <fieldInstanceProperties>
                    <name>uiBehavior</name>
                    <value>readonly</value>
                </fieldInstanceProperties>
                <fieldItem>Record.Email</fieldItem>
                <identifier>RecordEmailField</identifier>
            </fieldInstance>
        </itemInstances>
        <name>Facet-1</name>
        <type>Facet</type>
    </flexiPageRegions>
    <flexiPageRegions>
        <itemInstances>
            <componentInstance>
                <componentName>customerBillingPanel</componentName>
                <identifier>c_customerBillingPanel</identifier>
            </componentInstance>
        </itemInstances>
        <itemInstances>
            <componentInstance>
                <componentName>checkoutLinkBuilder</componentName>
                <identifier>c_checkoutLinkBuilder</identifier>
                <visibilityRule>
                    <criteria>
                        <leftValue>{!$Permission.CustomPermission.Stripe_Manage_Subscriptions}</leftValue>
                        <operator>EQUAL</operator>
                        <rightValue>true</rightValue>
                    </criteria>
                </visibilityRule>
            </componentInstance>
        </itemInstances>
        <name>sidebar</name>
        <type>Region</type>
    </flexiPageRegions>
    <masterLabel>Contact Record Page</masterLabel>
    <sobjectType>Contact</sobjectType>
    <template>
        <name>flexipage:recordHomeTemplateDesktop</name>
        <properties>
            <name>enablePageActionConfig</name>
            <value>false</value>
        </properties>
    </template>
    <type>RecordPage</type>`
      )
    });
    assert.ok(
      result.notes.some((n) => n.includes('FlexiPageRegion.itemInstances: API 48.0')),
      result.notes.join('\n')
    );
  });

  test('a summary Report with columns, a filter, a grouping and a time frame', () => {
    assertValid(rule, {
      [`${M}/reports/Stripe_Billing/Open_Invoices.report-meta.xml`]: doc(
        'Report',
        `    <columns>
        <field>Stripe_Invoice__c.Number__c</field>
    </columns>
    <columns>
        <aggregateTypes>Sum</aggregateTypes>
        <field>Stripe_Invoice__c.Amount_Remaining__c</field>
    </columns>
    <description>Open invoices by dunning stage.</description>
    <filter>
        <criteriaItems>
            <column>Stripe_Invoice__c.Status__c</column>
            <columnToColumn>false</columnToColumn>
            <isUnlocked>true</isUnlocked>
            <operator>equals</operator>
            <value>open</value>
        </criteriaItems>
    </filter>
    <format>Summary</format>
    <groupingsDown>
        <dateGranularity>Day</dateGranularity>
        <field>Stripe_Invoice__c.Dunning_Stage__c</field>
        <sortOrder>Asc</sortOrder>
    </groupingsDown>
    <name>Open Invoices</name>
    <params>
        <name>co</name>
        <value>1</value>
    </params>
    <reportType>CustomEntity$Stripe_Invoice__c</reportType>
    <scope>organization</scope>
    <showDetails>true</showDetails>
    <showGrandTotal>true</showGrandTotal>
    <showSubTotals>true</showSubTotals>
    <timeFrameFilter>
        <dateColumn>Stripe_Invoice__c.Due_Date__c</dateColumn>
        <interval>INTERVAL_CUSTOM</interval>
    </timeFrameFilter>`
      ),
      [`${M}/reports/Stripe_Billing.reportFolder-meta.xml`]: doc(
        'ReportFolder',
        `    <accessType>Public</accessType>
    <name>Stripe Billing</name>
    <publicFolderAccess>ReadOnly</publicFolderAccess>`
      )
    });
  });

  test('a grid Dashboard, a ReportType with a join, a Queue and a StaticResource', () => {
    assertValid(rule, {
      [`${M}/dashboards/Stripe_Billing/Billing_Overview.dashboard-meta.xml`]: doc(
        'Dashboard',
        `    <backgroundEndColor>#FFFFFF</backgroundEndColor>
    <backgroundFadeDirection>Diagonal</backgroundFadeDirection>
    <backgroundStartColor>#FFFFFF</backgroundStartColor>
    <chartTheme>light</chartTheme>
    <colorPalette>unity</colorPalette>
    <dashboardChartTheme>light</dashboardChartTheme>
    <dashboardColorPalette>unity</dashboardColorPalette>
    <dashboardGridLayout>
        <dashboardGridComponents>
            <colSpan>6</colSpan>
            <columnIndex>0</columnIndex>
            <dashboardComponent>
                <autoselectColumnsFromReport>true</autoselectColumnsFromReport>
                <chartAxisRange>Auto</chartAxisRange>
                <componentType>Metric</componentType>
                <decimalPrecision>-1</decimalPrecision>
                <displayUnits>Auto</displayUnits>
                <header>MRR</header>
                <indicatorHighColor>#54C254</indicatorHighColor>
                <indicatorLowColor>#C25454</indicatorLowColor>
                <indicatorMiddleColor>#C2C254</indicatorMiddleColor>
                <report>Stripe_Billing/Open_Invoices</report>
                <showRange>false</showRange>
            </dashboardComponent>
            <rowIndex>0</rowIndex>
            <rowSpan>4</rowSpan>
        </dashboardGridComponents>
        <numberOfColumns>12</numberOfColumns>
        <rowHeight>36</rowHeight>
    </dashboardGridLayout>
    <dashboardType>SpecifiedUser</dashboardType>
    <isGridLayout>true</isGridLayout>
    <runningUser>admin@example.com</runningUser>
    <textColor>#000000</textColor>
    <title>Billing Overview</title>
    <titleColor>#000000</titleColor>
    <titleSize>12</titleSize>`
      ),
      [`${M}/reportTypes/Subscriptions_With_Invoices.reportType-meta.xml`]: doc(
        'ReportType',
        `    <baseObject>Stripe_Subscription__c</baseObject>
    <category>other</category>
    <deployed>true</deployed>
    <description>Subscriptions and their invoices.</description>
    <join>
        <outerJoin>true</outerJoin>
        <relationship>Stripe_Invoices__r</relationship>
    </join>
    <label>Subscriptions with Invoices</label>
    <sections>
        <columns>
            <checkedByDefault>true</checkedByDefault>
            <field>Status__c</field>
            <table>Stripe_Subscription__c</table>
        </columns>
        <columns>
            <checkedByDefault>false</checkedByDefault>
            <field>Amount_Due__c</field>
            <table>Stripe_Subscription__c.Stripe_Invoices__r</table>
        </columns>
        <masterLabel>Subscriptions</masterLabel>
    </sections>`
      ),
      [`${M}/queues/Stripe_Finance.queue-meta.xml`]: doc(
        'Queue',
        `    <doesSendEmailToMembers>false</doesSendEmailToMembers>
    <name>Stripe Finance</name>
    <queueSobject>
        <sobjectType>Stripe_Invoice__c</sobjectType>
    </queueSobject>
    <queueSobject>
        <sobjectType>Stripe_Webhook_Event__c</sobjectType>
    </queueSobject>`
      ),
      [`${M}/staticresources/StripeEventFixtures.resource-meta.xml`]: doc(
        'StaticResource',
        `    <cacheControl>Private</cacheControl>
    <contentType>application/zip</contentType>
    <description>Stripe event fixtures for Apex tests.</description>`
      )
    });
  });

  test('an LWC bundle with targets and targetConfigs, a trigger, a subscriber config and a class', () => {
    const result = assertValid(rule, {
      [`${M}/lwc/customerBillingPanel/customerBillingPanel.js-meta.xml`]: doc(
        'LightningComponentBundle',
        `    <apiVersion>65.0</apiVersion>
    <isExposed>true</isExposed>
    <masterLabel>Customer Billing</masterLabel>
    <description>Billing at a glance.</description>
    <targets>
        <target>lightning__RecordPage</target>
        <target>lightning__AppPage</target>
    </targets>
    <targetConfigs>
        <targetConfig targets="lightning__RecordPage">
            <objects>
                <object>Contact</object>
                <object>Account</object>
            </objects>
            <supportedFormFactors>
                <supportedFormFactor type="Large" />
            </supportedFormFactors>
        </targetConfig>
    </targetConfigs>`
      ),
      [`${M}/triggers/StripeEventTrigger.trigger-meta.xml`]: doc(
        'ApexTrigger',
        '    <apiVersion>65.0</apiVersion>\n    <status>Active</status>'
      ),
      [`${M}/platformEventSubscriberConfigs/StripeEventTriggerConfig.platformEventSubscriberConfig-meta.xml`]:
        doc(
          'PlatformEventSubscriberConfig',
          `    <batchSize>200</batchSize>
    <masterLabel>StripeEventTriggerConfig</masterLabel>
    <platformEventConsumer>StripeEventTrigger</platformEventConsumer>
    <user>integration@example.com</user>`
        ),
      [`${M}/classes/CheckoutLinkController.cls-meta.xml`]: doc(
        'ApexClass',
        '    <apiVersion>65.0</apiVersion>\n    <status>Active</status>'
      )
    });
    assert.ok(result.notes.some((n) => n.includes('PlatformEventSubscriberConfig: API 51.0')));
    assert.ok(result.notes.some((n) => n.includes('LightningComponentBundle.targetConfigs')));
  });

  test('a custom metadata field and record, a restricted picklist and a permission set with classAccesses', () => {
    assertValid(rule, {
      [`${M}/objects/Stripe_Settings__mdt/fields/Sync_Batch_Size__c.field-meta.xml`]: doc(
        'CustomField',
        `    <fullName>Sync_Batch_Size__c</fullName>
    <externalId>false</externalId>
    <fieldManageability>DeveloperControlled</fieldManageability>
    <label>Sync Batch Size</label>
    <precision>4</precision>
    <required>false</required>
    <scale>0</scale>
    <type>Number</type>
    <unique>false</unique>`
      ),
      [`${M}/customMetadata/Stripe_Settings.Default.md-meta.xml`]: doc(
        'CustomMetadata',
        `    <label>Default</label>
    <protected>false</protected>
    <values>
        <field>Sync_Batch_Size__c</field>
        <value xsi:type="xsd:double">50</value>
    </values>
    <values>
        <field>Finance_Queue__c</field>
        <value xsi:nil="true"/>
    </values>`,
        XSI
      ),
      [`${M}/objects/Widget__c/fields/Status__c.field-meta.xml`]: doc(
        'CustomField',
        `    <fullName>Status__c</fullName>
    <label>Status</label>
    <required>false</required>
    <trackHistory>true</trackHistory>
    <type>Picklist</type>
    <valueSet>
        <restricted>true</restricted>
        <valueSetDefinition>
            <sorted>false</sorted>
            <value>
                <fullName>open</fullName>
                <default>true</default>
                <label>Open</label>
            </value>
            <value>
                <fullName>paid</fullName>
                <default>false</default>
                <label>Paid</label>
            </value>
        </valueSetDefinition>
    </valueSet>`
      ),
      [`${M}/permissionsets/Stripe_Finance.permissionset-meta.xml`]: doc(
        'PermissionSet',
        `    <classAccesses>
        <apexClass>CheckoutLinkController</apexClass>
        <enabled>true</enabled>
    </classAccesses>
    <classAccesses>
        <apexClass>SubscriptionActionsController</apexClass>
        <enabled>true</enabled>
    </classAccesses>
    <description>Finance.</description>
    <externalCredentialPrincipalAccesses>
        <enabled>true</enabled>
        <externalCredentialPrincipal>Stripe-StripeApiKey</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
    <hasActivationRequired>false</hasActivationRequired>
    <label>Stripe Finance</label>`
      )
    });
  });
});

test('a console app with overrides, a custom label set, a message channel and a new custom object', () => {
  assertValid(rule, {
    [`${M}/applications/Stripe_Console.app-meta.xml`]: doc(
      'CustomApplication',
      `    <actionOverrides>
        <actionName>View</actionName>
        <comment>Action override created by Lightning App Builder during activation.</comment>
        <content>Stripe_Customer_Record_Page</content>
        <formFactor>Large</formFactor>
        <skipRecordTypeSelect>false</skipRecordTypeSelect>
        <type>Flexipage</type>
        <pageOrSobjectType>Stripe_Customer__c</pageOrSobjectType>
    </actionOverrides>
    <formFactors>Large</formFactors>
    <label>Stripe Console</label>
    <navType>Console</navType>
    <profileActionOverrides>
        <actionName>View</actionName>
        <content>Contact_Billing_Record_Page</content>
        <formFactor>Large</formFactor>
        <pageOrSobjectType>Contact</pageOrSobjectType>
        <type>Flexipage</type>
        <profile>Admin</profile>
    </profileActionOverrides>
    <tabs>standard-Contact</tabs>
    <uiType>Lightning</uiType>
    <utilityBar>Stripe_Billing_UtilityBar</utilityBar>`
    ),
    [`${M}/groups/Stripe_Finance_Users.group-meta.xml`]: doc(
      'Group',
      `    <description>Finance users who work the Stripe queues.</description>
    <doesIncludeBosses>true</doesIncludeBosses>
    <name>Stripe Finance Users</name>`
    ),
    [`${M}/labels/CustomLabels.labels-meta.xml`]: doc(
      'CustomLabels',
      `    <labels>
        <fullName>Stripe_Sync_Failed</fullName>
        <categories>Stripe</categories>
        <language>en_US</language>
        <protected>false</protected>
        <shortDescription>Sync failed</shortDescription>
        <value>The Stripe sync failed.</value>
    </labels>`
    ),
    [`${M}/messageChannels/StripeEvents.messageChannel-meta.xml`]: doc(
      'LightningMessageChannel',
      `    <description>Stripe events.</description>
    <isExposed>true</isExposed>
    <lightningMessageFields>
        <description>Record id</description>
        <fieldName>recordId</fieldName>
    </lightningMessageFields>
    <masterLabel>Stripe Events</masterLabel>`
    ),
    [`${M}/objects/Stripe_Batch_Run__c/Stripe_Batch_Run__c.object-meta.xml`]: doc(
      'CustomObject',
      `    <deploymentStatus>Deployed</deploymentStatus>
    <enableHistory>false</enableHistory>
    <enableSharing>true</enableSharing>
    <externalSharingModel>Private</externalSharingModel>
    <label>Stripe Batch Run</label>
    <nameField>
        <displayFormat>RUN-{00000}</displayFormat>
        <label>Run</label>
        <type>AutoNumber</type>
    </nameField>
    <pluralLabel>Stripe Batch Runs</pluralLabel>
    <searchLayouts />
    <sharingModel>ReadWrite</sharingModel>
    <visibility>Public</visibility>`
    )
  });
});

describe('invalid samples', () => {
  const field = (body: string): Record<string, string> => ({
    [`${M}/objects/Widget__c/fields/Size__c.field-meta.xml`]: doc('CustomField', body)
  });
  const at = (line: number): string => `${M}/objects/Widget__c/fields/Size__c.field-meta.xml:${line}`;

  test('an unknown element, with a did-you-mean', () => {
    assertInvalid(rule, field('    <lable>Size</lable>\n    <type>Number</type>'), [
      { at: at(3), message: /<lable> is not an element of CustomField: did you mean <label>\?/ }
    ]);
  });

  test('a misplaced element: one that belongs to an enclosing or a nested element', () => {
    assertInvalid(
      rule,
      field(
        `    <label>Size</label>
    <type>Picklist</type>
    <valueSet>
        <valueSetDefinition>
            <sorted>false</sorted>
            <restricted>true</restricted>
        </valueSetDefinition>
    </valueSet>
    <restricted>true</restricted>`
      ),
      [
        {
          at: at(8),
          message:
            /<restricted> is not an element of ValueSetValuesDefinition.*belongs to ValueSet, an enclosing element/
        },
        {
          at: at(11),
          message: /<restricted> is not an element of CustomField: <restricted> belongs inside <valueSet>/
        }
      ]
    );
  });

  test('a single-valued element given twice', () => {
    assertInvalid(
      rule,
      field('    <label>Size</label>\n    <type>Number</type>\n    <label>Size 2</label>'),
      [{ at: at(5), message: /<label> appears again \(first at line 3\); CustomField.label takes one value/ }]
    );
  });

  test('a list element split by another element', () => {
    assertInvalid(
      rule,
      {
        [`${M}/permissionsets/Stripe_Sales.permissionset-meta.xml`]: doc(
          'PermissionSet',
          `    <fieldPermissions>
        <editable>false</editable>
        <field>Widget__c.Size__c</field>
        <readable>true</readable>
    </fieldPermissions>
    <label>Sales</label>
    <fieldPermissions>
        <editable>false</editable>
        <field>Widget__c.Color__c</field>
        <readable>true</readable>
    </fieldPermissions>`
        )
      },
      [
        {
          at: `${M}/permissionsets/Stripe_Sales.permissionset-meta.xml:9`,
          message: /<fieldPermissions> items are split by <label> \(line 8\)/
        }
      ]
    );
  });

  test('a boolean, an integer and a number that do not parse', () => {
    assertInvalid(
      rule,
      field(
        '    <externalId>yes</externalId>\n    <precision>ten</precision>\n    <type>Number</type>\n    <unique>False</unique>'
      ),
      [
        { at: at(3), message: /CustomField.externalId must be a boolean \(true or false\), not 'yes'/ },
        { at: at(4), message: /CustomField.precision must be an integer, not 'ten'/ },
        { at: at(6), message: /CustomField.unique must be a boolean/ }
      ]
    );
    assertInvalid(
      rule,
      {
        [`${M}/classes/Widget.cls-meta.xml`]: doc(
          'ApexClass',
          '    <apiVersion>sixty-five</apiVersion>\n    <status>Active</status>'
        )
      },
      [
        {
          at: `${M}/classes/Widget.cls-meta.xml:3`,
          message: /ApexClass.apiVersion must be a number, not 'sixty-five'/
        }
      ]
    );
  });

  test('an enumeration value the type does not allow', () => {
    assertInvalid(rule, field('    <label>Size</label>\n    <type>Numbr</type>'), [
      { at: at(4), message: /'Numbr' is not a FieldType value \(CustomField.type\): did you mean 'Number'\?/ }
    ]);
    assertInvalid(
      rule,
      {
        [`${M}/flexipages/P.flexipage-meta.xml`]: doc(
          'FlexiPage',
          '    <masterLabel>P</masterLabel>\n    <type>RecordPages</type>'
        )
      },
      [
        {
          at: `${M}/flexipages/P.flexipage-meta.xml:4`,
          message: /'RecordPages' is not a FlexiPageType value/
        }
      ]
    );
  });

  test('text where elements belong, and elements where a value belongs', () => {
    assertInvalid(rule, field('    <label><en>Size</en></label>\n    <valueSet>open</valueSet>'), [
      { at: at(3), message: /<label> holds elements but CustomField.label is a xsd:string value/ },
      { at: at(4), message: /<valueSet> holds text 'open' but ValueSet has elements/ }
    ]);
  });

  test('a root element that does not match the file suffix, and an unknown suffix', () => {
    assertInvalid(
      rule,
      {
        [`${M}/objects/Widget__c/fields/Size__c.field-meta.xml`]: doc(
          'CustomObject',
          '    <label>Size</label>'
        ),
        [`${M}/widgets/Big.widget-meta.xml`]: doc('Widget', '    <label>Big</label>')
      },
      [
        {
          at: `${M}/objects/Widget__c/fields/Size__c.field-meta.xml:2`,
          message:
            /root element <CustomObject> does not match the suffix '.field-meta.xml', which holds a CustomField/
        },
        {
          at: `${M}/widgets/Big.widget-meta.xml:2`,
          message: /unknown metadata file suffix '.widget-meta.xml'/
        }
      ]
    );
  });

  test('a root element outside the Metadata API namespace', () => {
    assertInvalid(
      rule,
      {
        [`${M}/classes/Widget.cls-meta.xml`]: `${xmlHead}<ApexClass>\n    <apiVersion>65.0</apiVersion>\n</ApexClass>\n`
      },
      [
        {
          at: `${M}/classes/Widget.cls-meta.xml:2`,
          message: /<ApexClass> must declare xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata"/
        }
      ]
    );
  });

  test('a file that is not XML fails naming the file and the parser message, not a stack trace', () => {
    assertInvalid(
      rule,
      {
        [`${M}/classes/Broken.cls-meta.xml`]: `${xmlHead}<ApexClass ${NS}>\n    <apiVersion>65.0</apiVersion>\n</ApexClas>\n`
      },
      [{ at: `${M}/classes/Broken.cls-meta.xml:4`, message: /cannot parse XML: .*ApexClas/ }]
    );
  });
});
