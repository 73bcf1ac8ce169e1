import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { PassThrough } from 'node:stream';

/** The request and response shapes jsforce's HttpApi hands to, and expects from, a transport. */
export interface TransportRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface TransportResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type TransportPromise = Promise<TransportResponse> & { stream(): PassThrough };

const STALE_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE']);

/** Thrown when a call runs out of time; named like fetch's so callers treat both alike. */
export class TransportTimeoutError extends Error {
  constructor() {
    super('Salesforce did not answer in time');
    this.name = 'AbortError';
  }
}

/**
 * A transport for jsforce's Connection that posts over a keep-alive agent with node:http(s), with a
 * hard per-call timeout. jsforce still does what it is there for (bearer header, 401 refresh and
 * resend, Salesforce error parsing); this replaces only its node-fetch plumbing, which costs a
 * timer tick (setTimeout 0) and several streams per call — per batch, that is most of the latency.
 */
export class KeepAliveTransport {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    private readonly timeoutMs: number,
    maxSockets: number
  ) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  }

  /** `options` is whatever the caller gave conn.request(); `onStatus` there hears each HTTP status. */
  httpRequest(
    req: TransportRequest,
    options: { onStatus?: (status: number) => void } = {}
  ): TransportPromise {
    const promise = this.send(req, options, true);
    // HttpApi pipes its lazy stream through ours; nothing is streamed, an inert stream will do.
    return Object.assign(promise, { stream: () => new PassThrough() });
  }

  private send(
    req: TransportRequest,
    options: { onStatus?: (status: number) => void },
    mayRetry: boolean
  ): Promise<TransportResponse> {
    return new Promise<TransportResponse>((resolve, reject) => {
      const url = new URL(req.url);
      const secure = url.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const body = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : undefined;
      let answered = false;
      const outgoing = send(
        url,
        { method: req.method, headers: req.headers, agent: secure ? this.httpsAgent : this.httpAgent },
        (res: IncomingMessage) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('close', () => {
            if (!res.complete) reject(new Error('Salesforce closed the response early'));
          });
          res.on('end', () => {
            clearTimeout(timer);
            options.onStatus?.(res.statusCode ?? 0);
            resolve({
              statusCode: res.statusCode ?? 0,
              headers: flattenHeaders(res.headers),
              body: Buffer.concat(chunks).toString('utf8')
            });
          });
        }
      );
      const timer = setTimeout(() => outgoing.destroy(new TransportTimeoutError()), this.timeoutMs);
      outgoing.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A kept-alive socket the server closed while idle fails as soon as it is reused, before
        // any answer. Sending once more on a fresh socket is safe: Salesforce dedupes on event id.
        if (mayRetry && !answered && outgoing.reusedSocket && STALE_SOCKET_ERRORS.has(err.code ?? '')) {
          this.send(req, options, false).then(resolve, reject);
          return;
        }
        reject(err);
      });
      outgoing.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
