import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

  /** Read when /metrics is scraped; the forwarder plugs itself in. */
  queueDepthSource: () => number = () => 0;

  readonly queueDepth: Gauge = new Gauge({
    name: 'relay_queue_depth_events',
    help: 'Events waiting for a Salesforce answer (queued or in flight)',
    registers: [this.registry],
    collect: (): void => this.queueDepth.set(this.queueDepthSource())
  });

  readonly inflightBatches = new Gauge({
    name: 'relay_inflight_batches',
    help: 'Batches sent to Salesforce and not yet answered',
    registers: [this.registry]
  });

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
