import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { checkApexLimits, formatEntryTable } from '../verify/apex-limits.js';
import { inPackage, runRuleTests, sampleProject, type Files } from './support/sample-project.js';

const check = (root: string) => checkApexLimits(root).findings;
const budgets = (b: Record<string, { soql: number; dml: number }>): Files => ({
  '/scripts/spec/apex-limit-budgets.json': JSON.stringify({ budgets: b })
});

const accountTrigger = `trigger AccountTrigger on Account (before update) {
  AccountHandler.beforeUpdate(Trigger.new);
}`;

const accountHandler = `public with sharing class AccountHandler {
  public static void beforeUpdate(List<Account> accounts) {
    Set<Id> ids = new Set<Id>();
    for (Account a : accounts) {
      ids.add(a.Id);
    }
    Map<Id, Contact> contacts = new Map<Id, Contact>([SELECT Id FROM Contact WHERE AccountId IN :ids WITH USER_MODE]);
    for (Account a : accounts) {
      a.Description = String.valueOf(contacts.size());
    }
  }
}`;

runRuleTests('limits-in-loop and limits-budget', check, {
  valid: [
    {
      name: 'a bulk trigger handler queries once, outside its loops, within budget',
      files: {
        'triggers/AccountTrigger.trigger': accountTrigger,
        'classes/AccountHandler.cls': accountHandler,
        ...budgets({ AccountTrigger: { soql: 1, dml: 0 } })
      }
    },
    {
      name: "a SOQL for-loop's own query and a for-each loop's collection run once",
      files: {
        'classes/Cleanup.cls': `public with sharing class Cleanup implements Queueable {
  public void execute(QueueableContext context) {
    List<Account> changed = new List<Account>();
    for (Account a : [SELECT Id, Name FROM Account WITH USER_MODE]) {
      a.Name = a.Name.trim();
      changed.add(a);
    }
    for (Contact c : loadContacts()) {
      c.Description = 'seen';
    }
    update as user changed;
  }
  private static List<Contact> loadContacts() {
    return [SELECT Id FROM Contact WITH USER_MODE];
  }
}`,
        ...budgets({ 'Cleanup.execute': { soql: 2, dml: 1 } })
      }
    },
    {
      name: 'calls on system types and unknown receivers are not taken for project methods',
      files: {
        'classes/Formatter.cls': `public with sharing class Formatter {
  public static String valueOf(Integer i) {
    return [SELECT Name FROM Account WITH USER_MODE LIMIT 1].Name + i;
  }
  @AuraEnabled
  public static String render(List<Integer> values, Object anything) {
    String out = '';
    for (Integer v : values) {
      out += String.valueOf(v);
      out += anything.toString();
    }
    return out;
  }
}`,
        ...budgets({ 'Formatter.render': { soql: 0, dml: 0 } })
      }
    },
    {
      name: 'of if/else branches and of interface implementers the larger count is taken',
      files: {
        'classes/Pricing.cls': `public with sharing class Pricing {
  public interface Source { List<Account> load(); }
  public class Cheap implements Source {
    public List<Account> load() { return new List<Account>(); }
  }
  public class Costly implements Source {
    public List<Account> load() { return [SELECT Id FROM Account WITH USER_MODE]; }
  }
  @InvocableMethod(label='Price')
  public static List<String> price(List<String> names) {
    Source source = names.isEmpty() ? (Source) new Cheap() : new Costly();
    if (names.size() > 1) {
      insert as user new Account(Name = names[0]);
    } else {
      update as user source.load();
    }
    return names;
  }
}`,
        ...budgets({ 'Pricing.price': { soql: 1, dml: 1 } })
      }
    }
  ],
  invalid: [
    {
      name: 'a loop calls a method that calls a method that queries',
      files: {
        'classes/InvoiceSync.cls': `public with sharing class InvoiceSync {
  public static void syncAll(List<Id> ids) {
    for (Id invoiceId : ids) {
      syncOne(invoiceId);
    }
  }
  private static void syncOne(Id invoiceId) {
    InvoiceSelector.byId(invoiceId);
  }
}`,
        'classes/InvoiceSelector.cls': `public with sharing class InvoiceSelector {
  public static Account byId(Id recordId) {
    return [SELECT Id FROM Account WHERE Id = :recordId WITH USER_MODE];
  }
}`
      },
      errors: [
        {
          file: 'classes/InvoiceSync.cls',
          line: 3,
          message:
            /for-each loop in InvoiceSync\.syncAll .*InvoiceSync\.syncOne \(called at InvoiceSync\.cls:4\) → InvoiceSelector\.byId \(called at InvoiceSync\.cls:8\) → SOQL query \(InvoiceSelector\.cls:3\)/,
          rule: 'limits-in-loop'
        }
      ]
    },
    {
      name: 'a loop calls an interface method whose implementer runs DML',
      files: {
        'classes/Ledger.cls': `public with sharing class Ledger {
  public interface Writer { void write(Account a); }
  public class DmlWriter implements Writer {
    public void write(Account a) { insert as user a; }
  }
  private Writer writer = new DmlWriter();
  public void post(List<Account> accounts) {
    Integer i = 0;
    while (i < accounts.size()) {
      writer.write(accounts[i++]);
    }
  }
}`
      },
      errors: [
        {
          file: 'classes/Ledger.cls',
          line: 9,
          message:
            /while loop .*Ledger\.DmlWriter\.write \(called at Ledger\.cls:10\) → insert statement \(Ledger\.cls:4\)/
        }
      ]
    },
    {
      name: 'callouts, email, event publishing and Database DML directly inside loops',
      files: {
        'classes/Notifier.cls': `public with sharing class Notifier {
  public void notifyAll(List<HttpRequest> requests, List<Messaging.SingleEmailMessage> mails, List<Account> rows) {
    for (HttpRequest request : requests) {
      new Http().send(request);
    }
    Http http = new Http();
    for (Integer i = 0; i < requests.size(); i++) {
      http.send(requests[i]);
    }
    do {
      Messaging.sendEmail(mails);
    } while (mails.isEmpty());
    for (Account row : rows) {
      EventBus.publish(new List<SObject>{ row });
      Database.update(row, AccessLevel.USER_MODE);
    }
  }
}`
      },
      errors: [
        {
          file: 'classes/Notifier.cls',
          line: 3,
          message: /for-each loop .*HTTP callout \(Http\.send\) \(Notifier\.cls:4\)/
        },
        { file: 'classes/Notifier.cls', line: 7, message: /for loop .*HTTP callout/ },
        {
          file: 'classes/Notifier.cls',
          line: 10,
          message: /do-while loop .*Messaging\.sendEmail \(Notifier\.cls:11\)/
        },
        {
          file: 'classes/Notifier.cls',
          line: 13,
          message: /EventBus\.publish \(Notifier\.cls:14\); and 1 more: Database\.update \(Notifier\.cls:15\)/
        }
      ]
    },
    {
      name: "a classic for loop's condition runs on every iteration; a constructor that queries",
      files: {
        'classes/Counter.cls': `public with sharing class Counter {
  private Integer total;
  public Counter() {
    total = [SELECT COUNT() FROM Account WITH USER_MODE];
  }
  public static void run() {
    for (Integer i = 0; i < remaining(); i++) {
      System.debug(i);
    }
    for (Integer j = 0; j < 3; j++) {
      Counter c = new Counter();
    }
  }
  private static Integer remaining() {
    return [SELECT COUNT() FROM Contact WITH USER_MODE];
  }
}`
      },
      errors: [
        {
          file: 'classes/Counter.cls',
          line: 7,
          message: /Counter\.remaining \(called at Counter\.cls:7\) → SOQL query/
        },
        {
          file: 'classes/Counter.cls',
          line: 10,
          message: /new Counter \(called at Counter\.cls:11\) → SOQL query \(Counter\.cls:4\)/
        }
      ]
    },
    {
      name: 'an entry point without a budget is told how to add one',
      files: {
        'triggers/AccountTrigger.trigger': accountTrigger,
        'classes/AccountHandler.cls': accountHandler
      },
      errors: [
        {
          file: 'triggers/AccountTrigger.trigger',
          line: 1,
          message:
            /entry point AccountTrigger \(trigger\) reaches 1 SOQL and 0 DML but has no budget: add "AccountTrigger": \{ "soql": 1, "dml": 0 \} to scripts\/spec\/apex-limit-budgets\.json/,
          rule: 'limits-budget'
        }
      ]
    },
    {
      name: "DML that fires a project trigger adds the trigger's count; over budget fails",
      files: {
        'triggers/AccountTrigger.trigger': accountTrigger,
        'classes/AccountHandler.cls': accountHandler,
        'classes/AccountController.cls': `public with sharing class AccountController {
  @AuraEnabled
  public static void rename(Id accountId, String name) {
    update as user new Account(Id = accountId, Name = name);
  }
}`,
        ...budgets({ AccountTrigger: { soql: 1, dml: 0 }, 'AccountController.rename': { soql: 0, dml: 1 } })
      },
      errors: [
        {
          file: 'classes/AccountController.cls',
          line: 3,
          message:
            /AccountController\.rename \(AuraEnabled\) reaches 1 SOQL and 1 DML, over its budget of 0 SOQL and 1 DML/
        }
      ]
    },
    {
      name: 'REST, Batchable and Schedulable entry points; a budget for something that is not an entry point',
      files: {
        'classes/EventsResource.cls': `@RestResource(urlMapping='/events/*')
global with sharing class EventsResource {
  @HttpPost
  global static void accept() {
    insert as user new Account(Name = 'x');
  }
}`,
        'classes/Sweep.cls': `public with sharing class Sweep implements Database.Batchable<SObject>, Schedulable {
  public Database.QueryLocator start(Database.BatchableContext bc) {
    return Database.getQueryLocator([SELECT Id FROM Account WITH USER_MODE]);
  }
  public void execute(Database.BatchableContext bc, List<Account> scope) {
    delete as user scope;
  }
  public void finish(Database.BatchableContext bc) {
    System.debug('done');
  }
  public void execute(SchedulableContext sc) {
    Database.executeBatch(new Sweep());
  }
}`,
        ...budgets({
          'EventsResource.accept': { soql: 0, dml: 1 },
          'Sweep.start': { soql: 1, dml: 0 },
          'Sweep.execute/2': { soql: 0, dml: 1 },
          'Sweep.finish': { soql: 0, dml: 0 },
          'Sweep.execute/1': { soql: 0, dml: 0 },
          'Sweep.stop': { soql: 0, dml: 0 }
        })
      },
      errors: [
        {
          file: '/scripts/spec/apex-limit-budgets.json',
          line: 1,
          message: /budget for Sweep\.stop, which is not an entry point/
        }
      ]
    },
    {
      name: 'a file that does not parse is named with the parser message',
      files: {
        'classes/Broken.cls': `public with sharing class Broken {
  public void run() {
    Integer x = ;
  }
}`
      },
      errors: [{ file: 'classes/Broken.cls', line: 3, message: /cannot parse Apex \(column \d+\): .+/ }]
    }
  ]
});

