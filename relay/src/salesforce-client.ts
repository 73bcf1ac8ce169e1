import { Connection } from 'jsforce';
import { z } from 'zod';
import { UpstreamError, type BatchResponse, type BatchSink } from './forwarding.js';
import { KeepAliveTransport } from './http-transport.js';
import { isJsforceTimeout, JSFORCE_REFRESH_FAILED_PREFIX } from './jsforce-internals.js';
import { describeNetworkError, hostOf } from './network-errors.js';
import type { TokenSource } from './salesforce-auth.js';

export const EVENTS_PATH = '/services/apexrest/stripe/v1/events';

/**
 * The Apex answer to a batch, `StripeEventsRestResource.BatchResponse` (accepted, duplicates,
 * rejected[{id, reason}]). Exported: the contract gate checks it against the Apex class.
 */
export const batchResponseSchema = z.object({
  accepted: z.array(z.string()).default([]),
  duplicates: z.array(z.string()).default([]),
  rejected: z.array(z.object({ id: z.string(), reason: z.string().default('') })).default([])
});

export interface SalesforceClientOptions {
  /** Per HTTP call to Salesforce; the request is aborted when it runs out. */
  timeoutMs: number;
  /** Sockets kept open to Salesforce: one per batch that may be in flight. */
  maxSockets: number;
}

/**
 * Posts batches to the Apex REST endpoint through jsforce. A connection is made per batch (cheap: no
 * I/O) so its refresh function can allow exactly one re-login and one resend per batch, whatever
 * other batches are doing; the token itself is shared through the TokenSource.
 */
export class SalesforceClient implements BatchSink {
  private readonly transport: KeepAliveTransport;

  constructor(
    private readonly tokens: TokenSource,
    private readonly options: SalesforceClientOptions
  ) {
    this.transport = new KeepAliveTransport(options.timeoutMs, options.maxSockets);
  }

  /** Drops idle keep-alive sockets (shutdown, replay end). */
  close(): void {
    this.transport.close();
  }

  async sendBatch(body: Buffer): Promise<BatchResponse> {
    const token = await this.tokens.getToken();
    let refreshes = 0;
    const connection = new Connection({
      instanceUrl: token.instanceUrl,
      accessToken: token.accessToken,
      // jsforce calls this on a 401 and then resends; a second 401 must end the batch, not loop.
      refreshFn: (_conn, callback) => {
        if (refreshes++ > 0) {
          callback(new UpstreamError('auth', 'Salesforce refused a freshly issued token'));
          return;
        }
        this.tokens.refresh(token.accessToken).then(
          (fresh) => callback(null, fresh.accessToken),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)))
        );
      }
    });
    // A safety net over the transport's per-call timeout: two calls and one login at most.
    const deadlineMs = this.options.timeoutMs * 3 + 1000;
    let result: unknown;
    let timer: NodeJS.Timeout | undefined;
    let lastStatus = 0;
    try {
      // conn.request, not apex.post: apex.post would JSON-encode our already-encoded body again.
      const request = connection.request(
        {
          method: 'POST',
          url: EVENTS_PATH,
          body,
          headers: { 'content-type': 'application/json; charset=utf-8' }
        },
        { transport: this.transport, onStatus: (status: number) => (lastStatus = status) }
      );
      result = await Promise.race([
        request,
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () => reject(new UpstreamError('timeout', 'Salesforce did not answer in time')),
            deadlineMs
          );
        })
      ]);
    } catch (err) {
      throw classify(err, refreshes, lastStatus, token.instanceUrl);
    } finally {
      clearTimeout(timer);
    }
    const parsed = batchResponseSchema.safeParse(result);
    if (!parsed.success)
      throw new UpstreamError('bad_response', 'Salesforce answered 2xx without a batch result');
    return parsed.data;
  }
}

/** Turns whatever jsforce threw into one of a few reasons; the error text itself is never passed on. */
function classify(err: unknown, refreshes: number, status: number, instanceUrl: string): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const e = (err ?? {}) as { name?: unknown; errorCode?: unknown; code?: unknown; message?: unknown };
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : undefined;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : '';
  if (isJsforceTimeout(err)) {
    return new UpstreamError('timeout', `Salesforce (${hostOf(instanceUrl)}) did not answer in time`);
  }
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    // The org's API allowance is spent; it refills over hours, so ask Stripe to back off longer.
    return new UpstreamError('request_limit_exceeded', 'Salesforce API request limit exceeded', 60);
  }
  if (message.startsWith(JSFORCE_REFRESH_FAILED_PREFIX)) {
    // What follows the prefix is our own refresh function's error text (a login failure's cause).
    const cause = message.slice(message.indexOf(':') + 1).trim();
    return new UpstreamError('auth', `Salesforce session expired and logging in again failed: ${cause}`);
  }
  if (errorCode === 'INVALID_SESSION_ID' || refreshes > 1) {
    return new UpstreamError('auth', 'Salesforce session refused after one re-login');
  }
  const network = describeNetworkError(err, instanceUrl);
  if (network !== undefined) return new UpstreamError('unreachable', `Salesforce ${network}`);
  // Salesforce's error code (APEX_ERROR…) is safe to report; its message may quote data, so not that.
  const code =
    errorCode !== undefined && !errorCode.startsWith('ERROR_HTTP_') ? ` ${errorCode.slice(0, 64)}` : '';
  if (status >= 500)
    return new UpstreamError(
      'upstream_5xx',
      `Salesforce (${hostOf(instanceUrl)}) answered HTTP ${status}${code}`
    );
  if (status > 0) {
    return new UpstreamError(
      'upstream_error',
      `Salesforce (${hostOf(instanceUrl)}) answered HTTP ${status}${code}`
    );
  }
  return new UpstreamError('upstream_error', `Salesforce call failed (${name.slice(0, 64)})`);
}
