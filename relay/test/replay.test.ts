import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../src/replay/cli.js';
import { FIXTURES, testKeys } from './support/harness.js';
import { SalesforceStandIn } from './support/salesforce-standin.js';
import { StripeApiStandIn, type StoredEvent } from './support/stripe-api-standin.js';

const CLI = fileURLToPath(new URL('../src/replay/cli.ts', import.meta.url));
const BASE = Math.floor(Date.now() / 1000) - 3600;
const TEMPLATES = [FIXTURES.customerCreated, FIXTURES.invoicePaymentFailed, FIXTURES.subscriptionUpdated].map(
  (text) => JSON.parse(text) as StoredEvent
);

/** 260 events a minute apart, newest first; the 230 newest are inside the --since window used below. */
const EVENTS: StoredEvent[] = Array.from({ length: 260 }, (_, n) => ({
  ...(TEMPLATES[n % 3] as StoredEvent),
  id: `evt_replay${String(n).padStart(4, '0')}`,
  created: BASE - n * 60
}));
const SINCE = new Date((BASE - 229 * 60) * 1000).toISOString();
const IN_WINDOW = EVENTS.slice(0, 230);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('replay from the Stripe Events API', () => {
  let stripeApi: StripeApiStandIn;
  let salesforce: SalesforceStandIn;
  let env: Record<string, string>;

  before(async () => {
    const apiKey = 'sk_test_' + randomBytes(12).toString('hex');
    stripeApi = await new StripeApiStandIn(apiKey).start();
    stripeApi.setEvents(EVENTS);
    const keys = testKeys();
    salesforce = await new SalesforceStandIn({
      clientId: 'replay-client',
      username: 'replay@example.com',
      publicKey: keys.publicKey
    }).start();
    env = {
      STRIPE_API_KEY: apiKey,
      STRIPE_API_BASE: stripeApi.url,
      SF_LOGIN_URL: salesforce.url,
      SF_CLIENT_ID: 'replay-client',
      SF_USERNAME: 'replay@example.com',
      SF_PRIVATE_KEY: keys.privateKeyPem,
      RELAY_BATCH_MAX_WAIT_MS: '5'
    };
  });
  after(async () => {
    await stripeApi.close();
    await salesforce.close();
  });

  test('lists with auto-pagination and forwards every event as the API returned it; a second run is all duplicates', async () => {
    const first = capture();
    assert.equal(await main(['--since', SINCE], env, first.io), 0, first.err.join('\n'));
    assert.equal(stripeApi.listRequests, 3, '230 events in pages of 100');
    assert.deepEqual(
      [...salesforce.accepted].sort(),
      IN_WINDOW.map((e) => e.id)
    );
    const sample = IN_WINDOW[42] as StoredEvent;
    assert.ok(
      salesforce.bodies.some((b) => b.includes(JSON.stringify(sample))),
      'sent as JSON.stringify(event)'
    );
    assert.ok(salesforce.batches.length <= 10, `batched: ${salesforce.batches.length} calls`);
    assert.ok(
      first.out.some((l) => /replay: 200 done of \d+ listed so far/.test(l)),
      'progress lines'
    );
    assert.match(first.out.at(-1) ?? '', /230 events, accepted 230, duplicates 0, rejected 0, failed 0/);

    const second = capture();
    assert.equal(await main(['--since', SINCE], env, second.io), 0);
    assert.match(second.out.at(-1) ?? '', /230 events, accepted 0, duplicates 230, rejected 0, failed 0/);
  });

  test('--type filters the listing (several exact types, or one wildcard)', async () => {
    const sent = () => salesforce.batches.flat();
    let before = sent().length;
    const exact = capture();
    const code = await main(
      ['--since', SINCE, '--type', 'invoice.payment_failed', '--type', 'customer.created'],
      env,
      exact.io
    );
    assert.equal(code, 0);
    const types = new Set(
      sent()
        .slice(before)
        .map((id) => EVENTS.find((e) => e.id === id)?.type)
    );
    assert.deepEqual([...types].sort(), ['customer.created', 'invoice.payment_failed']);
    assert.match(exact.out.at(-1) ?? '', /154 events/);

    before = sent().length;
    const wildcard = capture();
    assert.equal(await main(['--since', SINCE, '--type', 'customer.*'], env, wildcard.io), 0);
    const wildTypes = new Set(
      sent()
        .slice(before)
        .map((id) => EVENTS.find((e) => e.id === id)?.type)
    );
    assert.deepEqual([...wildTypes].sort(), ['customer.created', 'customer.subscription.updated']);
  });

  test('--event retrieves single ids; an unknown id counts as failed and the exit code is 1', async () => {
    const old = EVENTS[250] as StoredEvent; // outside any --since window
    const run = capture();
    const code = await main(['--event', old.id, '--event', 'evt_doesnotexist'], env, run.io);
    assert.equal(code, 1);
    assert.ok(salesforce.accepted.has(old.id));
    assert.match(run.out.at(-1) ?? '', /2 events, accepted 1, duplicates 0, rejected 0, failed 1/);
    assert.ok(run.err.some((l) => l.includes('evt_doesnotexist') && l.includes('resource_missing')));
  });

  test('an event Salesforce rejects makes the exit code 1 and is listed', async () => {
    const target = EVENTS[255] as StoredEvent;
    salesforce.rejectIds.set(target.id, 'Unknown customer');
    const run = capture();
    try {
      assert.equal(await main(['--event', target.id], env, run.io), 1);
    } finally {
      salesforce.rejectIds.clear();
    }
    assert.ok(run.err.some((l) => l.includes(`rejected ${target.id}: Unknown customer`)));
  });

  test('--dry-run lists without Salesforce settings and sends nothing', async () => {
    const calls = salesforce.apexCalls;
    const run = capture();
    const dryEnv = { STRIPE_API_KEY: env.STRIPE_API_KEY ?? '', STRIPE_API_BASE: stripeApi.url };
    assert.equal(await main(['--since', SINCE, '--dry-run'], dryEnv, run.io), 0);
    assert.equal(salesforce.apexCalls, calls);
    assert.match(run.out.at(-1) ?? '', /dry run, nothing sent\): 230 events listed/);
  });

  test('--dry-run with an id Stripe does not have says "not retrieved", never "not stored"', async () => {
    const run = capture();
    const dryEnv = { STRIPE_API_KEY: env.STRIPE_API_KEY ?? '', STRIPE_API_BASE: stripeApi.url };
    const known = EVENTS[3] as StoredEvent;
    assert.equal(
      await main(['--event', known.id, '--event', 'evt_doesnotexist', '--dry-run'], dryEnv, run.io),
      1
    );
    assert.match(
      run.out.at(-1) ?? '',
      /^replay summary \(dry run, nothing sent\): 1 events listed, 1 could not be retrieved$/
    );
    assert.ok(run.err.some((l) => l.startsWith('  not retrieved evt_doesnotexist: ')));
    const everything = [...run.out, ...run.err].join('\n');
    assert.doesNotMatch(everything, /not stored|failed \d|run the same command again/);
  });

  test('usage and configuration errors exit 2', async () => {
    assert.equal(await main([], env, capture().io), 2);
    assert.equal(await main(['--since', 'yesterday'], env, capture().io), 2);
    assert.equal(await main(['--event', 'cus_123'], env, capture().io), 2);
    const noKey = capture();
    assert.equal(await main(['--since', SINCE], { ...env, STRIPE_API_KEY: '' }, noKey.io), 2);
    assert.match(noKey.err.join('\n'), /STRIPE_API_KEY is required/);
  });

  test('the real command line (tsx relay/src/replay/cli.ts) prints a summary and exits by itself', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--since', SINCE, '--type', 'customer.created'],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /replay summary: 77 events, accepted 0, duplicates 77, rejected 0, failed 0/);
  });
});