test('the entry point table prints each count', () => {
  const root = sampleProject(
    inPackage({
      'triggers/AccountTrigger.trigger': accountTrigger,
      'classes/AccountHandler.cls': accountHandler
    })
  );
  try {
    const { entries } = checkApexLimits(root);
    assert.deepEqual(formatEntryTable(entries, root), [
      'AccountTrigger [trigger] (force-app/main/default/triggers/AccountTrigger.trigger:1): 1 SOQL, 0 DML'
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

runRuleTests('limits-in-loop exceptions', check, {
  valid: [
    {
      name: 'test classes and suppressed, commented loops are not reported',
      files: {
        'classes/Pager.cls': `public with sharing class Pager {
  // One callout per page is the only way to read a long list; bounded by maxPages.
  @SuppressWarnings('PMD.OperationWithLimitsInLoop')
  public static Integer readAll(Integer maxPages) {
    Integer pages = 0;
    while (pages < maxPages) {
      fetch();
      pages++;
    }
    return pages;
  }
  private static void fetch() {
    new Http().send(new HttpRequest());
  }
}`,
        'classes/PagerTest.cls': `@IsTest
private class PagerTest {
  @IsTest
  static void eachPersonaReads() {
    for (Integer i = 0; i < 2; i++) {
      Assert.areEqual(1, [SELECT COUNT() FROM Account WITH USER_MODE] + 1, 'one per persona');
    }
  }
}`
      }
    }
  ],
  invalid: []
});

runRuleTests('limits-in-loop through properties and lazy loading', check, {
  valid: [
    {
      name: 'a field or property filled once behind `== null` is not queried per iteration',
      files: {
        'classes/PlanCache.cls': `public with sharing class PlanCache {
  private static Map<Id, Account> byId;
  public static List<Contact> contacts {
    get {
      if (contacts == null) {
        contacts = [SELECT Id FROM Contact WITH USER_MODE];
      }
      return contacts;
    }
    private set;
  }
  public static Account plan(Id planId) {
    if (byId == null) {
      byId = new Map<Id, Account>([SELECT Id FROM Account WITH USER_MODE]);
    }
    return byId.get(planId);
  }
  private static List<Case> cases;
  public static List<Case> openCases() {
    if (cases != null) {
      return cases;
    }
    cases = [SELECT Id FROM Case WITH USER_MODE];
    return cases;
  }
  public static Integer total(List<Id> ids) {
    Integer n = 0;
    for (Id planId : ids) {
      n += plan(planId) == null ? 0 : contacts.size() + openCases().size();
    }
    return n;
  }
}`
      }
    }
  ],
  invalid: [
    {
      name: 'a property whose getter queries every time is a query per iteration',
      files: {
        'classes/Settings.cls': `public with sharing class Settings {
  public Integer openCount {
    get {
      return [SELECT COUNT() FROM Account WITH USER_MODE];
    }
  }
  public Integer sum(List<Integer> values) {
    Integer total = 0;
    for (Integer v : values) {
      total += v + openCount;
    }
    return total;
  }
}`
      },
      errors: [
        {
          file: 'classes/Settings.cls',
          line: 9,
          message:
            /Settings\.openCount \(get\) \(called at Settings\.cls:10\) → SOQL query \(Settings\.cls:4\)/
        }
      ]
    }
  ]
});

runRuleTests('limits-budget: triggers fired by DML', check, {
  valid: [],
  invalid: [
    {
      name: "all of an object's triggers add up; DML of unknown object counts the costliest object's",
      files: {
        'triggers/AccountAudit.trigger': `trigger AccountAudit on Account (after update) {
  Integer n = [SELECT COUNT() FROM Contact WITH USER_MODE];
}`,
        'triggers/AccountRollup.trigger': `trigger AccountRollup on Account (after update, after insert) {
  Integer n = [SELECT COUNT() FROM Case WITH USER_MODE];
}`,
        'triggers/ContactSync.trigger': `trigger ContactSync on Contact (after update) {
  Integer n = [SELECT COUNT() FROM Lead WITH USER_MODE];
}`,
        'classes/Writer.cls': `public with sharing class Writer {
  @AuraEnabled
  public static void touchAccounts(List<Account> rows) {
    update as user rows;
  }
  @AuraEnabled
  public static void touchAny(List<SObject> rows) {
    Database.update(rows, AccessLevel.USER_MODE);
  }
}`,
        ...budgets({
          AccountAudit: { soql: 1, dml: 0 },
          AccountRollup: { soql: 1, dml: 0 },
          ContactSync: { soql: 1, dml: 0 },
          'Writer.touchAccounts': { soql: 1, dml: 1 },
          'Writer.touchAny': { soql: 1, dml: 1 }
        })
      },
      errors: [
        {
          file: 'classes/Writer.cls',
          line: 3,
          message: /Writer\.touchAccounts \(AuraEnabled\) reaches 2 SOQL and 1 DML, over/
        },
        {
          file: 'classes/Writer.cls',
          line: 7,
          message: /Writer\.touchAny \(AuraEnabled\) reaches 2 SOQL and 1 DML, over/
        }
      ]
    }
  ]
});

runRuleTests('limits-in-loop: test doubles', check, {
  valid: [
    {
      name: 'an implementer inside a test class is not a target of production calls',
      files: {
        'classes/Gateway.cls': `public with sharing class Gateway {
  public interface Port { void send(String body); }
  public class Silent implements Port {
    public void send(String body) { System.debug(body); }
  }
  public static Port port = new Silent();
  public static void sendAll(List<String> bodies) {
    for (String body : bodies) {
      port.send(body);
    }
  }
}`,
        'classes/GatewayTest.cls': `@IsTest
private class GatewayTest {
  private class RecordingPort implements Gateway.Port {
    public void send(String body) {
      insert new Account(Name = body);
    }
  }
  @IsTest
  static void sendsEach() {
    Gateway.port = new RecordingPort();
    Gateway.sendAll(new List<String>{ 'a', 'b' });
    Assert.areEqual(2, [SELECT COUNT() FROM Account], 'one row per body');
  }
}`
      }
    }
  ],
  invalid: []
});

runRuleTests('limits: @future methods run in their own transaction', check, {
  valid: [],
  invalid: [
    {
      name: 'a loop calling an @future method queues a job per iteration (its query runs elsewhere)',
      files: {
        'classes/Notify.cls': `public with sharing class Notify {
  public static void all(List<Id> ids) {
    for (Id recordId : ids) {
      later(recordId);
    }
  }
  @future
  public static void later(Id recordId) {
    Account a = [SELECT Id FROM Account WHERE Id = :recordId WITH USER_MODE];
    System.debug(a);
  }
}`
      },
      errors: [
        {
          file: 'classes/Notify.cls',
          line: 3,
          message: /for-each loop in Notify\.all .*@future call later\(…\) \(Notify\.cls:4\)$/
        },
        {
          file: 'classes/Notify.cls',
          line: 8,
          message: /entry point Notify\.later \(future\) reaches 1 SOQL and 0 DML but has no budget/
        }
      ]
    }
  ]
});

runRuleTests('limits-in-loop: asynchronous jobs', check, {
  valid: [],
  invalid: [
    {
      name: 'a queueable enqueued on every iteration',
      files: {
        'classes/Fanout.cls': `public with sharing class Fanout implements Queueable {
  public void execute(QueueableContext context) {
    System.debug('one job');
  }
  public static void start(List<Id> ids) {
    for (Id recordId : ids) {
      System.enqueueJob(new Fanout());
    }
  }
}`,
        ...budgets({ 'Fanout.execute': { soql: 0, dml: 0 } })
      },
      errors: [
        {
          file: 'classes/Fanout.cls',
          line: 6,
          message: /for-each loop in Fanout\.start .*System\.enqueueJob \(Fanout\.cls:7\)/
        }
      ]
    }
  ]
});

test('a count that includes DML on records of unknown object says it is an upper bound', () => {
  const root = sampleProject(
    inPackage({
      'triggers/AccountAudit.trigger': `trigger AccountAudit on Account (after update) {
  Integer n = [SELECT COUNT() FROM Contact WITH USER_MODE];
}`,
      'classes/Writer.cls': `public with sharing class Writer {
  @AuraEnabled
  public static void touchAny(List<SObject> rows) {
    update as user rows;
  }
  @AuraEnabled
  public static void touchAccounts(List<Account> rows) {
    update as user rows;
  }
}`
    })
  );
  try {
    const table = formatEntryTable(checkApexLimits(root).entries, root);
    assert.match(table.find((l) => l.startsWith('Writer.touchAny')) ?? '', /1 SOQL, 1 DML \(at most: /);
    assert.doesNotMatch(table.find((l) => l.startsWith('Writer.touchAccounts')) ?? '', /at most/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
