import { isUtf8 } from 'node:buffer';
import Stripe from 'stripe';
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
export const STALE_TIMESTAMP_MESSAGE = 'Timestamp outside the tolerance zone';

/** Checks the Stripe-Signature header with the stripe SDK against each configured secret. */
export class WebhookVerifier {
  private readonly secrets: readonly string[];
  private readonly toleranceSeconds: number;
  private readonly now: () => number;

  constructor(options: WebhookVerifierOptions) {
    if (options.secrets.length === 0) throw new Error('WebhookVerifier needs at least one secret');
    this.secrets = options.secrets;
    this.toleranceSeconds = options.toleranceSeconds;
    this.now = options.now ?? Date.now;
  }

  verify(body: Buffer, header: string | undefined): VerificationResult {
    if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing_signature' };
    const timestamp = headerTimestamp(header);
    if (timestamp === undefined) return { ok: false, reason: 'malformed_signature' };
    if (body.byteLength === 0) return { ok: false, reason: 'invalid_payload' };

    const receivedAt = this.now();
    // The SDK only rejects old timestamps; a signature from the far future is just as suspect.
    if (timestamp > receivedAt / 1000 + this.toleranceSeconds) {
      return { ok: false, reason: 'timestamp_out_of_tolerance' };
    }
    // The SDK checks the signature over a decoded string, but the bytes are what get forwarded. For
    // valid UTF-8 the two are the same bytes (the HMAC encodes the string back to exactly `body`);
    // invalid UTF-8 would be checked over replacement characters that are not what we forward, so
    // it is refused. Stripe sends UTF-8 JSON. (toString keeps a BOM, so it too round-trips.)
    if (!isUtf8(body)) return { ok: false, reason: 'invalid_payload' };
    // Decoded once here: handing the SDK a Buffer would have it decode twice per secret.
    const text = body.toString('utf8');
    for (const secret of this.secrets) {
      let parsed: unknown;
      try {
        parsed = Stripe.webhooks.constructEvent(
          text,
          header,
          secret,
          this.toleranceSeconds,
          undefined,
          receivedAt
        );
      } catch (err) {
        if (!(err instanceof Stripe.errors.StripeSignatureVerificationError)) {
          // The signature matched but the body is not JSON (or not a snapshot event).
          return { ok: false, reason: 'invalid_payload' };
        }
        // The SDK checks the timestamp only after a signature matched, so this means "right secret, too
        // old". The SDK has no error code for it, only this text; webhook-signature.test.ts fails if
        // a stripe upgrade changes it (the stale-signature answer would turn into invalid_signature).
        if (err.message.startsWith(STALE_TIMESTAMP_MESSAGE)) {
          return { ok: false, reason: 'timestamp_out_of_tolerance' };
        }
        continue;
      }
      const event = eventIdentity(parsed);
      if (event === undefined) return { ok: false, reason: 'invalid_payload' };
      return { ok: true, event: { ...event, raw: body } };
    }
    return { ok: false, reason: 'invalid_signature' };
  }
}

/** The `t=` value of a well-formed header with at least one `v1=` entry, else undefined. */
function headerTimestamp(header: string): number | undefined {
  if (header.length > MAX_HEADER_LENGTH) return undefined;
  let timestamp: number | undefined;
  let hasV1 = false;
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (eq < 0) continue;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value !== '') hasV1 = true;
  }
  return hasV1 ? timestamp : undefined;
}

/** The id and type of something that looks like a Stripe event, else undefined. */
export function eventIdentity(value: unknown): { id: string; type: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, type } = value as { id?: unknown; type?: unknown };
  if (typeof id !== 'string' || !id.startsWith('evt_') || id.length > MAX_EVENT_ID_LENGTH) return undefined;
  if (typeof type !== 'string' || type === '' || type.length > MAX_EVENT_ID_LENGTH) return undefined;
  return { id, type };
}
