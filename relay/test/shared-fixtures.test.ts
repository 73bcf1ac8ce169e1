/**
 * Every shared Stripe event fixture (fixtures/stripe/events, the same events the Apex tests read from
 * the StripeEventFixtures static resource) goes through the relay to the Salesforce stand-in: signed,
 * verified, batched and forwarded unchanged in the `{"events":[...]}` envelope, each event passing the
 * checks the Apex endpoint makes; a second delivery is answered as a duplicate and still acknowledged.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sendWebhook, startStack } from './support/harness.js';

const dir = new URL('../../fixtures/stripe/events/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, text: readFileSync(new URL(file, dir), 'utf8') }));

/** The per-event checks StripeEventsRestResource makes before publishing. */
function apexAccepts(event: Record<string, unknown>): boolean {
  const data = event.data as Record<string, unknown> | undefined;
  return (
    typeof event.id === 'string' &&
    /^evt_[A-Za-z0-9_]{1,251}$/.test(event.id) &&
    typeof event.type === 'string' &&
    /^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(event.type) &&
    Number.isInteger(event.created) &&
    typeof data?.object === 'object' &&
    data.object !== null &&
    !Array.isArray(data.object)
  );
}

describe('shared Stripe event fixtures through the relay', () => {
  test('the folder holds a fixture for every event family the pipeline handles', () => {
    const types = new Set(fixtures.map(({ text }) => (JSON.parse(text) as { type: string }).type));
    for (const family of [
      'customer.',
      'customer.subscription.',
      'checkout.session.',
      'invoice.',
      'invoice_payment.',
      'payment_intent.',
      'charge.',
      'price.',
      'product.'
    ]) {
      assert.ok(
        [...types].some((t) => t.startsWith(family)),
        `a ${family}* fixture exists`
      );
    }
  });

  test('every fixture is forwarded unchanged and answered 200; a repeat is a duplicate, still 200', async () => {
    const stack = await startStack({ env: { RELAY_BATCH_MAX_WAIT_MS: '50' } });
    try {
      const first = await Promise.all(
        fixtures.map(({ text }) => sendWebhook(stack.relay.url, text, stack.secret))
      );
      first.forEach((answer, i) => assert.equal(answer.status, 200, `${fixtures[i]?.file} is acknowledged`));

      const forwarded = new Map<string, unknown>();
      for (const body of stack.standIn.bodies) {
        const envelope = JSON.parse(body) as { events: Record<string, unknown>[] };
        assert.deepEqual(Object.keys(envelope), ['events'], 'the wire shape is {"events":[...]}');
        for (const event of envelope.events) forwarded.set(event.id as string, event);
      }
      assert.equal(forwarded.size, fixtures.length, 'each fixture reached Salesforce once');
      for (const { file, text } of fixtures) {
        const event = JSON.parse(text) as Record<string, unknown>;
        assert.deepEqual(forwarded.get(event.id as string), event, `${file} arrives unchanged`);
        assert.ok(apexAccepts(event), `${file} passes the Apex endpoint's checks`);
      }

      const callsBefore = stack.standIn.apexCalls;
      const again = await Promise.all(
        fixtures.map(({ text }) => sendWebhook(stack.relay.url, text, stack.secret))
      );
      again.forEach((answer, i) =>
        assert.equal(answer.status, 200, `${fixtures[i]?.file} repeat is acknowledged`)
      );
      assert.ok(
        stack.standIn.apexCalls > callsBefore,
        'the repeats were forwarded and answered as duplicates'
      );
      assert.equal(stack.standIn.accepted.size, fixtures.length, 'no event was accepted twice');
    } finally {
      await stack.close();
    }
  });
});
