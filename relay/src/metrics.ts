import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read from the forwarder when /metrics is scraped. */
export interface ForwarderGauges {
  depth(): number;
  unsent(): number;
  inFlightBatches(): number;
}

/** What happened to one webhook or replayed event, as counted and logged. */
export type EventOutcome = 'accepted' | 'duplicate' | 'rejected' | 'failed' | 'invalid' | 'dry_run';

/**
 * The relay's Prometheus metrics, on a Registry of its own so that tests and several relays in one
 * process never share (or collide on) the global default registry.
 */
export class RelayMetrics {
  readonly registry = new Registry();

  readonly events = new Counter({
    name: 'relay_events_total',
    help: 'Webhook requests and replayed events by outcome (accepted, duplicate, rejected, failed, invalid, dry_run) and reason',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry]
  });

  readonly batchSize = new Histogram({
    name: 'relay_batch_size_events',
    help: 'Events per batch sent to Salesforce',
    buckets: [1, 2, 5, 10, 20, 30, 40, 50, 100, 200, 500, 1000, 2000],
    registers: [this.registry]
  });

  readonly upstreamDuration = new Histogram({
    name: 'relay_upstream_request_duration_seconds',
    help: 'Time to send one batch to Salesforce and read its answer, by result',
    labelNames: ['result'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry]
  });

  readonly tokenRequests = new Counter({
    name: 'relay_salesforce_token_requests_total',
    help: 'OAuth token requests to Salesforce by result',
    labelNames: ['result'] as const,
    registers: [this.registry]
  });

  readonly lastBatchSize = new Gauge({
    name: 'relay_last_batch_size_events',
    help: 'Events in the batch sent most recently (grows with the backlog, up to RELAY_BATCH_MAX_EVENTS)',
    registers: [this.registry]
  });

  readonly httpRejections = new Counter({
    name: 'relay_http_rejections_total',
    help: 'Requests refused by the HTTP parser before reaching the relay (header_too_large = 431, malformed_request = 400, timeout = 408)',
    labelNames: ['reason'] as const,
    registers: [this.registry]
  });

  /** Read when /metrics is scraped; the forwarder plugs itself in. */
  private forwarder: ForwarderGauges = { depth: () => 0, unsent: () => 0, inFlightBatches: () => 0 };

  readonly queueDepth: Gauge = new Gauge({
    name: 'relay_queue_depth_events',
    help: 'Events waiting for a Salesforce answer (queued or in flight); at RELAY_MAX_QUEUED_EVENTS new ones get 503',
    registers: [this.registry],
    collect: (): void => this.queueDepth.set(this.forwarder.depth())
  });

  readonly unsentEvents: Gauge = new Gauge({
    name: 'relay_unsent_events',
    help: 'Events gathered for the next batch, not yet sent to Salesforce',
    registers: [this.registry],
    collect: (): void => this.unsentEvents.set(this.forwarder.unsent())
  });

  readonly inflightBatches: Gauge = new Gauge({
    name: 'relay_inflight_batches',
    help: 'Batches sent to Salesforce and not yet answered (at most RELAY_UPSTREAM_CONCURRENCY)',
    registers: [this.registry],
    collect: (): void => this.inflightBatches.set(this.forwarder.inFlightBatches())
  });

  observeForwarder(forwarder: ForwarderGauges): void {
    this.forwarder = forwarder;
  }

  countHttpRejection(reason: string): void {
    this.httpRejections.inc({ reason });
  }

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  // Label lookups hash the label set on every call; the handful of combinations are cached instead.
  private readonly eventCounters = new Map<string, { inc(): void }>();

  countEvent(outcome: EventOutcome, reason = ''): void {
    const key = `${outcome}\u0000${reason}`;
    let counter = this.eventCounters.get(key);
    if (counter === undefined) {
      counter = this.events.labels({ outcome, reason });
      this.eventCounters.set(key, counter);
    }
    counter.inc();
  }
}
