import type Stripe from 'stripe';
import type { Forwarder, Outcome, VerifiedEvent } from '../forwarding.js';
import { eventIdentity } from '../webhook-signature.js';

export interface ReplayOptions {
  /** List events created at or after this time (Stripe keeps 30 days). */
  since: Date | undefined;
  /** Only these types; one may use a wildcard such as `customer.*`. */
  types: string[];
  /** Retrieve and replay these ids one by one. */
  eventIds: string[];
}

export interface ReplaySummary {
  seen: number;
  accepted: number;
  duplicates: number;
  rejected: { id: string; reason: string }[];
  failed: { id: string; reason: string }[];
  /** Set when listing stopped part-way (bad key, network): what was sent before still counts. */
  listingError?: string;
}

export interface ReplayDeps {
  stripe: Stripe;
  /** Undefined for a dry run: events are listed and counted, not sent. */
  forwarder: Forwarder | undefined;
  /** Submissions in flight at once; keep it under the forwarder's queue limit. */
  maxOutstanding: number;
  progress: (line: string) => void;
  progressEvery?: number;
}

type ApiEvent = Stripe.Event;

/** Yields the events asked for: single ids first, then the listing (newest first, as Stripe pages it). */
async function* eventsToReplay(
  stripe: Stripe,
  options: ReplayOptions,
  summary: ReplaySummary
): AsyncGenerator<ApiEvent> {
  for (const id of options.eventIds) {
    try {
      yield await stripe.events.retrieve(id);
    } catch (err) {
      summary.seen++;
      summary.failed.push({ id, reason: stripeErrorReason(err) });
    }
  }
  if (options.since === undefined) return;
  const params: Stripe.EventListParams = {
    created: { gte: Math.floor(options.since.getTime() / 1000) },
    limit: 100
  };
  // `type` takes a wildcard but only one value; `types` takes up to 20 exact names.
  if (options.types.length === 1) params.type = options.types[0];
  else if (options.types.length > 1) params.types = options.types;
  for await (const event of stripe.events.list(params)) yield event;
}

function stripeErrorReason(err: unknown): string {
  const e = err as { type?: unknown; code?: unknown; statusCode?: unknown };
  const parts = [e.type, e.code, e.statusCode].filter((p) => p !== undefined && p !== null).map(String);
  return parts.length > 0 ? parts.join(' ') : 'stripe error';
}

/**
 * Pushes events from Stripe's Events API through the same forwarder the webhook path uses. The API is
 * trusted (it is our own authenticated call), so there is no signature to check; each event is sent
 * as JSON.stringify of what the API returned. Safe to repeat: Salesforce dedupes on the event id.
 */
export async function runReplay(options: ReplayOptions, deps: ReplayDeps): Promise<ReplaySummary> {
  const summary: ReplaySummary = { seen: 0, accepted: 0, duplicates: 0, rejected: [], failed: [] };
  const every = deps.progressEvery ?? 100;
  let settled = 0;
  const report = () =>
    `${settled} done of ${summary.seen} listed so far: ${summary.accepted} accepted, ` +
    `${summary.duplicates} duplicates, ${summary.rejected.length} rejected, ${summary.failed.length} failed`;

  const record = (event: VerifiedEvent, outcome: Outcome) => {
    switch (outcome.kind) {
      case 'accepted':
        summary.accepted++;
        break;
      case 'duplicate':
        summary.duplicates++;
        break;
      case 'rejected':
        summary.rejected.push({ id: event.id, reason: outcome.reason });
        break;
      case 'failed':
        summary.failed.push({ id: event.id, reason: outcome.reason });
        break;
      case 'dry_run':
        break;
    }
    if (++settled % every === 0) deps.progress(`replay: ${report()}`);
  };

  const outstanding = new Set<Promise<void>>();
  try {
    for await (const apiEvent of eventsToReplay(deps.stripe, options, summary)) {
      summary.seen++;
      const raw = Buffer.from(JSON.stringify(apiEvent));
      const identity = eventIdentity(apiEvent);
      if (identity === undefined) {
        summary.failed.push({ id: String((apiEvent as { id?: unknown }).id), reason: 'not an event' });
        continue;
      }
      const event: VerifiedEvent = { ...identity, raw };
      if (!deps.forwarder) {
        deps.progress(`dry run: ${event.id} ${event.type} (${event.raw.length} bytes)`);
        record(event, { kind: 'dry_run' });
        continue;
      }
      const done: Promise<void> = deps.forwarder.submit(event).then((outcome) => {
        record(event, outcome);
        outstanding.delete(done);
      });
      outstanding.add(done);
      // Bounded: enough in flight to fill batches, never enough to hit the queue limit.
      if (outstanding.size >= deps.maxOutstanding) await Promise.race(outstanding);
    }
  } catch (err) {
    summary.listingError = stripeErrorReason(err);
  }
  await Promise.all(outstanding);
  return summary;
}
