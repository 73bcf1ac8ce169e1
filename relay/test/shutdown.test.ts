import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { describe, test } from 'node:test';
import { spawnRelay } from './support/child.js';
import {
  FIXTURES,
  eventText,
  idOf,
  newWebhookSecret,
  send,
  sendWebhook,
  testKeys
} from './support/harness.js';
import { FAULTS, SalesforceStandIn } from './support/salesforce-standin.js';

async function startStandIn(delayMs?: number): Promise<SalesforceStandIn> {
  return new SalesforceStandIn({
    clientId: 'shutdown-client',
    username: 'shutdown@example.com',
    publicKey: testKeys().publicKey,
    ...(delayMs ? { delayMs } : {})
  }).start();
}

function relayEnv(standIn: SalesforceStandIn, secret: string, extra: Record<string, string> = {}) {
  return {
    PORT: '0',
    LOG_LEVEL: 'info',
    STRIPE_WEBHOOK_SECRET: secret,
    SF_LOGIN_URL: standIn.url,
    SF_CLIENT_ID: 'shutdown-client',
    SF_USERNAME: 'shutdown@example.com',
    SF_PRIVATE_KEY: testKeys().privateKeyPem,
    RELAY_BATCH_MAX_WAIT_MS: '5',
    ...extra
  };
}

/** Tries new connections until one is refused; proves the listener is closed. Bounded. */
async function refusedBeforeLongUntil(url: string, stillInFlight: () => boolean): Promise<boolean> {
  for (let i = 0; i < 200 && stillInFlight(); i++) {
    try {
      await send(url, {
        method: 'GET',
        path: '/healthz',
        agent: new Agent({ keepAlive: false }),
        timeoutMs: 2000
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

describe('graceful shutdown (real process, SIGTERM)', () => {
  test('a batch in flight is finished and answered 200; new connections are refused; exit 0', async () => {
    const standIn = await startStandIn(2500);
    const secret = newWebhookSecret();
    const relay = spawnRelay(relayEnv(standIn, secret, { RELAY_SHUTDOWN_TIMEOUT_MS: '8000' }));
    try {
      const port = await relay.listening;
      const url = `http://127.0.0.1:${port}`;
      const payload = eventText(FIXTURES.invoicePaymentFailed);
      const batchArrived = standIn.nextBatch();
      let answered = false;
      const pending = sendWebhook(url, payload, secret).finally(() => (answered = true));
      await batchArrived;
      const signalledAt = Date.now();
      relay.child.kill('SIGTERM');
      assert.ok(
        await refusedBeforeLongUntil(url, () => !answered),
        'listener closed while the batch was in flight'
      );
      const res = await pending;
      assert.equal(res.status, 200, res.text);
      assert.ok(standIn.accepted.has(idOf(payload)));
      const { code } = await relay.exited;
      assert.equal(code, 0, relay.stderr());
      assert.ok(Date.now() - signalledAt < 8000, 'within RELAY_SHUTDOWN_TIMEOUT_MS');
      assert.match(relay.stdout(), /"clean":true[^\n]*"msg":"relay stopped"/);
    } finally {
      relay.child.kill('SIGKILL');
      await standIn.close();
    }
  });

  test('a batch that never finishes: the waiting webhook gets 503 and the process exits 1 within the bound', async () => {
    const standIn = await startStandIn();
    standIn.queuedFaults.push(FAULTS.hang);
    const secret = newWebhookSecret();
    const relay = spawnRelay(
      relayEnv(standIn, secret, { RELAY_SHUTDOWN_TIMEOUT_MS: '500', RELAY_UPSTREAM_TIMEOUT_MS: '60000' })
    );
    try {
      const port = await relay.listening;
      const pending = sendWebhook(`http://127.0.0.1:${port}`, eventText(FIXTURES.customerCreated), secret);
      await new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 10_000;
        const poll = () => {
          if (standIn.inflight > 0) return resolve();
          if (Date.now() > deadline) return reject(new Error('batch never arrived'));
          setTimeout(poll, 5);
        };
        poll();
      });
      const signalledAt = Date.now();
      relay.child.kill('SIGTERM');
      const res = await pending;
      assert.equal(res.status, 503);
      assert.equal((res.json() as { reason: string }).reason, 'shutting_down');
      const { code } = await relay.exited;
      assert.equal(code, 1);
      assert.ok(Date.now() - signalledAt < 5000, `exited ${Date.now() - signalledAt} ms after SIGTERM`);
    } finally {
      relay.child.kill('SIGKILL');
      await standIn.close();
    }
  });
});
