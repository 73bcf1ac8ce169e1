import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  FIXTURES,
  captureLogs,
  eventText,
  idOf,
  newEventId,
  newWebhookSecret,
  send,
  sendWebhook,
  sign,
  startStack,
  type Stack
} from './support/harness.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Writes raw bytes on a fresh socket; resolves with whatever the server answered before closing. */
function sendRaw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.end(text);
  });
}

describe('POST /webhooks/stripe: signature verification over real HTTP', () => {
  let stack: Stack;
  let url: string;
  const logs = captureLogs();
  const oldSecret = newWebhookSecret();

  before(async () => {
    const secret = newWebhookSecret();
    stack = await startStack({ secrets: [secret, oldSecret], logger: logs.logger });
    stack.secret = secret;
    url = stack.relay.url;
  });
  after(() => stack.close());

  test('a valid event is forwarded exactly as signed and answered 200 after Salesforce accepted it', async () => {
    const payload = eventText(FIXTURES.subscriptionUpdated);
    const res = await sendWebhook(url, payload, stack.secret);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json(), { received: true, outcome: 'accepted' });
    assert.ok(stack.standIn.accepted.has(idOf(payload)));
    const body = stack.standIn.bodies.find((b) => b.includes(idOf(payload)));
    // Byte for byte: pretty-printing, key order and the basil item-level period all intact.
    assert.equal(body, `{"events":[${payload}]}`);
  });

  test('the log has one line per event with id and type, and never a payload, header or secret', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const header = sign(payload, stack.secret);
    const res = await sendWebhook(url, payload, stack.secret, { header });
    assert.equal(res.status, 200);
    const line = logs.lines().find((l) => l.eventId === idOf(payload));
    assert.ok(line, 'an outcome line for the event');
    assert.equal(line.eventType, 'customer.created');
    assert.equal(line.outcome, 'accepted');
    const text = logs.text();
    assert.ok(!text.includes(stack.secret), 'no secret');
    assert.ok(!text.includes(oldSecret), 'no old secret');
    assert.ok(!text.includes(header.split(',')[1] ?? 'v1='), 'no signature');
    assert.ok(!text.includes('jenny.rosen@example.com'), 'no payload content');
    assert.ok(!text.includes('PRIVATE KEY'), 'no key');
  });

  test('the same event delivered twice at once: sent once, both deliveries answered 200', async () => {
    const payload = eventText(FIXTURES.invoicePaymentFailed);
    const [a, b] = await Promise.all([
      sendWebhook(url, payload, stack.secret),
      sendWebhook(url, payload, stack.secret)
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    const id = idOf(payload);
    for (const batch of stack.standIn.batches) {
      assert.ok(batch.filter((x) => x === id).length <= 1, 'never twice in one batch');
    }
    // A later redelivery is answered from Salesforce's dedupe.
    const again = await sendWebhook(url, payload, stack.secret);
    assert.equal(again.status, 200);
    assert.deepEqual(again.json(), { received: true, outcome: 'duplicate' });
  });

  test('a tampered body is refused with 400', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const header = sign(payload, stack.secret);
    const tampered = payload.replace('"balance": 0', '"balance": -100000');
    const res = await sendWebhook(url, tampered, stack.secret, { header });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), { error: 'signature does not match' });
    assert.ok(!stack.standIn.accepted.has(idOf(payload)));
  });

  test('a signature made with another secret is refused, and the answer says nothing about secrets', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const res = await sendWebhook(url, payload, newWebhookSecret());
    assert.equal(res.status, 400);
    assert.ok(!res.text.includes('whsec'), res.text);
    assert.ok(res.text.length < 100);
  });

  test('rotation: the old secret still verifies while it is listed', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const res = await sendWebhook(url, payload, oldSecret);
    assert.equal(res.status, 200);
  });

  test('a stale timestamp is refused', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const res = await sendWebhook(url, payload, stack.secret, {
      header: sign(payload, stack.secret, nowSeconds() - 301)
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), { error: 'signature timestamp outside tolerance' });
  });

  test('a far-future timestamp is refused too', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const res = await sendWebhook(url, payload, stack.secret, {
      header: sign(payload, stack.secret, nowSeconds() + 3600)
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), { error: 'signature timestamp outside tolerance' });
  });

  test('a timestamp a little ahead (clock skew inside the tolerance) is fine', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const res = await sendWebhook(url, payload, stack.secret, {
      header: sign(payload, stack.secret, nowSeconds() + 30)
    });
    assert.equal(res.status, 200);
  });

  test('a missing Stripe-Signature header is refused', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const res = await send(url, { body: payload, headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), { error: 'missing Stripe-Signature header' });
  });

  test('garbled headers are refused', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    for (const header of [
      'garbage',
      't=',
      'v1=abc',
      `t=${nowSeconds()}`,
      `t=abc,v1=${'0'.repeat(64)}`,
      ',,,=,=',
      'x'.repeat(5000)
    ]) {
      const res = await sendWebhook(url, payload, stack.secret, { header });
      assert.equal(res.status, 400, header);
    }
  });

  test('several v1 entries: accepted when one matches, refused when none does', async () => {
    const payload = eventText(FIXTURES.customerCreated);
    const t = nowSeconds();
    const good = createHmac('sha256', stack.secret).update(`${t}.${payload}`).digest('hex');
    const bad = createHmac('sha256', newWebhookSecret()).update(`${t}.${payload}`).digest('hex');
    const withGood = `t=${t},v1=${bad},v1=${good},v0=${bad}`;
    assert.equal((await sendWebhook(url, payload, stack.secret, { header: withGood })).status, 200);
    const payload2 = eventText(FIXTURES.customerCreated);
    const allBad = `t=${t},v1=${bad},v1=${'f'.repeat(64)}`;
    assert.equal((await sendWebhook(url, payload2, stack.secret, { header: allBad })).status, 400);
  });

  test('an empty body is refused', async () => {
    const res = await sendWebhook(url, '', stack.secret);
    assert.equal(res.status, 400);
  });

  test('a correctly signed body that is not JSON, or not an event, is refused', async () => {
    for (const payload of [
      'not json at all',
      '{"id": "evt_1"',
      '[1,2,3]',
      '{"object":"event"}',
      '{"id":"cus_1","type":"x"}'
    ]) {
      const res = await sendWebhook(url, payload, stack.secret);
      assert.equal(res.status, 400, payload);
      assert.deepEqual(res.json(), { error: 'payload is not a Stripe event' });
    }
  });

  test('an oversized body is refused with 413 without being read', async () => {
    const big = Buffer.alloc(1_048_577, 0x20);
    const res = await send(url, { body: big, headers: { 'stripe-signature': 't=1,v1=00' } });
    assert.equal(res.status, 413);
  });

  test('an oversized chunked body (no Content-Length) is refused with 413', async () => {
    const res = await send(url, {
      body: Buffer.alloc(1_100_000, 0x20),
      headers: { 'stripe-signature': 't=1,v1=00', 'transfer-encoding': 'chunked' }
    });
    assert.equal(res.status, 413);
  });

  test('invalid UTF-8 signed over its decoded text is refused: only the forwarded bytes count', async () => {
    const before = stack.standIn.apexCalls;
    const body = Buffer.concat([
      Buffer.from(
        `{"id":"${newEventId()}","object":"event","type":"customer.created","data":{"object":{"name":"`
      ),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}}')
    ]);
    // The decoded text has U+FFFD where the bytes have 0xFF 0xFE: a signature over it does not cover them.
    const res = await send(url, {
      body,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': sign(body.toString('utf8'), stack.secret)
      }
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), { error: 'payload is not a Stripe event' });
    assert.equal(stack.standIn.apexCalls, before, 'nothing forwarded');
  });

  test('431 and malformed requests refused by the HTTP parser are logged once each and counted', async () => {
    const oversized = await sendRaw(
      stack.relay.port,
      `POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`
    );
    assert.match(oversized, /^HTTP\/1\.1 431 /);
    const malformed = await sendRaw(
      stack.relay.port,
      'POST /webhooks/stripe HTTP/1.1\r\nNoColonHere\r\n\r\n'
    );
    assert.match(malformed, /^HTTP\/1\.1 400 /);
    const metrics = await send(url, { method: 'GET', path: '/metrics' });
    assert.match(metrics.text, /relay_http_rejections_total\{reason="header_too_large"\} 1\n/);
    assert.match(metrics.text, /relay_http_rejections_total\{reason="malformed_request"\} 1\n/);
    const lines = logs.lines().filter((l) => l.msg === 'request refused by the HTTP parser');
    assert.deepEqual(
      lines.map((l) => [l.status, l.reason]),
      [
        [431, 'header_too_large'],
        [400, 'malformed_request']
      ]
    );
  });

  test('other methods on the webhook path answer 405, unknown paths 404', async () => {
    const get = await send(url, { method: 'GET' });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    assert.equal((await send(url, { method: 'POST', path: '/webhooks/other' })).status, 404);
  });

  test('/healthz, /readyz and /metrics', async () => {
    assert.equal((await send(url, { method: 'GET', path: '/healthz' })).status, 200);
    const ready = await send(url, { method: 'GET', path: '/readyz' });
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.json(), { status: 'ready', mode: 'forwarding', dryRun: false });
    const metrics = await send(url, { method: 'GET', path: '/metrics' });
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /relay_events_total\{outcome="accepted",reason=""\} \d+/);
    assert.match(metrics.text, /relay_events_total\{outcome="invalid",reason="invalid_signature"\} \d+/);
    assert.match(metrics.text, /relay_batch_size_events_bucket/);
    assert.match(metrics.text, /relay_upstream_request_duration_seconds_bucket\{le="[0-9.]+",result="ok"\}/);
    assert.match(metrics.text, /relay_queue_depth_events 0/);
    assert.match(metrics.text, /relay_unsent_events 0/);
    assert.match(metrics.text, /relay_inflight_batches 0/);
    assert.match(metrics.text, /relay_last_batch_size_events [1-9]/);
  });
});
