import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import {
  captureLogs,
  eventText,
  FIXTURES,
  send,
  sendWebhook,
  startStack,
  type StackOptions
} from './support/harness.js';

/** A port nobody listens on. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function probe(options: StackOptions) {
  const logs = captureLogs();
  const stack = await startStack({ ...options, logger: logs.logger });
  await stack.relay.probed;
  return { stack, logs };
}

const readyDetail = async (url: string) => {
  const ready = await send(url, { method: 'GET', path: '/readyz' });
  assert.equal(ready.status, 503);
  return (ready.json() as { detail: string }).detail;
};

describe('start-up: one token request, its cause logged, the relay still starts', () => {
  test('nothing listening at SF_LOGIN_URL: host and connection error in the log, /readyz and the batch log', async () => {
    const port = await unusedPort();
    const { stack, logs } = await probe({ env: { SF_LOGIN_URL: `http://127.0.0.1:${port}` } });
    try {
      const line = logs
        .lines()
        .find((l) => l.msg === 'Salesforce login failed at start-up; /readyz says why');
      const cause = `cannot reach 127.0.0.1:${port}: connection refused: nothing listens on that port (ECONNREFUSED)`;
      assert.equal(line?.cause, `cannot get a Salesforce access token: Salesforce login failed: ${cause}`);
      assert.ok(
        logs.lines().some((l) => l.msg === 'relay listening'),
        'started anyway'
      );
      assert.match(await readyDetail(stack.relay.url), new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
      // The first webhook's failure names the host and the cause too, not just "FetchError".
      const res = await sendWebhook(stack.relay.url, eventText(FIXTURES.customerCreated), stack.secret);
      assert.equal(res.status, 503);
      const batch = logs.lines().find((l) => l.msg === 'batch not stored');
      assert.equal(batch?.detail, `Salesforce login failed: ${cause}`);
    } finally {
      await stack.close();
    }
  });

  test('an unknown host: the DNS failure is named', async () => {
    const { stack, logs } = await probe({ env: { SF_LOGIN_URL: 'https://login.example.invalid' } });
    try {
      const line = logs
        .lines()
        .find((l) => l.msg === 'Salesforce login failed at start-up; /readyz says why');
      assert.match(String(line?.cause), /cannot reach login\.example\.invalid: DNS lookup failed/);
      assert.match(await readyDetail(stack.relay.url), /login\.example\.invalid: DNS lookup failed/);
    } finally {
      await stack.close();
    }
  });

  test("a refused login: the HTTP status and Salesforce's error and description, never the secret", async () => {
    const { stack, logs } = await probe({
      flow: 'client_credentials',
      env: { SF_CLIENT_SECRET: 'wrong-secret' }
    });
    try {
      const host = new URL(stack.standIn.url).host;
      const line = logs
        .lines()
        .find((l) => l.msg === 'Salesforce login failed at start-up; /readyz says why');
      assert.equal(
        line?.cause,
        `cannot get a Salesforce access token: Salesforce login at ${host} refused: HTTP 400: invalid_client (invalid_client)`
      );
      assert.match(await readyDetail(stack.relay.url), /HTTP 400: invalid_client/);
      assert.ok(!logs.text().includes('wrong-secret'));
    } finally {
      await stack.close();
    }
  });

  test('a login that works is logged once and /readyz is ready without another login', async () => {
    const { stack, logs } = await probe({});
    try {
      assert.ok(logs.lines().some((l) => l.msg === 'Salesforce login ok'));
      assert.equal(stack.standIn.tokenRequests, 1);
      assert.equal((await send(stack.relay.url, { method: 'GET', path: '/readyz' })).status, 200);
      assert.equal(stack.standIn.tokenRequests, 1);
    } finally {
      await stack.close();
    }
  });
});
