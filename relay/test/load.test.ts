import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { describe, test } from 'node:test';
import {
  eventText,
  FIXTURES,
  send,
  sendWebhook,
  startStack,
  type Stack,
  type StackOptions
} from './support/harness.js';

/**
 * Issue 13 over real HTTP: batches that grow with the backlog, a lone event sent within the batch
 * window plus one round trip, and honest load shedding. Assertions are about what happened (batch
 * sizes, counts, order), with time bounds generous enough for a loaded machine.
 */

async function withStack(options: StackOptions, fn: (s: Stack) => Promise<void>) {
  const stack = await startStack(options);
  try {
    await fn(stack);
  } finally {
    await stack.close();
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const metricValue = (text: string, name: string) =>
  Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1]);

describe('batching under load, over real HTTP', () => {
  test('a single event on an idle relay is forwarded within RELAY_BATCH_MAX_WAIT_MS + one round trip', async () => {
    const roundTripMs = 200;
    const maxWaitMs = 300;
    await withStack(
      { env: { RELAY_BATCH_MAX_WAIT_MS: String(maxWaitMs) }, standIn: { delayMs: roundTripMs } },
      async ({ relay, standIn, secret }) => {
        // Log in first, so the measured time is the batch alone (the start-up probe does this).
        await relay.probed;
        const started = Date.now();
        const res = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
        const elapsed = Date.now() - started;
        assert.equal(res.status, 200);
        assert.deepEqual(
          standIn.batches.map((b) => b.length),
          [1],
          'one batch holding the one event'
        );
        // It cannot be faster than the round trip; a relay that waited for company beyond the window
        // (or for a full batch) would take seconds or forever. Slack for a loaded machine.
        assert.ok(elapsed >= roundTripMs, `took ${elapsed} ms`);
        assert.ok(elapsed < maxWaitMs + roundTripMs + 1500, `took ${elapsed} ms`);
      }
    );
  });

  test('with every slot busy, the backlog goes in batches of up to RELAY_BATCH_MAX_EVENTS; /metrics shows it', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 400 });
    await withStack(
      {
        env: {
          RELAY_UPSTREAM_CONCURRENCY: '2',
          RELAY_BATCH_MAX_EVENTS: '100',
          RELAY_BATCH_MAX_WAIT_MS: '20',
          RELAY_UPSTREAM_TIMEOUT_MS: '30000'
        },
        standIn: { delayMs: 50 }
      },
      async ({ relay, standIn, secret }) => {
        await relay.probed;
        const release = standIn.hold();
        const answers = Promise.all(
          Array.from({ length: 300 }, () =>
            sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret, { agent })
          )
        );
        // Both slots busy and the rest waiting behind them: what an operator sees.
        await waitFor(() => relay.forwarder.depth() === 300 && standIn.inflight === 2);
        const metrics = (await send(relay.url, { method: 'GET', path: '/metrics' })).text;
        assert.equal(metricValue(metrics, 'relay_inflight_batches'), 2);
        assert.equal(metricValue(metrics, 'relay_queue_depth_events'), 300);
        assert.ok(metricValue(metrics, 'relay_unsent_events') > 0);
        release();
        for (const res of await answers) assert.equal(res.status, 200);
        const sizes = standIn.batches.map((b) => b.length);
        assert.equal(
          sizes.reduce((a, b) => a + b, 0),
          300
        );
        assert.ok(
          sizes.every((n) => n <= 100),
          `no batch over the maximum: ${sizes.join(', ')}`
        );
        // The first two go as soon as they hold 100 / 2 = 50 (or after the wait, if senders are slow);
        // while they are held, the rest gathers and then goes in full batches: 300 events in 4 or 5
        // calls, where batches of 50 would take 6.
        assert.ok(sizes.includes(100), `a full batch from the backlog: ${sizes.join(', ')}`);
        assert.ok(sizes.length <= 5, `${sizes.length} calls: ${sizes.join(', ')}`);
        assert.equal(standIn.peakInflight, 2);
      }
    );
    agent.destroy();
  });

  test('when Salesforce is slower than the traffic, the queue limit answers 503 with Retry-After at once', async () => {
    await withStack(
      {
        env: {
          RELAY_MAX_QUEUED_EVENTS: '20',
          RELAY_UPSTREAM_CONCURRENCY: '1',
          RELAY_BATCH_MAX_EVENTS: '10',
          RELAY_UPSTREAM_TIMEOUT_MS: '30000'
        },
        standIn: { delayMs: 50 }
      },
      async ({ relay, standIn, secret }) => {
        await relay.probed;
        const release = standIn.hold();
        let heldAnswered = false;
        const held = Promise.all(
          Array.from({ length: 20 }, () =>
            sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret)
          )
        ).finally(() => (heldAnswered = true));
        await waitFor(() => relay.forwarder.depth() === 20);
        const shed = await sendWebhook(relay.url, eventText(FIXTURES.customerCreated), secret);
        assert.equal(shed.status, 503);
        assert.equal(shed.headers['retry-after'], '5');
        assert.equal((shed.json() as { reason: string }).reason, 'queue_full');
        // "At once": before Salesforce has answered even the first batch.
        assert.equal(heldAnswered, false, 'answered while the first batch was still in Salesforce');
        release();
        for (const res of await held) assert.equal(res.status, 200);
        assert.equal(standIn.accepted.size, 20);
        const metrics = (await send(relay.url, { method: 'GET', path: '/metrics' })).text;
        assert.match(metrics, /relay_events_total\{outcome="failed",reason="queue_full"\} 1\n/);
      }
    );
  });
});
