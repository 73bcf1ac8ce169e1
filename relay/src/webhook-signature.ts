import { isUtf8 } from 'node:buffer';
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { scanEventJson } from './event-json.js';
import type { VerifiedEvent } from './forwarding.js';

export type VerificationFailure =
  | 'missing_signature'
  | 'malformed_signature'
  | 'invalid_signature'
  | 'timestamp_out_of_tolerance'
  | 'invalid_payload';

export type VerificationResult =
  { ok: true; event: VerifiedEvent } | { ok: false; reason: VerificationFailure };

export interface WebhookVerifierOptions {
  /** Every currently valid endpoint secret; several while a secret is being rotated. */
  secrets: readonly string[];
  toleranceSeconds: number;
  /** Milliseconds since the epoch; injectable so tests can move the clock. */
  now?: () => number;
}

// A real header is "t=…,v1=…" with perhaps a few more v1/v0 entries; anything far longer is junk.
const MAX_HEADER_LENGTH = 4096;
const MAX_EVENT_ID_LENGTH = 255;
/** A v1 signature as Stripe writes it: HMAC-SHA256 in lowercase hex. */
const V1_SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * Checks the Stripe-Signature header the way Stripe documents it and the `stripe` SDK's
 * `webhooks.constructEvent` does it: HMAC-SHA256 with the endpoint secret over `"<t>.<body>"`,
 * compared in constant time with each `v1` entry, then the timestamp against the tolerance. It works
 * on the raw bytes (the SDK wants a decoded string, and parses the whole event into objects to return
 * it): the HMAC runs over exactly the bytes that are forwarded, and the body is checked to be one JSON
 * object without being built into one. relay/test/webhook-signature.test.ts holds it to the SDK's
 * verdict on valid, tampered, re-signed, stale, future, rotated and malformed cases.
 */
export class WebhookVerifier {
  private readonly keys: readonly KeyObject[];
  private readonly toleranceSeconds: number;
  private readonly now: () => number;

  constructor(options: WebhookVerifierOptions) {
    if (options.secrets.length === 0) throw new Error('WebhookVerifier needs at least one secret');
    // The SDK keys the HMAC with the secret's UTF-8 bytes, whsec_ prefix included.
    this.keys = options.secrets.map((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
    this.toleranceSeconds = options.toleranceSeconds;
    this.now = options.now ?? Date.now;
  }

  verify(body: Buffer, header: string | undefined): VerificationResult {
    if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing_signature' };
    const parsed = parseSignatureHeader(header);
    if (parsed === undefined) return { ok: false, reason: 'malformed_signature' };
    if (body.byteLength === 0) return { ok: false, reason: 'invalid_payload' };

    const { timestamp, signatures } = parsed;
    const nowSeconds = this.now() / 1000;
    // Stripe's libraries only reject old timestamps; a signature from the far future is just as suspect.
    if (timestamp > nowSeconds + this.toleranceSeconds) {
      return { ok: false, reason: 'timestamp_out_of_tolerance' };
    }
    // Stripe sends UTF-8 JSON. Anything else is refused before the HMAC: the SDK would check the
    // signature over decoded text, with replacement characters where the bytes we forward are not.
    if (!isUtf8(body)) return { ok: false, reason: 'invalid_payload' };
    const prefix = `${timestamp}.`;
    for (const key of this.keys) {
      const expected = createHmac('sha256', key).update(prefix).update(body).digest('hex');
      // Every listed signature is compared, so the time taken does not say which one matched.
      let matched = false;
      for (const signature of signatures) matched = constantTimeEqual(expected, signature) || matched;
      if (!matched) continue;
      // Right secret; now the age. Checked only after a match, as the SDK does, so a stale but
      // genuine delivery is told apart from a forged one.
      if (Math.floor(nowSeconds) - timestamp > this.toleranceSeconds) {
        return { ok: false, reason: 'timestamp_out_of_tolerance' };
      }
      const fields = scanEventJson(body);
      // A thin (v2) event notification is not a snapshot event; the SDK refuses it here too.
      if (fields === undefined || fields.object === 'v2.core.event')
        return { ok: false, reason: 'invalid_payload' };
      const event = eventIdentity(fields);
      if (event === undefined) return { ok: false, reason: 'invalid_payload' };
      return { ok: true, event: { id: event.id, type: event.type, raw: body } };
    }
    return { ok: false, reason: 'invalid_signature' };
  }
}

/**
 * The `t=` timestamp and the `v1=` signatures of a well-formed header, else undefined. Entries are
 * `key=value` separated by commas; other schemes (`v0`) and unknown keys are ignored, as the SDK
 * ignores them. Stricter than the SDK where it would guess: the timestamp must be 1–12 digits (the
 * last such `t` counts), and a `v1` value that is not 64 lowercase hex digits can never match (the
 * SDK compares strings, so the same signatures match in both), but a header needs at least one
 * non-empty `v1` to be well-formed.
 */
function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  if (header.length > MAX_HEADER_LENGTH) return undefined;
  let timestamp: number | undefined;
  let hasV1 = false;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value !== '') {
      hasV1 = true;
      if (V1_SIGNATURE.test(value)) signatures.push(value);
    }
  }
  return hasV1 && timestamp !== undefined ? { timestamp, signatures } : undefined;
}

/**
 * Whether two strings of the same length (hex digests here) are equal, in time that does not depend
 * on where they differ: every character is compared (the SDK's own fallback, scmp, works the same).
 */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The id and type of something that looks like a Stripe event, else undefined. */
export function eventIdentity(value: unknown): { id: string; type: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, type } = value as { id?: unknown; type?: unknown };
  if (typeof id !== 'string' || !id.startsWith('evt_') || id.length > MAX_EVENT_ID_LENGTH) return undefined;
  if (typeof type !== 'string' || type === '' || type.length > MAX_EVENT_ID_LENGTH) return undefined;
  return { id, type };
}
