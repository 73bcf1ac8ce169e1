import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import Stripe from 'stripe';
import { WebhookVerifier, type VerificationResult } from '../src/webhook-signature.js';
import { FIXTURES, eventText, newWebhookSecret } from './support/harness.js';

const TOLERANCE = 300;

type Verdict = { ok: true; id: string; type: string } | { ok: false; reason: string };

function verdictOf(result: VerificationResult): Verdict {
  return result.ok
    ? { ok: true, id: result.event.id, type: result.event.type }
    : { ok: false, reason: result.reason };
}

/**
 * The verdict of the `stripe` SDK, which the relay used to call per secret and now matches: the
 * relay's own checks first (far-future timestamp, UTF-8), then `constructEvent` with each secret.
 * Only for well-formed headers; the relay's header checks are tested on their own below.
 */
function sdkVerdict(body: Buffer, header: string, secrets: string[], nowMs: number): Verdict {
  const t = Number(/(?:^|,)t=(\d+)/.exec(header)?.[1]);
  if (t > nowMs / 1000 + TOLERANCE) return { ok: false, reason: 'timestamp_out_of_tolerance' };
  if (body.length === 0 || !Buffer.from(body.toString('utf8'), 'utf8').equals(body))
    return { ok: false, reason: 'invalid_payload' };
  for (const secret of secrets) {
    let event: unknown;
    try {
      event = Stripe.webhooks.constructEvent(
        body.toString('utf8'),
        header,
        secret,
        TOLERANCE,
        undefined,
        nowMs
      );
    } catch (err) {
      if (!(err instanceof Stripe.errors.StripeSignatureVerificationError))
        return { ok: false, reason: 'invalid_payload' };
      if (err.message.startsWith('Timestamp outside the tolerance zone'))
        return { ok: false, reason: 'timestamp_out_of_tolerance' };
      continue;
    }
    const { id, type } = (event ?? {}) as { id?: unknown; type?: unknown };
    if (typeof event !== 'object' || Array.isArray(event) || typeof id !== 'string' || !id.startsWith('evt_'))
      return { ok: false, reason: 'invalid_payload' };
    if (typeof type !== 'string' || type === '') return { ok: false, reason: 'invalid_payload' };
    return { ok: true, id, type };
  }
  return { ok: false, reason: 'invalid_signature' };
}

const hmac = (secret: string, t: number, body: Buffer | string) =>
  createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');

