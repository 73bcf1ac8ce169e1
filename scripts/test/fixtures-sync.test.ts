/**
 * The fixtures-sync gate rejects a static resource or TypeScript check that drifted from
 * fixtures/stripe/events, and a fixture named after another event type; the repository is in sync.
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

test('the repository fixtures, static resource and TypeScript check are in step', async () => {
  assert.deepEqual(await checkFixturesSync(root), []);
});
