/**
 * Generates a project of about `lines` lines of Apex in the shapes this project writes (queueable
 * services with interface-typed steps, selectors with picklist filters, controllers, triggers, test
 * classes with helpers), for measuring the Apex rules' speed. Bulk-safe by construction: no limit
 * operation is reachable from a loop, so the rules must walk it all and find nothing there.
 */
import type { Files } from './support/sample-project.js';

const picklistField = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Status__c</fullName>
    <label>Status</label>
    <type>Picklist</type>
    <valueSet>
        <restricted>true</restricted>
        <valueSetDefinition>
            <sorted>false</sorted>
            <value><fullName>draft</fullName><default>false</default><label>Draft</label></value>
            <value><fullName>open</fullName><default>false</default><label>Open</label></value>
            <value><fullName>paid</fullName><default>false</default><label>Paid</label></value>
            <value><fullName>void</fullName><default>false</default><label>Void</label></value>
        </valueSetDefinition>
    </valueSet>
</CustomField>
`;

function helpers(i: number, count: number): string {
  const out: string[] = [];
  for (let h = 0; h < count; h++) {
    const next = h + 1 < count ? `total += helper${h + 1}(rows, depth + 1);` : 'total += depth;';
    out.push(`  /**
   * @description Step ${h} of the generated computation.
   * @param rows the invoices
   * @param depth how deep the chain is
   * @return a number derived from the rows
   */
  public static Integer helper${h}(List<Invoice__c> rows, Integer depth) {
    Integer total = 0;
    for (Invoice__c row : rows) {
      if (row.Status__c == 'open' || row.Status__c == 'draft') {
        total += ${h + 1};
      } else if (row.Status__c != 'void') {
        total -= 1;
      }
    }
    Map<String, Integer> counts = new Map<String, Integer>();
    for (Integer k = 0; k < rows.size(); k++) {
      String key = String.valueOf(k) + '-${i}-${h}';
      counts.put(key, k * ${h + 2});
    }
    ${next}
    return total + counts.size();
  }
`);
  }
  return out.join('\n');
}

function service(i: number, n: number): string {
  const chain = i + 1 < n ? `GenService${i + 1}.helper0(rows, 0);` : 'System.debug(rows.size());';
  return `/**
 * @description Generated service ${i}: loads open invoices, applies its steps, saves them.
 */
public with sharing class GenService${i} implements Queueable {
  /**
   * @description One transformation of a batch of invoices.
   */
  public interface Step {
    /**
     * @description Applies the step.
     * @param rows invoices
     * @return the same invoices
     */
    List<Invoice__c> apply(List<Invoice__c> rows);
  }

  /**
   * @description Marks open invoices paid.
   */
  public class MarkPaid implements Step {
    /**
     * @description Applies the step.
     * @param rows invoices
     * @return the same invoices
     */
    public List<Invoice__c> apply(List<Invoice__c> rows) {
      for (Invoice__c row : rows) {
        if (row.Status__c == 'open') {
          row.Status__c = 'paid';
        }
      }
      return rows;
    }
  }

  /**
   * @description Voids drafts.
   */
  public class VoidDrafts implements Step {
    /**
     * @description Applies the step.
     * @param rows invoices
     * @return the same invoices
     */
    public List<Invoice__c> apply(List<Invoice__c> rows) {
      for (Invoice__c row : rows) {
        switch on row.Status__c {
          when 'draft' {
            row.Status__c = 'void';
          }
          when else {
            System.debug(row.Id);
          }
        }
      }
      return rows;
    }
  }

  private final List<Step> steps = new List<Step>{ new MarkPaid(), new VoidDrafts() };

  /**
   * @description Runs the steps over the open invoices.
   * @param context the queueable context
   */
  public void execute(QueueableContext context) {
    List<Invoice__c> rows = GenSelector${i}.byStatus(new Set<String>{ 'open', 'draft' });
    for (Step step : steps) {
      rows = step.apply(rows);
    }
    update as user rows;
    ${chain}
  }

  /**
   * @description Counts invoices per status for a panel.
   * @param limitRows how many rows to read
   * @return one line per status
   */
  @AuraEnabled(cacheable=true)
  public static List<String> summary(Integer limitRows) {
    List<String> lines = new List<String>();
    Map<String, Integer> perStatus = new Map<String, Integer>();
    for (Invoice__c row : GenSelector${i}.recent(limitRows)) {
      Integer seen = perStatus.containsKey(row.Status__c) ? perStatus.get(row.Status__c) : 0;
      perStatus.put(row.Status__c, seen + 1);
    }
    for (String status : perStatus.keySet()) {
      lines.add(status + ': ' + perStatus.get(status));
    }
    return lines;
  }

${helpers(i, 6)}}
`;
}

function selector(i: number): string {
  return `/**
 * @description Queries of generated service ${i}.
 */
