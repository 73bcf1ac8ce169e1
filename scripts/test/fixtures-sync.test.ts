/**
 * The fixtures-sync gate rejects a static resource or TypeScript check that drifted from
 * fixtures/stripe/events, a fixture named after another event type, and Apex that reads a Stripe
 * field no fixture carries; the repository is in sync.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkFixturesSync,
  FIXTURE_DIR,
  RESOURCE,
  syncFixtures,
  TYPECHECK
} from '../verify/fixtures-sync.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const event = (id: string, type: string, apiVersion: string): Record<string, unknown> => ({
  id,
  object: 'event',
  api_version: apiVersion,
  created: 1793491200,
  data: { object: { id: 'cus_Sample', object: 'customer' } },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type
});

/** A small project: two fixtures, node_modules linked for the stripe version, outputs synced. */
async function sampleProject(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixtures-sync-'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  fs.copyFileSync(path.join(root, '.prettierrc'), path.join(dir, '.prettierrc'));
  fs.mkdirSync(path.join(dir, FIXTURE_DIR), { recursive: true });
  const write = (name: string, body: unknown): void =>
    fs.writeFileSync(path.join(dir, FIXTURE_DIR, name), JSON.stringify(body));
  write('customer.created.json', event('evt_A', 'customer.created', '2024-06-20'));
  write('customer.updated.pre-basil.json', event('evt_B', 'customer.updated', '2024-06-20'));
  await syncFixtures(dir);
  return dir;
}

test('a synced sample project passes', async () => {
  const dir = await sampleProject();
  assert.deepEqual(await checkFixturesSync(dir), []);
});

test('a fixture changed in the folder but not in the static resource is rejected, naming the resource', async () => {
  const dir = await sampleProject();
  const file = path.join(dir, FIXTURE_DIR, 'customer.created.json');
  const changed = { ...event('evt_A', 'customer.created', '2024-06-20'), livemode: true };
  fs.writeFileSync(file, JSON.stringify(changed));
  const findings = await checkFixturesSync(dir);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.file, path.join(dir, RESOURCE));
  assert.match(findings[0]?.message ?? '', /differs from fixtures\/stripe\/events\/customer\.created\.json/);
});

test('a fixture missing from the static resource is rejected', async () => {
  const dir = await sampleProject();
  fs.writeFileSync(
    path.join(dir, FIXTURE_DIR, 'customer.deleted.json'),
    JSON.stringify(event('evt_C', 'customer.deleted', '2024-06-20'))
  );
  const messages = (await checkFixturesSync(dir)).map((f) => f.message);
  assert.ok(
    messages.some((m) => /lacks fixture customer\.deleted/.test(m)),
    messages.join('\n')
  );
});

test('a fixture of the current API version added without regenerating the TypeScript check is rejected', async () => {
  const dir = await sampleProject();
  const stripeVersion = /ApiVersion = '([^']+)'/.exec(
    fs.readFileSync(path.join(root, 'node_modules/stripe/cjs/apiVersion.js'), 'utf8')
  )?.[1];
  const resource = JSON.parse(fs.readFileSync(path.join(dir, RESOURCE), 'utf8')) as Record<string, unknown>;
  const current = event('evt_D', 'customer.created', stripeVersion ?? '');
  resource['customer.created.current'] = current;
  fs.writeFileSync(path.join(dir, RESOURCE), JSON.stringify(resource));
  fs.writeFileSync(path.join(dir, FIXTURE_DIR, 'customer.created.current.json'), JSON.stringify(current));
  const findings = await checkFixturesSync(dir);
  assert.deepEqual(
    findings.map((f) => f.file),
    [path.join(dir, TYPECHECK)]
  );
});

test('a fixture whose name is not its event type is rejected, naming the file', async () => {
  const dir = await sampleProject();
  fs.writeFileSync(
    path.join(dir, FIXTURE_DIR, 'invoice.paid.json'),
    JSON.stringify(event('evt_E', 'invoice.payment_failed', '2024-06-20'))
  );
  const findings = await checkFixturesSync(dir);
  const named = findings.filter((f) => f.file === path.join(dir, FIXTURE_DIR, 'invoice.paid.json'));
  assert.equal(named.length, 1);
  assert.match(named[0]?.message ?? '', /holds a invoice\.payment_failed event/);
});

/** Adds an sfdx project with one Apex class to the sample project; returns the class file. */
function withApex(dir: string, name: string, body: string): string {
  fs.writeFileSync(
    path.join(dir, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] })
  );
  const classes = path.join(dir, 'force-app/main/default/classes');
  fs.mkdirSync(classes, { recursive: true });
  const file = path.join(classes, `${name}.cls`);
  fs.writeFileSync(file, body);
  return file;
}

test('Apex reading Stripe fields the fixtures carry passes', async () => {
  const dir = await sampleProject();
  withApex(
    dir,
    'Reader',
    [
      'public class Reader {',
      '  String read(Map<String, Object> event) {',
      "    return StripeJson.getString(StripeJson.getMap(event, 'data.object'), 'object');",
      '  }',
      '}'
    ].join('\n')
  );
  assert.deepEqual(await checkFixturesSync(dir), []);
});

test('Apex reading a Stripe field no fixture carries is rejected, naming the file and line', async () => {
  const dir = await sampleProject();
  const file = withApex(
    dir,
    'Reader',
    [
      'public class Reader {',
      '  String read(Map<String, Object> customer) {',
      "    String id = StripeJson.requireString(customer, 'id');",
      "    return StripeJson.getString(customer, 'emial');",
      '  }',
      '}'
    ].join('\n')
  );
  const findings = await checkFixturesSync(dir);
  assert.deepEqual(
    findings.map((f) => [f.file, f.line]),
    [[file, 4]]
  );
  assert.match(findings[0]?.message ?? '', /reads the Stripe field 'emial', which no fixture/);
});

test('a field every fixture sends as null is not carried; a test class and a reasoned exemption are not checked', async () => {
  const dir = await sampleProject();
  const file = withApex(
    dir,
    'Reader',
    [
      'public class Reader {',
      '  Object read(Map<String, Object> event) {',
      "    Object nulls = StripeJson.getString(event, 'request.id');",
      '    // stripe-shape: the DeletedCustomer shape, which no customer event carries',
      "    Object exempt = StripeJson.getBoolean(event, 'deleted');",
      '    // stripe-shape: no',
      "    return StripeJson.getBoolean(event, 'unexplained');",
      '  }',
      '}'
    ].join('\n')
  );
  withApex(
    dir,
    'ReaderTest',
    "@IsTest\nprivate class ReaderTest { Object x = StripeJson.getString(null, 'nowhere'); }"
  );
  const findings = await checkFixturesSync(dir);
  assert.deepEqual(
    findings.map((f) => [f.file, f.line]),
    [
      [file, 3],
      [file, 7]
    ]
  );
});

test('the repository fixtures, static resource and TypeScript check are in step', async () => {
  assert.deepEqual(await checkFixturesSync(root), []);
});
