/**
 * The contract between the three sides of forwarding: the HTTP layer that submits verified events,
 * the forwarder that batches them, and the sink that delivers a batch (Salesforce, or a fake in tests).
 * Types only, plus the one error class sinks throw, so none of those modules imports another's code.
 */

/** A Stripe event whose signature checked out, kept byte for byte as Stripe signed it. */
export interface VerifiedEvent {
  id: string;
  type: string;
  /** The exact bytes Stripe sent (or the API returned); spliced into batches, never re-serialised. */
  raw: Buffer;
}

/** Why an event could not be confirmed; each one means "not stored, Stripe must retry". */
export type FailureReason =
  | 'unreachable'
  | 'timeout'
  | 'upstream_5xx'
  | 'upstream_error'
  | 'request_limit_exceeded'
  | 'auth'
  | 'bad_response'
  | 'missing_from_response'
  | 'queue_full'
  | 'shutting_down';

/** What became of one submitted event. */
export type Outcome =
  | { kind: 'accepted' }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'failed'; reason: FailureReason; retryAfterSeconds: number }
  | { kind: 'dry_run' };

/** Salesforce's answer to one batch (the Apex `StripeEventsRestResource.BatchResponse`). */
export interface BatchResponse {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string; reason: string }[];
}

/** Thrown by a sink when a whole batch failed; every event in it gets a 503. */
export class UpstreamError extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly retryAfterSeconds = 5
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** Where batches go: Salesforce in production, a fake in unit tests. */
export interface BatchSink {
  /** `body` is `{"events":[…]}` built from the raw event bytes. Throws UpstreamError on failure. */
  sendBatch(body: Buffer, eventCount: number): Promise<BatchResponse>;
}

/** Something that takes a verified event and says, eventually, what became of it. */
export interface Forwarder {
  submit(event: VerifiedEvent): Promise<Outcome>;
  /** Events waiting for an answer. */
  depth(): number;
  /** Sends what is queued at once, waits for in-flight batches, gives up after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
}
