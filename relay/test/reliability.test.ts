import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { test } from 'node:test';
import { FIXTURES, eventText, sendWebhook, startStack } from './support/harness.js';
import { prng, testSeed } from './support/prng.js';
import { FAULTS, type ApexFault } from './support/salesforce-standin.js';

const EVENTS = 5000;
const SENDERS = 50;
const MAX_ATTEMPTS = 60;

test('nothing lost, nothing falsely acknowledged: 5,000 events, 50 retrying senders, a flaky Salesforce', async (t) => {
  const seed = testSeed(20_250_331);
  t.diagnostic(`seed ${seed} (set RELAY_TEST_SEED to replay)`);
  // Separate streams: the fault sequence per Salesforce call does not depend on sender timing.
  const random = prng(seed);
  const backoffRandom = prng(seed + 1);
  let failures = 0;
  let timeouts = 0;
  // 20% of calls fail outright, 5% time out (half of those after storing the events, which the
  // relay cannot know: it must answer 503 and let the retry come back as a duplicate).
  const fault = (): ApexFault | undefined => {
    const r = random();
    if (r < 0.2) {
      failures++;
      return [FAULTS.serverError, FAULTS.unavailable, FAULTS.requestLimit][Math.floor(random() * 3)];
    }
    if (r < 0.25) {
      timeouts++;
      return random() < 0.5 ? FAULTS.hang : { kind: 'commit_then_hang' };
    }
    return undefined;
  };
  const stack = await startStack({
    standIn: { fault },
    env: { RELAY_UPSTREAM_TIMEOUT_MS: '250', RELAY_BATCH_MAX_WAIT_MS: '5' }
  });
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  try {
    const fixtures = [FIXTURES.customerCreated, FIXTURES.invoicePaymentFailed, FIXTURES.subscriptionUpdated];
    const events = Array.from({ length: EVENTS }, (_, n) => {
      const id = `evt_rel${String(n).padStart(5, '0')}${seed}`;
      return { id, payload: eventText(fixtures[n % 3] ?? '', id) };
    });
    const falselyAcknowledged: string[] = [];
    const gaveUp: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;

    const sender = async () => {
      for (let i = next++; i < events.length; i = next++) {
        const { id, payload } = events[i] as { id: string; payload: string };
        let delivered = false;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS && !delivered; attempt++) {
          // Like Stripe: a fresh signature per attempt, retry on anything but 2xx.
          const res = await sendWebhook(stack.relay.url, payload, stack.secret, { agent });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 200 && res.status < 300) {
            delivered = true;
            // Checked at the moment of the 2xx: Salesforce must already hold the event.
            if (!stack.standIn.accepted.has(id)) falselyAcknowledged.push(id);
          } else {
            await new Promise((resolve) =>
              setTimeout(resolve, 5 + backoffRandom() * 20 * Math.min(attempt, 5))
            );
          }
        }
        if (!delivered) gaveUp.push(id);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));

    t.diagnostic(
      `answers ${JSON.stringify(Object.fromEntries(statuses))}; ${stack.standIn.apexCalls} Salesforce calls, ` +
        `${failures} failed and ${timeouts} timed out on purpose`
    );
    assert.deepEqual(falselyAcknowledged, [], 'no 2xx before Salesforce accepted');
    assert.deepEqual(gaveUp, [], 'every sender got its 2xx within the retry budget');
    const missing = events.filter((e) => !stack.standIn.accepted.has(e.id)).map((e) => e.id);
    assert.deepEqual(missing, [], 'every event is in the accepted set');
    assert.ok(failures > 0 && timeouts > 0, 'the faults really happened');
    assert.ok((statuses.get(503) ?? 0) > 0, 'and were answered 503');
    for (const batch of stack.standIn.batches)
      assert.equal(new Set(batch).size, batch.length, 'no id twice in a batch');
    assert.equal(stack.relay.forwarder.depth(), 0);
  } finally {
    agent.destroy();
    await stack.close();
  }
});
