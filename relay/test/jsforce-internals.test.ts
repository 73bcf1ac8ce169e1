import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UpstreamError } from '../src/forwarding.js';
import { SalesforceTokenProvider, type TokenSource } from '../src/salesforce-auth.js';
import { SalesforceClient } from '../src/salesforce-client.js';
import { LoopbackServer } from './support/loopback-server.js';
import { SalesforceStandIn } from './support/salesforce-standin.js';

/**
 * The relay leans on jsforce behaviour that is not public API (relay/src/jsforce-internals.ts): the
 * OAuth2 client's private `_transport`, and the exact text of two errors jsforce throws without a
 * code. Each test here drives the installed jsforce over real HTTP and fails when one of them changes.
 */

/** A login endpoint that accepts the connection and never answers. */
class HungServer extends LoopbackServer {
  constructor() {
    super(() => undefined);
  }
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof UpstreamError, `expected an UpstreamError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('jsforce internals the relay depends on', () => {
  test('OAuth2._transport carries our timeout, and jsforce still says "Request Timeout"', async () => {
    const hung = await new HungServer().start();
    try {
      const tokens = new SalesforceTokenProvider(
        { flow: 'client_credentials', loginUrl: hung.url, clientId: 'cid', clientSecret: 'cs' },
        { timeoutMs: 300 }
      );
      const started = Date.now();
      const err = await rejection(tokens.getToken());
      // Without the transport hook jsforce waits forever (the test runner would time out); with a
      // changed message the failure would not be recognised as a timeout.
      assert.equal(err.reason, 'timeout');
      assert.match(err.message, /no answer within 300 ms/);
      assert.ok(Date.now() - started < 10_000);
    } finally {
      await hung.close();
    }
  });

  test("OAuth2._transport reports the HTTP status; jsforce names the error after Salesforce's `error`", async () => {
    const standIn = await new SalesforceStandIn({ clientId: 'cid', clientSecret: 'right' }).start();
    try {
      const tokens = new SalesforceTokenProvider(
        { flow: 'client_credentials', loginUrl: standIn.url, clientId: 'cid', clientSecret: 'wrong' },
        { timeoutMs: 2000 }
      );
      const err = await rejection(tokens.getToken());
      assert.equal(err.reason, 'auth');
      assert.equal(
        err.message,
        `Salesforce login at ${new URL(standIn.url).host} refused: HTTP 400: invalid_client (invalid_client)`
      );
    } finally {
      await standIn.close();
    }
  });

  test('a failed re-login after a 401 is recognised by jsforce\'s "Unable to refresh session" text', async () => {
    const standIn = await new SalesforceStandIn({ clientId: 'cid', clientSecret: 'cs' }).start();
    // A token the Apex endpoint does not know (401), and a re-login that fails with a known cause.
    const tokens: TokenSource = {
      getToken: () => Promise.resolve({ accessToken: 'stale', instanceUrl: standIn.url }),
      refresh: () => Promise.reject(new UpstreamError('auth', 'login refused: invalid_grant'))
    };
    const client = new SalesforceClient(tokens, { timeoutMs: 2000, maxSockets: 1 });
    try {
      const err = await rejection(client.sendBatch(Buffer.from('{"events":[]}')));
      assert.equal(err.reason, 'auth');
      assert.equal(
        err.message,
        'Salesforce session expired and logging in again failed: login refused: invalid_grant'
      );
    } finally {
      client.close();
      await standIn.close();
    }
  });
});
