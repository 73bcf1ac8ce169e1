import {
  UpstreamError,
  type BatchResponse,
  type BatchSink,
  type Forwarder,
  type Outcome,
  type VerifiedEvent
} from './forwarding.js';

export interface BatchObserver {
  batchSent?(size: number): void;
  batchSettled?(size: number, seconds: number, error: UpstreamError | undefined): void;
}

export interface WebhookForwarderOptions {
  maxEvents: number;
  maxWaitMs: number;
  maxBytes: number;
  concurrency: number;
  maxQueued: number;
  observer?: BatchObserver;
  /** Injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  now?: () => number;
}

interface Entry {
  event: VerifiedEvent;
  waiters: ((outcome: Outcome) => void)[];
  enqueuedAt: number;
}

const BATCH_PREFIX = Buffer.from('{"events":[');
const BATCH_SUFFIX = Buffer.from(']}');
const COMMA = Buffer.from(',');
const BATCH_OVERHEAD = BATCH_PREFIX.length + BATCH_SUFFIX.length;

/** `{"events":[a,b,…]}` by copying bytes: no decoding, no re-serialising. */
export function batchBody(raws: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [BATCH_PREFIX];
  raws.forEach((raw, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(raw);
  });
  parts.push(BATCH_SUFFIX);
  return Buffer.concat(parts);
}

export const SHED: Outcome = { kind: 'failed', reason: 'queue_full', retryAfterSeconds: 5 };
export const SHUTTING_DOWN: Outcome = { kind: 'failed', reason: 'shutting_down', retryAfterSeconds: 5 };

/**
 * The micro-batcher: collects verified events and sends them to the sink in batches, with at most
 * `concurrency` batches in flight. Each caller's promise settles only when the sink has answered for
 * its event. How big a batch is follows the load:
 *
 * - **Light traffic** (a slot free, few events): a batch goes when its first event has waited
 *   `maxWaitMs`, with whatever has gathered by then; a lone event is sent after `maxWaitMs`.
 * - **Steady traffic** (a slot free, events arriving fast): a batch goes as soon as it holds its
 *   share of what is already on the wire: `(batches in flight + 1) × maxEvents / concurrency`
 *   events (or that share of `maxBytes`). An idle relay sends at `maxEvents / concurrency` without
 *   waiting for the timer; each batch in flight raises the bar, so a slot that frees while events
 *   are still arriving is not spent on a small batch (which would cost a Salesforce call and leave
 *   the backlog to grow behind it).
 * - **Backlog** (every other slot busy): events keep gathering; when a slot frees, the next batch
 *   takes every event that is waiting, up to `maxEvents` and `maxBytes`. Batches grow with the
 *   backlog, so throughput rises toward `concurrency × maxEvents` per round trip while the number of
 *   Salesforce calls per event falls.
 */
export class WebhookForwarder implements Forwarder {
  private readonly pending: Entry[] = [];
  private pendingBytes = 0;
  /** Every event not yet answered (queued or in flight), so a second delivery joins the first. */
  private readonly unsettled = new Map<string, Entry>();
  private waiting = 0;
  private inFlight = 0;
  private timer: unknown;
  private timerFor: Entry | undefined;
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  private readonly setTimer: NonNullable<WebhookForwarderOptions['setTimer']>;
  private readonly clearTimer: NonNullable<WebhookForwarderOptions['clearTimer']>;
  private readonly now: () => number;
  /** Per batch in flight (plus one), a batch this full goes at once while a slot is free. */
  private readonly eagerEvents: number;
  private readonly eagerBytes: number;

  constructor(
    private readonly sink: BatchSink,
    private readonly options: WebhookForwarderOptions
  ) {
    this.eagerEvents = Math.max(1, Math.ceil(options.maxEvents / options.concurrency));
    this.eagerBytes = Math.ceil(options.maxBytes / options.concurrency);
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
    this.now = options.now ?? Date.now;
  }

  depth(): number {
    return this.waiting;
  }

  /** Events gathered for the next batch, not yet sent. */
  unsent(): number {
    return this.pending.length;
  }

  /** Batches sent and not yet answered. */
  inFlightBatches(): number {
    return this.inFlight;
  }

  submit(event: VerifiedEvent): Promise<Outcome> {
    if (this.draining) return Promise.resolve(SHUTTING_DOWN);
    // Shed at once rather than let memory grow: Stripe will simply deliver again later.
    if (this.waiting >= this.options.maxQueued) return Promise.resolve(SHED);
    return new Promise<Outcome>((resolve) => {
      this.waiting++;
      const existing = this.unsettled.get(event.id);
      if (existing) {
        existing.waiters.push(resolve);
        return;
      }
      const entry: Entry = { event, waiters: [resolve], enqueuedAt: this.now() };
      this.unsettled.set(event.id, entry);
      this.pending.push(entry);
      this.pendingBytes += event.raw.length + 1;
      this.schedule();
    });
  }

  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    this.schedule();
    if (this.isIdle()) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = await Promise.race([idle, expired]);
    clearTimeout(timer);
    if (!finished) {
      // Out of time: whoever is still waiting hears 503, so Stripe retries elsewhere or later.
      for (const entry of this.unsettled.values()) this.settle(entry, SHUTTING_DOWN);
      this.pending.length = 0;
      this.pendingBytes = 0;
    }
    return finished;
  }

