import { Hono, type Context } from 'hono';
import type { Forwarder, Outcome, VerifiedEvent } from './forwarding.js';
import { readRawBody } from './body.js';
import type { Logger } from './logger.js';
import type { RelayMetrics } from './metrics.js';
import type { VerificationFailure, WebhookVerifier } from './webhook-signature.js';

export const WEBHOOK_PATH = '/webhooks/stripe';

export interface Readiness {
  ready: boolean;
  dryRun: boolean;
  /** A short, secret-free explanation when not ready. */
  detail?: string;
}

export interface AppDeps {
  verifier: WebhookVerifier;
  forwarder: Forwarder;
  logger: Logger;
  metrics: RelayMetrics;
  maxBodyBytes: number;
  readiness: () => Promise<Readiness>;
  isShuttingDown?: () => boolean;
}

// What a caller sees on refusal: a code, never a secret, a header echo or a payload fragment.
const FAILURE_MESSAGES: Record<VerificationFailure, string> = {
  missing_signature: 'missing Stripe-Signature header',
  malformed_signature: 'malformed Stripe-Signature header',
  invalid_signature: 'signature does not match',
  timestamp_out_of_tolerance: 'signature timestamp outside tolerance',
  invalid_payload: 'payload is not a Stripe event'
};

/** Builds the relay's HTTP routes; kept apart from server.ts so tests can call `app.request()`. */
export function createApp(deps: AppDeps): Hono {
  const { verifier, forwarder, logger, metrics, maxBodyBytes } = deps;
  const app = new Hono();

  const refuse = (c: Context, status: 400 | 413, reason: string, message: string) => {
    metrics.countEvent('invalid', reason);
    logger.warn({ outcome: 'invalid', reason }, 'webhook refused');
    return c.json({ error: message }, status);
  };

  app.post(WEBHOOK_PATH, async (c) => {
    const read = await readRawBody(c, maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'too_large') {
        c.header('Connection', 'close');
        return refuse(c, 413, 'body_too_large', 'payload too large');
      }
      return refuse(c, 400, 'unreadable_body', 'unreadable body');
    }
    const verified = verifier.verify(read.body, c.req.header('stripe-signature'));
    if (!verified.ok) return refuse(c, 400, verified.reason, FAILURE_MESSAGES[verified.reason]);
    const outcome = await forwarder.submit(verified.event);
    return answer(c, verified.event, outcome);
  });

  const answer = (c: Context, event: VerifiedEvent, outcome: Outcome) => {
    const fields = { eventId: event.id, eventType: event.type, outcome: outcome.kind };
    switch (outcome.kind) {
      case 'accepted':
      case 'duplicate':
        metrics.countEvent(outcome.kind);
        logger.info(fields, 'webhook forwarded');
        return c.json({ received: true, outcome: outcome.kind }, 200);
      case 'dry_run':
        metrics.countEvent('dry_run');
        logger.info(fields, 'webhook verified (dry run: not forwarded)');
        return c.json({ received: true, dryRun: true }, 200);
      case 'rejected':
        metrics.countEvent('rejected', 'salesforce');
        // Salesforce's reason is about the event's content; it goes to our log, not back to the caller.
        logger.warn({ ...fields, reason: outcome.reason.slice(0, 500) }, 'webhook rejected by Salesforce');
        return c.json({ error: 'rejected by Salesforce' }, 400);
      case 'failed':
        metrics.countEvent('failed', outcome.reason);
        logger.warn({ ...fields, reason: outcome.reason }, 'webhook not stored; Stripe will retry');
        c.header('Retry-After', String(outcome.retryAfterSeconds));
        return c.json({ error: 'not stored, retry later', reason: outcome.reason }, 503);
    }
  };

  app.all(WEBHOOK_PATH, (c) => {
    c.header('Allow', 'POST');
    return c.json({ error: 'method not allowed' }, 405);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    if (deps.isShuttingDown?.()) return c.json({ status: 'shutting_down' }, 503);
    const state = await deps.readiness();
    const body = {
      status: state.ready ? 'ready' : 'not_ready',
      mode: state.dryRun ? 'dry-run (events are verified and logged, not forwarded)' : 'forwarding',
      dryRun: state.dryRun,
      ...(state.detail ? { detail: state.detail } : {})
    };
    return c.json(body, state.ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    const text = await metrics.registry.metrics();
    return c.text(text, 200, { 'Content-Type': metrics.registry.contentType });
  });

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    logger.error({ err: { name: err.name } }, 'unexpected error');
    return c.json({ error: 'internal error' }, 500);
  });

  return app;
}
