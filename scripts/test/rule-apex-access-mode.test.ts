/** apex-access-mode: every query and DML says whose access it runs with; system mode says why. */
import { describe, test } from 'node:test';
import { apexAccessModeRule as rule } from '../verify/rules/apex-access-mode.js';
import { assertInvalid, assertValid, META_DIR as M } from './support/sample-project.js';

const cls = (name: string, body: string): Record<string, string> => ({ [`${M}/classes/${name}.cls`]: body });

describe('valid samples', () => {
  test('user mode in every form; system mode explained on the statement, the method or the class', () => {
    assertValid(rule, {
      ...cls(
        'InvoiceReader',
        `public with sharing class InvoiceReader {
  public static List<Contact> read(Set<Id> ids, String soql, Map<String, Object> binds) {
    List<Contact> rows = [SELECT Id FROM Contact WHERE Id IN :ids WITH USER_MODE];
    rows.addAll((List<Contact>) Database.queryWithBinds(soql, binds, AccessLevel.USER_MODE));
    Database.getQueryLocator([SELECT Id FROM Contact WITH SECURITY_ENFORCED]);
    List<List<SObject>> found = [FIND 'Acme' IN ALL FIELDS RETURNING Contact(Id) WITH USER_MODE];
    update as user rows;
    Database.insert(rows, false, AccessLevel.USER_MODE);
    // System mode: the audit row is written whatever the user may create.
    insert as system new Task(Subject = 'read');
    Database.update(rows, false, AccessLevel.SYSTEM_MODE); // system mode: the sync stamp is the integration's
    try {
      // System mode: the mirror rows are the integration's, no persona may write them.
      if (!rows.isEmpty()) {
        Database.upsert(rows, false, AccessLevel.SYSTEM_MODE);
      }
      delete as system rows;
    } finally {
      rows.clear();
    }
    return rows;
  }

  /**
   * @description Every row in system mode: totals over rows one user sees would be wrong.
   */
  @TestVisible
  private static Integer total() {
    return [SELECT COUNT() FROM Contact WITH SYSTEM_MODE];
  }
}`
      ),
      ...cls(
        'RollupSelector',
        `/**
 * @description Rollups read every row in system mode (\`WITH SYSTEM_MODE\`): totals must not depend on the user.
 */
public without sharing class RollupSelector {
  public static Integer count() {
    return [SELECT COUNT() FROM Account WITH SYSTEM_MODE];
  }
}`
      ),
      ...cls(
        'InvoiceReaderTest',
        `@IsTest
private class InvoiceReaderTest {
  @IsTest
  static void readsBack() {
    Contact c = new Contact(LastName = 'A');
    insert c;
    Assert.areEqual(1, [SELECT COUNT() FROM Contact]);
  }
}`
      )
    });
  });
});

describe('invalid samples', () => {
  test('a query, a DML statement and a Database call with no access mode', () => {
    assertInvalid(
      rule,
      cls(
        'LinkService',
        `public with sharing class LinkService {
  public static void touch(Id contactId, String soql) {
    Contact c = [SELECT Id FROM Contact WHERE Id = :contactId];
    update c;
    List<SObject> rows = Database.query(soql);
    delete as user rows;
  }
}`
      ),
      [
        { at: `${M}/classes/LinkService.cls:3`, message: /SOQL query states no access mode.*WITH USER_MODE/ },
        {
          at: `${M}/classes/LinkService.cls:4`,
          message: /`update` statement states no access mode.*as user/
        },
        {
          at: `${M}/classes/LinkService.cls:5`,
          message: /Database\.query states no access mode.*AccessLevel/
        }
      ]
    );
  });

  test('system mode that no comment explains; a comment above a with sharing class does not explain its operations', () => {
    assertInvalid(
      rule,
      cls(
        'LinkWriter',
        `/**
 * @description Creates checkout links for a contact; a writer stores Stripe's answer in system mode.
 */
public with sharing class LinkWriter {
  // Stores the session id.
  public static void store(List<Contact> rows) {
    Integer n = [SELECT COUNT() FROM Contact WITH SYSTEM_MODE];
    // Write the rows back to the database now.
    update as system rows;
    Database.update(rows, false, AccessLevel.SYSTEM_MODE);
  }
}`
      ),
      [
        {
          at: `${M}/classes/LinkWriter.cls:7`,
          message: /SOQL query runs in system mode without a comment saying why/
        },
        {
          at: `${M}/classes/LinkWriter.cls:9`,
          message: /`update` statement runs in system mode without a comment/
        },
        {
          at: `${M}/classes/LinkWriter.cls:10`,
          message: /Database\.update runs in system mode without a comment/
        }
      ]
    );
  });

  test('a class that does not parse is named with the parser message', () => {
    assertInvalid(rule, cls('Broken', 'public with sharing class Broken {\n  void m( {\n}'), [
      { at: `${M}/classes/Broken.cls:2`, message: /cannot parse Apex/ }
    ]);
  });

  test('a trigger is not a test: its queries need a mode too', () => {
    assertInvalid(
      rule,
      {
        [`${M}/triggers/ContactTrigger.trigger`]:
          'trigger ContactTrigger on Contact (before insert) {\n  Integer n = [SELECT COUNT() FROM Account];\n}'
      },
      [{ at: `${M}/triggers/ContactTrigger.trigger:2`, message: /SOQL query states no access mode/ }]
    );
  });
});
