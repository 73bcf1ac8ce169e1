import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { FAULTS } from './support/salesforce-standin.js';
import {
  FIXTURES,
  captureLogs,
  eventText,
  idOf,
  send,
  sendWebhook,
  startStack,
  type StackOptions
} from './support/harness.js';

/** Runs `fn` against a fresh stand-in and relay, closing both whatever happens. */
async function withStack(
  options: StackOptions,
  fn: (s: Awaited<ReturnType<typeof startStack>>) => Promise<void>
) {
  const stack = await startStack(options);
  try {
    await fn(stack);
  } finally {
    await stack.close();
  }
}

/** Polls `condition` every few ms, failing after `timeoutMs`: waits for real work, never a fixed sleep. */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('forwarding to Salesforce', () => {
  test('partial rejection inside one batch: 200, 400 and 503 (id missing from the answer)', async () => {
    const logs = captureLogs();
    await withStack(
      { env: { RELAY_BATCH_MAX_WAIT_MS: '200' }, logger: logs.logger },
      async ({ relay, standIn, secret }) => {
        const good = eventText(FIXTURES.customerCreated);
        const bad = eventText(FIXTURES.invoicePaymentFailed);
        const lost = eventText(FIXTURES.subscriptionUpdated);
        standIn.rejectIds.set(idOf(bad), 'Payload__c too long');
        standIn.omitIds.add(idOf(lost));
        const [a, b, c] = await Promise.all([good, bad, lost].map((p) => sendWebhook(relay.url, p, secret)));
        assert.equal(a?.status, 200);
        assert.equal(b?.status, 400);
        assert.deepEqual(b?.json(), { error: 'rejected by Salesforce' });
        assert.equal(c?.status, 503);
        assert.ok(c?.headers['retry-after']);
        assert.deepEqual(standIn.batches, [[idOf(good), idOf(bad), idOf(lost)]], 'one batch for all three');
        const rejectedLine = logs.lines().find((l) => l.eventId === idOf(bad));
        assert.equal(rejectedLine?.reason, 'Payload__c too long');
        assert.equal(rejectedLine?.outcome, 'rejected');
      }
    );
  });

  test('Salesforce 5xx (JSON or HTML) answers 503 with Retry-After; the retry succeeds', async () => {
    const logs = captureLogs();
    await withStack({ logger: logs.logger }, async ({ relay, standIn, secret }) => {
      for (const fault of [FAULTS.serverError, FAULTS.unavailable]) {
        const payload = eventText(FIXTURES.invoicePaymentFailed);
        standIn.queuedFaults.push(fault);
        const res = await sendWebhook(relay.url, payload, secret);
        assert.equal(res.status, 503);
        assert.equal(res.headers['retry-after'], '5');
        assert.ok(!standIn.accepted.has(idOf(payload)));
        const retry = await sendWebhook(relay.url, payload, secret);
        assert.equal(retry.status, 200);
        assert.ok(standIn.accepted.has(idOf(payload)));
      }
      const batchLines = logs.lines().filter((l) => l.msg === 'batch not stored');
      const host = new URL(standIn.url).host;
      assert.deepEqual(
        batchLines.map((l) => [l.reason, l.detail]),
        [
          ['upstream_5xx', `Salesforce (${host}) answered HTTP 500 APEX_ERROR`],
          ['upstream_5xx', `Salesforce (${host}) answered HTTP 503`]
        ]
      );
    });
  });

  test('a Salesforce timeout answers 503, within the configured upstream timeout', async () => {
    await withStack({ env: { RELAY_UPSTREAM_TIMEOUT_MS: '300' } }, async ({ relay, standIn, secret }) => {
      standIn.queuedFaults.push(FAULTS.hang);
      const started = Date.now();
      const res = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
      assert.equal(res.status, 503);
      assert.equal((res.json() as { reason: string }).reason, 'timeout');
      assert.ok(Date.now() - started < 5000);
      // The relay is not stuck afterwards.
      assert.equal((await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)).status, 200);
    });
  });

  test('REQUEST_LIMIT_EXCEEDED answers 503 and asks for a longer wait', async () => {
    await withStack({}, async ({ relay, standIn, secret }) => {
      standIn.queuedFaults.push(FAULTS.requestLimit);
      const res = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
      assert.equal(res.status, 503);
      assert.equal(res.headers['retry-after'], '60');
      assert.equal((res.json() as { reason: string }).reason, 'request_limit_exceeded');
    });
  });

  test('an expired token is refreshed once and the batch resent: 200', async () => {
    await withStack({}, async ({ relay, standIn, secret }) => {
      assert.equal((await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)).status, 200);
      assert.equal(standIn.tokenRequests, 1);
      standIn.expireTokens();
      const payload = eventText(FIXTURES.subscriptionUpdated);
      const res = await sendWebhook(relay.url, payload, secret);
      assert.equal(res.status, 200);
      assert.ok(standIn.accepted.has(idOf(payload)));
      assert.equal(standIn.tokenRequests, 2);
      // The fresh token is cached: no further logins.
      assert.equal((await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)).status, 200);
      assert.equal(standIn.tokenRequests, 2);
    });
  });

  test('a 401 that persists after the refresh ends in 503 after one refresh and one resend', async () => {
    await withStack({}, async ({ relay, standIn, secret }) => {
      assert.equal((await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)).status, 200);
      const calls = standIn.apexCalls;
      standIn.queuedFaults.push(FAULTS.expiredSession, FAULTS.expiredSession, FAULTS.expiredSession);
      const res = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
      assert.equal(res.status, 503);
      assert.equal((res.json() as { reason: string }).reason, 'auth');
      assert.equal(standIn.apexCalls - calls, 2, 'the batch was sent twice, not more');
      assert.equal(standIn.tokenRequests, 2);
    });
  });

  test('a 200 that is not a batch result answers 503', async () => {
    await withStack({}, async ({ relay, standIn, secret }) => {
      standIn.queuedFaults.push(FAULTS.notJson);
      const res = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
      assert.equal(res.status, 503);
      assert.equal((res.json() as { reason: string }).reason, 'bad_response');
    });
  });

  test('a token response without `id` is fine', async () => {
    await withStack({ standIn: { omitTokenId: true } }, async ({ relay, secret }) => {
      assert.equal((await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)).status, 200);
    });
  });

  test('client-credentials flow: works with the right secret', async () => {
    await withStack({ flow: 'client_credentials' }, async ({ relay, standIn, secret }) => {
      assert.equal((await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)).status, 200);
      assert.equal(standIn.tokenRequests, 1);
    });
  });

  test('client-credentials flow with a wrong secret: 503 and /readyz says not ready', async () => {
    await withStack(
      { flow: 'client_credentials', env: { SF_CLIENT_SECRET: 'wrong' } },
      async ({ relay, standIn, secret }) => {
        const res = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
        assert.equal(res.status, 503);
        assert.equal((res.json() as { reason: string }).reason, 'auth');
        assert.equal(standIn.apexCalls, 0);
        const ready = await send(relay.url, { method: 'GET', path: '/readyz' });
        assert.equal(ready.status, 503);
        assert.ok(!ready.text.includes('wrong'));
      }
    );
  });

  test('Salesforce unreachable: 503, and /readyz is 503', async () => {
    const port = await unusedPort();
    await withStack({ env: { SF_LOGIN_URL: `http://127.0.0.1:${port}` } }, async ({ relay, secret }) => {
      const res = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
      assert.equal(res.status, 503);
      assert.equal((await send(relay.url, { method: 'GET', path: '/readyz' })).status, 503);
    });
  });

  test('when the waiting queue is full, new events are shed with 503 at once', async () => {
    await withStack(
      { env: { RELAY_MAX_QUEUED_EVENTS: '2', RELAY_BATCH_MAX_WAIT_MS: '0' }, standIn: { delayMs: 1500 } },
      async ({ relay, secret }) => {
        let heldAnswered = false;
        const held = Promise.all(
          [0, 1].map(() => sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret))
        ).finally(() => (heldAnswered = true));
        await waitFor(() => relay.forwarder.depth() === 2);
        const shed = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
        assert.equal(shed.status, 503);
        assert.equal((shed.json() as { reason: string }).reason, 'queue_full');
        assert.equal(heldAnswered, false, 'answered while Salesforce still held the queue');
        for (const res of await held) assert.equal(res.status, 200);
      }
    );
  });

  test('bounded concurrency: never more batches in flight than RELAY_UPSTREAM_CONCURRENCY', async () => {
    await withStack(
      { env: { RELAY_UPSTREAM_CONCURRENCY: '2', RELAY_BATCH_MAX_EVENTS: '1' }, standIn: { delayMs: 300 } },
      async ({ relay, standIn, secret }) => {
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)
          )
        );
        for (const res of results) assert.equal(res.status, 200);
        assert.equal(standIn.batches.length, 10);
        assert.equal(standIn.peakInflight, 2);
        const gauge = await relay.metrics.inflightBatches.get();
        assert.equal(gauge.values[0]?.value, 0);
      }
    );
  });
});

describe('dry run', () => {
  test('verifies and logs instead of forwarding, and says so at start-up and in /readyz', async () => {
    const logs = captureLogs();
    await withStack(
      { env: { RELAY_DRY_RUN: '1' }, logger: logs.logger },
      async ({ relay, standIn, secret }) => {
        const payload = eventText(FIXTURES.customerCreated);
        const res = await sendWebhook(relay.url, payload, secret);
        assert.equal(res.status, 200);
        assert.deepEqual(res.json(), { received: true, dryRun: true });
        assert.equal((await sendWebhook(relay.url, payload, 'whsec_wrong')).status, 400);
        assert.equal(standIn.apexCalls + standIn.tokenRequests, 0, 'Salesforce never called');
        const ready = await send(relay.url, { method: 'GET', path: '/readyz' });
        assert.equal(ready.status, 200);
        assert.equal((ready.json() as { dryRun: boolean }).dryRun, true);
        const start = logs.lines().find((l) => l.msg === 'relay listening');
        assert.equal(start?.dryRun, true);
        assert.match(String(start?.mode), /dry-run/);
        const line = logs.lines().find((l) => l.eventId === idOf(payload));
        assert.equal(line?.outcome, 'dry_run');
      }
    );
  });
});
