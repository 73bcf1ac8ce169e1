import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp, type Readiness } from './app.js';
import { DryRunForwarder, WebhookForwarder } from './batcher.js';
import type { ForwardingConfig } from './config/env.js';
import type { RelayConfig } from './config/relay-config.js';
import type { SalesforceAuthConfig } from './config/salesforce-login.js';
import { UpstreamError, type BatchSink, type Forwarder } from './forwarding.js';
import { createLogger, type Logger } from './logger.js';
import { RelayMetrics } from './metrics.js';
import { SalesforceTokenProvider, type TokenSource } from './salesforce-auth.js';
import { SalesforceClient } from './salesforce-client.js';
import { WebhookVerifier } from './webhook-signature.js';

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
  /** Resolves once the start-up token probe has finished (at once in dry-run mode). */
  probed: Promise<void>;
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
        metrics.lastBatchSize.set(size);
      },
      batchSettled: (size, seconds, error) => {
        metrics.upstreamDuration.observe({ result: error ? error.reason : 'ok' }, seconds);
        // One line per failed batch with what went wrong; the per-event lines carry only the reason.
        if (error)
          logger?.warn({ reason: error.reason, detail: error.message, events: size }, 'batch not stored');
      }
    }
  });
  metrics.observeForwarder(forwarder);
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

interface ForwardingSide {
  forwarder: Forwarder;
  readiness: () => Promise<Readiness>;
  /** Tries one login and logs its cause when it fails; never throws. */
  probe: () => Promise<void>;
  close: () => void;
}

/** Step 1: dry run (verify and log only) or the Salesforce forwarder with its readiness check. */
function chooseForwarder(
  config: RelayConfig,
  metrics: RelayMetrics,
  logger: Logger,
  sink?: BatchSink
): ForwardingSide {
  if (config.dryRun || config.salesforce === undefined) {
    return {
      forwarder: new DryRunForwarder(),
      readiness: () => Promise.resolve({ ready: true, dryRun: true }),
      probe: () => Promise.resolve(),
      close: () => undefined
    };
  }
  const made = createSalesforceForwarder(config.salesforce, config.forwarding, metrics, { sink, logger });
  const tokenState = (): Promise<Readiness> =>
    made.tokens.getToken().then(
      () => ({ ready: true, dryRun: false }),
      (err: unknown) => ({
        ready: false,
        dryRun: false,
        // Our own errors' messages are written to be shown; anything else only by name.
        detail: `cannot get a Salesforce access token: ${err instanceof UpstreamError ? err.message : err instanceof Error ? err.name : 'error'}`
      })
    );
  const loginUrl = config.salesforce.loginUrl;
  return {
    forwarder: made.forwarder,
    readiness: cachedReadiness(tokenState),
    // A wrong login URL or credential shows at start, not at the first webhook. The relay still
    // starts: Salesforce may come back, and Stripe retries until it does.
    probe: async () => {
      const state = await tokenState();
      if (state.ready) logger.info({ loginUrl }, 'Salesforce login ok');
      else
        logger.error(
          { loginUrl, cause: state.detail },
          'Salesforce login failed at start-up; /readyz says why'
        );
    },
    close: made.close
  };
}

/**
 * Step 2: the HTTP server. Requests Node refuses before they reach the app (oversized headers,
 * malformed HTTP, header timeouts) are answered, logged and counted here.
 */