describe('WebhookVerifier: the same verdicts as the stripe SDK, without it', () => {
  const listed = [newWebhookSecret(), newWebhookSecret()];
  const unlisted = newWebhookSecret();
  const now = Date.now();
  const nowSeconds = Math.floor(now / 1000);
  const verifier = new WebhookVerifier({ secrets: listed, toleranceSeconds: TOLERANCE, now: () => now });

  const pretty = Buffer.from(eventText(FIXTURES.subscriptionUpdated));
  const compact = Buffer.from(JSON.stringify(JSON.parse(eventText(FIXTURES.customerCreated))));
  const bodies: Record<string, Buffer> = {
    pretty,
    compact,
    'non-ASCII text': Buffer.from('{"id":"evt_é1","type":"customer.updated","data":{"name":"Zoë 日本 😀"}}'),
    'escaped id': Buffer.from('{"id":"evt_\\u0041","type":"a\\/b"}'),
    'last id wins': Buffer.from('{"id":"evt_first","type":"x","id":"evt_second"}'),
    'id is not evt_': Buffer.from('{"id":"cus_1","type":"x"}'),
    'no type': Buffer.from('{"id":"evt_1"}'),
    'empty type': Buffer.from('{"id":"evt_1","type":""}'),
    'type not a string': Buffer.from('{"id":"evt_1","type":5}'),
    'thin event': Buffer.from('{"id":"evt_1","type":"x","object":"v2.core.event"}'),
    'an array': Buffer.from('[{"id":"evt_1","type":"x"}]'),
    'not JSON': Buffer.from('not json'),
    'trailing comma': Buffer.from('{"id":"evt_1","type":"x",}'),
    'trailing garbage': Buffer.from('{"id":"evt_1","type":"x"} x'),
    'byte order mark': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), compact]),
    'invalid UTF-8': Buffer.concat([
      Buffer.from('{"id":"evt_1","type":"x","n":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}')
    ]),
    'truncated UTF-8': Buffer.concat([
      Buffer.from('{"id":"evt_1","type":"x","n":"'),
      Buffer.from([0xe6, 0x97]),
      Buffer.from('"}')
    ])
  };
  const timestamps: Record<string, number> = {
    now: nowSeconds,
    'at the tolerance, past': nowSeconds - TOLERANCE,
    'stale by a second': nowSeconds - TOLERANCE - 1,
    'long stale': nowSeconds - 86_400,
    'at the tolerance, ahead': nowSeconds + TOLERANCE,
    'ahead by a second too many': nowSeconds + TOLERANCE + 1
  };
  const signers: Record<string, string> = {
    'first secret': listed[0] as string,
    'second secret (rotation)': listed[1] as string,
    'unlisted secret': unlisted
  };
  // How the v1 value(s) sit in the header, given the right signature.
  const shapes: Record<string, (t: number, sig: string) => string> = {
    'as Stripe sends it': (t, sig) => `t=${t},v1=${sig}`,
    'with a v0 entry': (t, sig) => `t=${t},v1=${sig},v0=${'0'.repeat(64)}`,
    'right one second': (t, sig) => `t=${t},v1=${'f'.repeat(64)},v1=${sig}`,
    'timestamp last': (t, sig) => `v1=${sig},t=${t}`,
    'unknown keys': (t, sig) => `x=1,t=${t},foo=bar,v1=${sig}`,
    'only as v0': (t, sig) => `t=${t},v1=${'0'.repeat(64)},v0=${sig}`,
    'uppercase hex': (t, sig) => `t=${t},v1=${sig.toUpperCase()}`,
    'space before v1': (t, sig) => `t=${t}, v1=${sig},v1=${'1'.repeat(64)}`,
    'one hex digit short': (t, sig) => `t=${t},v1=${sig.slice(1)}`
  };

  test('every combination of body, timestamp, signer and header shape', () => {
    let cases = 0;
    const outcomes = new Set<string>();
    for (const [bodyName, body] of Object.entries(bodies)) {
      for (const [tName, t] of Object.entries(timestamps)) {
        for (const [signerName, secret] of Object.entries(signers)) {
          for (const [shapeName, shape] of Object.entries(shapes)) {
            // Stripe signs the text; for invalid UTF-8 that is the decoded text, which is not the bytes.
            const header = shape(t, hmac(secret, t, body.toString('utf8')));
            const expected = sdkVerdict(body, header, listed, now);
            assert.deepEqual(
              verdictOf(verifier.verify(body, header)),
              expected,
              `${bodyName} / ${tName} / ${signerName} / ${shapeName}`
            );
            outcomes.add(expected.ok ? 'ok' : expected.reason);
            cases++;
          }
        }
      }
    }
    assert.equal(cases, 17 * 6 * 3 * 9);
    assert.deepEqual([...outcomes].sort(), [
      'invalid_payload',
      'invalid_signature',
      'ok',
      'timestamp_out_of_tolerance'
    ]);
  });

  test('a tampered body fails with every secret, as a forgery', () => {
    const t = nowSeconds;
    const header = `t=${t},v1=${hmac(listed[0] as string, t, pretty)}`;
    for (let at = 0; at < pretty.length; at += 97) {
      const tampered = Buffer.from(pretty);
      tampered[at] = (tampered[at] as number) ^ 0x01;
      assert.deepEqual(verdictOf(verifier.verify(tampered, header)), {
        ok: false,
        reason: 'invalid_signature'
      });
    }
    // The timestamp is signed too.
    const shifted = `t=${t - 1},v1=${hmac(listed[0] as string, t, pretty)}`;
    assert.deepEqual(verdictOf(verifier.verify(pretty, shifted)), { ok: false, reason: 'invalid_signature' });
  });

  test('headers generated by the SDK itself verify', () => {
    const payload = eventText(FIXTURES.invoicePaymentFailed);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: listed[1] as string });
    const live = new WebhookVerifier({ secrets: listed, toleranceSeconds: TOLERANCE });
    const result = live.verify(Buffer.from(payload), header);
    assert.ok(result.ok);
    assert.equal(result.event.type, 'invoice.payment_failed');
    assert.equal(result.event.raw.toString('utf8'), payload);
  });

  test('missing and malformed headers are told apart from wrong signatures', () => {
    const sig = hmac(listed[0] as string, nowSeconds, pretty);
    const cases: [string | undefined, string][] = [
      [undefined, 'missing_signature'],
      ['', 'missing_signature'],
      ['   ', 'missing_signature'],
      ['garbage', 'malformed_signature'],
      ['t=', 'malformed_signature'],
      [`v1=${sig}`, 'malformed_signature'],
      [`t=${nowSeconds}`, 'malformed_signature'],
      [`t=${nowSeconds},v1=`, 'malformed_signature'],
      [`t=abc,v1=${sig}`, 'malformed_signature'],
      [`t=-${nowSeconds},v1=${sig}`, 'malformed_signature'],
      [`t=1234567890123,v1=${sig}`, 'malformed_signature'],
      [`t=${nowSeconds},v1=${sig},${'x'.repeat(4096)}`, 'malformed_signature'],
      // Well-formed but no usable signature: an empty extra entry or a non-hex one never matches.
      [`t=${nowSeconds},v1=,v1=${'0'.repeat(64)}`, 'invalid_signature'],
      [`t=${nowSeconds},v1=not-hex`, 'invalid_signature'],
      // A value with '=' in it is not a signature (the SDK would cut it at the '=' and match).
      [`t=${nowSeconds},v1=${sig}=`, 'invalid_signature'],
      [`t=${nowSeconds},v1=,v1=${sig}`, 'ok']
    ];
    for (const [header, reason] of cases) {
      const verdict = verdictOf(verifier.verify(pretty, header));
      assert.equal(verdict.ok ? 'ok' : verdict.reason, reason, String(header));
    }
  });

  test('an empty body is not an event', () => {
    const header = `t=${nowSeconds},v1=${hmac(listed[0] as string, nowSeconds, '')}`;
    assert.deepEqual(verdictOf(verifier.verify(Buffer.alloc(0), header)), {
      ok: false,
      reason: 'invalid_payload'
    });
  });

  test('at least one secret is required', () => {
    assert.throws(() => new WebhookVerifier({ secrets: [], toleranceSeconds: TOLERANCE }));
  });
});