  private isIdle(): boolean {
    return this.pending.length === 0 && this.inFlight === 0;
  }

  private isDue(): boolean {
    const first = this.pending[0];
    if (first === undefined) return false;
    return (
      this.draining ||
      this.pending.length >= this.eagerEvents * (this.inFlight + 1) ||
      this.pendingBytes + BATCH_OVERHEAD >= this.eagerBytes * (this.inFlight + 1) ||
      this.now() - first.enqueuedAt >= this.options.maxWaitMs
    );
  }

  private schedule(): void {
    while (this.inFlight < this.options.concurrency && this.isDue()) this.dispatch(this.takeBatch());
    const first = this.pending[0];
    // A timer only matters while a slot is free; otherwise the next settled batch reschedules.
    const wanted = first !== undefined && this.inFlight < this.options.concurrency ? first : undefined;
    if (this.timer !== undefined && this.timerFor !== wanted) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (wanted !== undefined && this.timer === undefined) {
      this.timerFor = wanted;
      this.timer = this.setTimer(
        () => {
          this.timer = undefined;
          this.schedule();
        },
        Math.max(0, wanted.enqueuedAt + this.options.maxWaitMs - this.now())
      );
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const notify of waiters) notify();
    }
  }

  private takeBatch(): Entry[] {
    const batch: Entry[] = [];
    let bytes = BATCH_OVERHEAD;
    while (batch.length < this.options.maxEvents) {
      const next = this.pending[0];
      if (next === undefined) break;
      // One event larger than the limit still goes, alone: better than never sending it.
      if (batch.length > 0 && bytes + next.event.raw.length + 1 > this.options.maxBytes) break;
      bytes += next.event.raw.length + 1;
      batch.push(next);
      this.pending.shift();
      this.pendingBytes -= next.event.raw.length + 1;
    }
    return batch;
  }

  private dispatch(batch: Entry[]): void {
    this.inFlight++;
    this.options.observer?.batchSent?.(batch.length);
    const body = batchBody(batch.map((e) => e.event.raw));
    const started = this.now();
    this.sink.sendBatch(body, batch.length).then(
      (response) => {
        this.options.observer?.batchSettled?.(batch.length, (this.now() - started) / 1000, undefined);
        this.settleBatch(batch, response);
        this.batchDone();
      },
      (err: unknown) => {
        const error =
          err instanceof UpstreamError ? err : new UpstreamError('upstream_error', 'unexpected sink failure');
        this.options.observer?.batchSettled?.(batch.length, (this.now() - started) / 1000, error);
        const outcome: Outcome = {
          kind: 'failed',
          reason: error.reason,
          retryAfterSeconds: error.retryAfterSeconds
        };
        for (const entry of batch) this.settle(entry, outcome);
        this.batchDone();
      }
    );
  }

  private settleBatch(batch: Entry[], response: BatchResponse): void {
    const accepted = new Set(response.accepted);
    const duplicates = new Set(response.duplicates);
    const rejected = new Map(response.rejected.map((r) => [r.id, r.reason]));
    for (const entry of batch) {
      const id = entry.event.id;
      const reason = rejected.get(id);
      let outcome: Outcome;
      if (accepted.has(id)) outcome = ACCEPTED;
      else if (duplicates.has(id)) outcome = DUPLICATE;
      else if (reason !== undefined) outcome = { kind: 'rejected', reason };
      // Salesforce did not say: treat as not stored so Stripe tries again.
      else outcome = MISSING;
      this.settle(entry, outcome);
    }
  }

  private settle(entry: Entry, outcome: Outcome): void {
    if (this.unsettled.get(entry.event.id) !== entry) return;
    this.unsettled.delete(entry.event.id);
    this.waiting -= entry.waiters.length;
    for (const resolve of entry.waiters) resolve(outcome);
  }

  private batchDone(): void {
    this.inFlight--;
    this.schedule();
  }
}

const ACCEPTED: Outcome = { kind: 'accepted' };
const DUPLICATE: Outcome = { kind: 'duplicate' };
const MISSING: Outcome = { kind: 'failed', reason: 'missing_from_response', retryAfterSeconds: 5 };

/** Dry-run mode: verified events are logged by the caller and dropped here. Never the default. */
export class DryRunForwarder implements Forwarder {
  submit(): Promise<Outcome> {
    return Promise.resolve(DRY_RUN);
  }

  depth(): number {
    return 0;
  }

  drain(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

const DRY_RUN: Outcome = { kind: 'dry_run' };
