import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp, type Readiness } from './app.js';
import { DryRunForwarder, WebhookForwarder, type BatchSink, type Forwarder } from './batcher.js';
import type { ForwardingConfig, RelayConfig, SalesforceAuthConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { RelayMetrics } from './metrics.js';
import { SalesforceTokenProvider, type TokenSource } from './salesforce-auth.js';
import { SalesforceClient } from './salesforce-client.js';
import { WebhookVerifier } from './verify.js';

export interface RelayOverrides {
  logger?: Logger;
  metrics?: RelayMetrics;
  /** Replaces the Salesforce client (unit tests); the token source is then unused. */
  sink?: BatchSink;
  host?: string;
  now?: () => number;
}

export interface RunningRelay {
  url: string;
  port: number;
  server: Server;
  logger: Logger;
  metrics: RelayMetrics;
  forwarder: Forwarder;
  /** Stops accepting, finishes in-flight batches, closes connections. False when it ran out of time. */
  shutdown(): Promise<boolean>;
}

const READINESS_TTL_MS = 5000;

/** The Salesforce side of forwarding, shared by the relay and the replay command. */
export function createSalesforceForwarder(
  auth: SalesforceAuthConfig,
  forwarding: ForwardingConfig,
  metrics: RelayMetrics,
  options: { sink?: BatchSink | undefined; logger?: Logger | undefined } = {}
): { forwarder: WebhookForwarder; tokens: TokenSource; close(): void } {
  const { sink, logger } = options;
  const tokens = new SalesforceTokenProvider(auth, {
    timeoutMs: forwarding.upstreamTimeoutMs,
    onTokenRequest: (result) => metrics.tokenRequests.inc({ result })
  });
  const client = new SalesforceClient(tokens, {
    timeoutMs: forwarding.upstreamTimeoutMs,
    maxSockets: forwarding.upstreamConcurrency
  });
  const forwarder = new WebhookForwarder(sink ?? client, {
    maxEvents: forwarding.batchMaxEvents,
    maxWaitMs: forwarding.batchMaxWaitMs,
    maxBytes: forwarding.batchMaxBytes,
    concurrency: forwarding.upstreamConcurrency,
    maxQueued: forwarding.maxQueuedEvents,
    observer: {
      batchSent: (size) => {
        metrics.batchSize.observe(size);
        metrics.inflightBatches.inc();
      },
      batchSettled: (size, seconds, error) => {
        metrics.inflightBatches.dec();
        metrics.upstreamDuration.observe({ result: error ? error.reason : 'ok' }, seconds);
        // One line per failed batch with what went wrong; the per-event lines carry only the reason.
        if (error)
          logger?.warn({ reason: error.reason, detail: error.message, events: size }, 'batch not stored');
      }
    }
  });
  metrics.queueDepthSource = () => forwarder.depth();
  return { forwarder, tokens, close: () => client.close() };
}

/** Caches the answer for a few seconds so frequent probes do not hammer the Salesforce login. */
function cachedReadiness(check: () => Promise<Readiness>): () => Promise<Readiness> {
  let cached: { at: number; value: Promise<Readiness> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > READINESS_TTL_MS) cached = { at: now, value: check() };
    return cached.value;
  };
}

/** Wires configuration into a listening relay. server.ts adds process signals on top. */
export async function startRelay(config: RelayConfig, overrides: RelayOverrides = {}): Promise<RunningRelay> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const metrics = overrides.metrics ?? new RelayMetrics();
  const verifier = new WebhookVerifier({
    secrets: config.webhookSecrets,
    toleranceSeconds: config.signatureToleranceSeconds,
    ...(overrides.now ? { now: overrides.now } : {})
  });

  let forwarder: Forwarder;
  let readiness: () => Promise<Readiness>;
  let closeUpstream = (): void => undefined;
  if (config.dryRun || config.salesforce === undefined) {
    forwarder = new DryRunForwarder();
    readiness = () => Promise.resolve({ ready: true, dryRun: true });
  } else {
    const made = createSalesforceForwarder(config.salesforce, config.forwarding, metrics, {
      sink: overrides.sink,
      logger
    });
    forwarder = made.forwarder;
    closeUpstream = made.close;
    const tokens = made.tokens;
    readiness = cachedReadiness(() =>
      tokens.getToken().then(
        () => ({ ready: true, dryRun: false }),
        () => ({ ready: false, dryRun: false, detail: 'cannot get a Salesforce access token' })
      )
    );
  }

  let shuttingDown = false;
  const app = createApp({
    verifier,
    forwarder,
    logger,
    metrics,
    maxBodyBytes: config.maxBodyBytes,
    readiness,
    isShuttingDown: () => shuttingDown
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Slow uploads must not hold sockets for minutes; a webhook body arrives in well under this.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  // While stopping, every answer closes its connection so keep-alive sockets do not hold us up.
  server.prependListener('request', (_req, res) => {
    if (shuttingDown) res.setHeader('Connection', 'close');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, overrides.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const mode = config.dryRun ? 'dry-run: webhooks are verified and logged, NOT forwarded' : 'forwarding';
  const logStart = config.dryRun ? logger.warn.bind(logger) : logger.info.bind(logger);
  logStart(
    {
      port,
      mode,
      dryRun: config.dryRun,
      oauthFlow: config.salesforce?.flow,
      loginUrl: config.salesforce?.loginUrl,
      secrets: config.webhookSecrets.length
    },
    'relay listening'
  );

  let shutdownPromise: Promise<boolean> | undefined;
  const shutdown = (): Promise<boolean> => {
    shutdownPromise ??= (async () => {
      shuttingDown = true;
      const started = Date.now();
      logger.info(
        { queued: forwarder.depth() },
        'shutting down: no new connections, finishing in-flight batches'
      );
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets go idle as their last answers are written; close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const drained = await forwarder.drain(config.shutdownTimeoutMs);
      // The last answers are being written; give sockets what is left of the budget, then cut them.
      const left = Math.max(0, config.shutdownTimeoutMs - (Date.now() - started));
      let timer: NodeJS.Timeout | undefined;
      const allClosed = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), left);
        })
      ]);
      clearTimeout(timer);
      clearInterval(sweeper);
      if (!allClosed) server.closeAllConnections();
      closeUpstream();
      const clean = drained && allClosed;
      logger.info({ clean, ms: Date.now() - started }, 'relay stopped');
      return clean;
    })();
    return shutdownPromise;
  };

  return { url: `http://127.0.0.1:${port}`, port, server, logger, metrics, forwarder, shutdown };
}