public with sharing class GenSelector${i} {
  private static final String PAID = 'paid';

  /**
   * @description Invoices in the given statuses.
   * @param statuses picklist values
   * @return the invoices
   */
  public static List<Invoice__c> byStatus(Set<String> statuses) {
    return [SELECT Id, Status__c FROM Invoice__c WHERE Status__c IN :statuses WITH USER_MODE LIMIT 200];
  }

  /**
   * @description The latest invoices that are not paid.
   * @param limitRows how many
   * @return the invoices
   */
  public static List<Invoice__c> recent(Integer limitRows) {
    return [
      SELECT Id, Status__c
      FROM Invoice__c
      WHERE Status__c != :PAID AND Status__c IN ('draft', 'open', 'void')
      WITH USER_MODE
      ORDER BY CreatedDate DESC
      LIMIT :limitRows
    ];
  }
}
`;
}

function testClass(i: number): string {
  return `/**
 * @description Proves generated service ${i}.
 */
@IsTest
private class GenService${i}Test {
  @IsTest
  static void marksOpenInvoicesPaid() {
    List<Invoice__c> rows = new List<Invoice__c>{ new Invoice__c(Status__c = 'open') };
    rows = new GenService${i}.MarkPaid().apply(rows);
    Assert.areEqual('paid', rows[0].Status__c, 'open becomes paid');
  }

  @IsTest
  static void voidsDrafts() {
    List<Invoice__c> rows = new List<Invoice__c>{ new Invoice__c(Status__c = 'draft') };
    rows = new GenService${i}.VoidDrafts().apply(rows);
    assertStatus(rows, 'void');
  }

  @IsTest
  static void countsTheChain() {
    Integer total = GenService${i}.helper0(new List<Invoice__c>{ new Invoice__c(Status__c = 'open') }, 0);
    Assert.isTrue(total > 0, 'open invoices count');
  }

  @IsTest
  static void summarisesNothingWithoutData() {
    Assert.areEqual(0, GenService${i}.summary(10).size(), 'no invoices, no lines');
    Assert.areEqual(0, GenSelector${i}.recent(5).size(), 'the selector finds none');
  }

  private static void assertStatus(List<Invoice__c> rows, String expected) {
    for (Invoice__c row : rows) {
      Assert.areEqual(expected, row.Status__c, 'status after the step');
    }
  }
}
`;
}

/** About `lines` lines of Apex (rounded to whole services). */
export function generateApexTree(lines: number): { files: Files; entryPoints: number; apexLines: number } {
  const perService = 300;
  const n = Math.max(1, Math.round(lines / perService));
  const files: Files = {
    'objects/Invoice__c/Invoice__c.object-meta.xml':
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Invoice</label></CustomObject>\n',
    'objects/Invoice__c/fields/Status__c.field-meta.xml': picklistField,
    'triggers/InvoiceTrigger.trigger': `trigger InvoiceTrigger on Invoice__c(before update) {
  GenService0.helper0(Trigger.new, 0);
}
`
  };
  for (let i = 0; i < n; i++) {
    files[`classes/gen/GenService${i}.cls`] = service(i, n);
    files[`classes/gen/GenSelector${i}.cls`] = selector(i);
    files[`classes/gen/GenService${i}Test.cls`] = testClass(i);
  }
  const apexLines = Object.entries(files)
    .filter(([f]) => f.endsWith('.cls') || f.endsWith('.trigger'))
    .reduce((sum, [, text]) => sum + text.split('\n').length, 0);
  return { files, entryPoints: 2 * n + 1, apexLines };
}
