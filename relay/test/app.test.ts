import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApp } from '../src/app.js';
import type { Forwarder, Outcome, VerifiedEvent } from '../src/forwarding.js';
import { createLogger } from '../src/logger.js';
import { RelayMetrics } from '../src/metrics.js';
import { WebhookVerifier } from '../src/webhook-signature.js';
import { FIXTURES, eventText, idOf, newWebhookSecret, sign } from './support/harness.js';

/** A forwarder that answers from a script, to test the routes alone with `app.request()`. */
class ScriptedForwarder implements Forwarder {
  readonly seen: VerifiedEvent[] = [];
  constructor(private readonly outcome: Outcome) {}
  submit(event: VerifiedEvent): Promise<Outcome> {
    this.seen.push(event);
    return Promise.resolve(this.outcome);
  }
  depth(): number {
    return 0;
  }
  drain(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

function appWith(outcome: Outcome, now = Date.now) {
  const secret = newWebhookSecret();
  const forwarder = new ScriptedForwarder(outcome);
  const app = createApp({
    verifier: new WebhookVerifier({ secrets: [secret], toleranceSeconds: 300, now }),
    forwarder,
    logger: createLogger('silent'),
    metrics: new RelayMetrics({ processMetrics: false }),
    maxBodyBytes: 64 * 1024,
    readiness: () => Promise.resolve({ ready: true, dryRun: false })
  });
  const post = (body: string | ReadableStream<Uint8Array>, header?: string) =>
    app.request('/webhooks/stripe', {
      method: 'POST',
      body,
      headers: header === undefined ? {} : { 'stripe-signature': header },
      ...(typeof body === 'string' ? {} : { duplex: 'half' })
    } as RequestInit);
  return { app, secret, forwarder, post };
}

describe('routes through app.request() (no sockets)', () => {
  test('GET /healthz answers 200 with status ok', async () => {
    const res = await appWith({ kind: 'accepted' }).app.request('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('an unknown route answers 404', async () => {
    assert.equal((await appWith({ kind: 'accepted' }).app.request('/nope')).status, 404);
  });

  test('a verified event reaches the forwarder byte for byte; its outcome decides the status', async () => {
    const cases: [Outcome, number][] = [
      [{ kind: 'accepted' }, 200],
      [{ kind: 'duplicate' }, 200],
      [{ kind: 'rejected', reason: 'bad' }, 400],
      [{ kind: 'failed', reason: 'timeout', retryAfterSeconds: 5 }, 503]
    ];
    for (const [outcome, status] of cases) {
      const { secret, forwarder, post } = appWith(outcome);
      const payload = eventText(FIXTURES.subscriptionUpdated);
      const res = await post(payload, sign(payload, secret));
      assert.equal(res.status, status, outcome.kind);
      assert.equal(forwarder.seen[0]?.id, idOf(payload));
      assert.equal(forwarder.seen[0]?.type, 'customer.subscription.updated');
      assert.equal(forwarder.seen[0]?.raw.toString('utf8'), payload);
      if (status === 503) assert.equal(res.headers.get('retry-after'), '5');
    }
  });

  test('the clock is injectable: a signature is stale once the clock moves past the tolerance', async () => {
    let now = Date.now();
    const { secret, post } = appWith({ kind: 'accepted' }, () => now);
    const payload = eventText(FIXTURES.customerCreated);
    const header = sign(payload, secret);
    assert.equal((await post(payload, header)).status, 200);
    now += 301_000;
    assert.equal((await post(payload, header)).status, 400);
  });

  test('a streamed body over the limit is refused with 413 without reading it all', async () => {
    const { post } = appWith({ kind: 'accepted' });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024));
        if (pulled > 1000) controller.close();
      }
    });
    const res = await post(endless, 't=1,v1=00');
    assert.equal(res.status, 413);
    assert.ok(pulled < 20, `read ${pulled} chunks`);
  });
});