function createHttpServer(
  app: ReturnType<typeof createApp>,
  logger: Logger,
  metrics: RelayMetrics,
  isShuttingDown: () => boolean
): Server {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Slow uploads must not hold sockets for minutes; a webhook body arrives in well under this.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  // While stopping, every answer closes its connection so keep-alive sockets do not hold us up.
  server.prependListener('request', (_req, res) => {
    if (isShuttingDown()) res.setHeader('Connection', 'close');
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const rejection = httpRejection(err.code);
    if (rejection === undefined || !socket.writable) {
      // The peer went away mid-request: nothing to answer, nothing worth counting.
      socket.destroy();
      return;
    }
    metrics.countHttpRejection(rejection.reason);
    logger.warn(
      { status: rejection.status, reason: rejection.reason, code: err.code },
      'request refused by the HTTP parser'
    );
    socket.end(
      `HTTP/1.1 ${rejection.status} ${rejection.text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
    );
  });
  return server;
}

/** How a request Node's parser refused is answered; undefined for a peer that simply went away. */
export function httpRejection(
  code: string | undefined
): { status: number; text: string; reason: string } | undefined {
  if (code === 'ECONNRESET' || code === 'EPIPE') return undefined;
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, text: 'Request Header Fields Too Large', reason: 'header_too_large' };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, text: 'Request Timeout', reason: 'timeout' };
  return { status: 400, text: 'Bad Request', reason: 'malformed_request' };
}

/** Step 3: listen on the configured port; resolves with the port actually bound. */
async function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function logStarted(config: RelayConfig, logger: Logger, port: number): void {
  const mode = config.dryRun ? 'dry-run: webhooks are verified and logged, NOT forwarded' : 'forwarding';
  const logStart = config.dryRun ? logger.warn.bind(logger) : logger.info.bind(logger);
  logStart(
    {
      port,
      mode,
      dryRun: config.dryRun,
      oauthFlow: config.salesforce?.flow,
      loginUrl: config.salesforce?.loginUrl,
      secrets: config.webhookSecrets.length,
      batch: {
        maxEvents: config.forwarding.batchMaxEvents,
        maxBytes: config.forwarding.batchMaxBytes,
        maxWaitMs: config.forwarding.batchMaxWaitMs,
        concurrency: config.forwarding.upstreamConcurrency
      }
    },
    'relay listening'
  );
}

/**
 * Step 4, on SIGTERM: stop accepting, send what is queued, wait for in-flight batches, close
 * keep-alive sockets as their last answers go out; after `timeoutMs`, cut whatever is left.
 */
function gracefulShutdown(
  server: Server,
  forwarding: ForwardingSide,
  logger: Logger,
  timeoutMs: number,
  markShuttingDown: () => void
): () => Promise<boolean> {
  let shutdownPromise: Promise<boolean> | undefined;
  return () => {
    shutdownPromise ??= (async () => {
      markShuttingDown();
      const started = Date.now();
      const { forwarder } = forwarding;
      logger.info(
        { queued: forwarder.depth() },
        'shutting down: no new connections, finishing in-flight batches'
      );
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets go idle as their last answers are written; close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const drained = await forwarder.drain(timeoutMs);
      // The last answers are being written; give sockets what is left of the budget, then cut them.
      const left = Math.max(0, timeoutMs - (Date.now() - started));
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
      forwarding.close();
      const clean = drained && allClosed;
      logger.info({ clean, ms: Date.now() - started }, 'relay stopped');
      return clean;
    })();
    return shutdownPromise;
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
  const forwarding = chooseForwarder(config, metrics, logger, overrides.sink);
  let shuttingDown = false;
  const isShuttingDown = () => shuttingDown;
  const app = createApp({
    verifier,
    forwarder: forwarding.forwarder,
    logger,
    metrics,
    maxBodyBytes: config.maxBodyBytes,
    readiness: forwarding.readiness,
    isShuttingDown
  });
  const server = createHttpServer(app, logger, metrics, isShuttingDown);
  const port = await listen(server, config.port, overrides.host);
  logStarted(config, logger, port);
  const probed = overrides.sink ? Promise.resolve() : forwarding.probe();
  const shutdown = gracefulShutdown(server, forwarding, logger, config.shutdownTimeoutMs, () => {
    shuttingDown = true;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    logger,
    metrics,
    forwarder: forwarding.forwarder,
    probed,
    shutdown
  };
}
