import { createHmac, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

/**
 * A loopback stand-in for the two Salesforce endpoints the relay uses: the OAuth token endpoint and the
 * Apex REST events endpoint. It checks JWT assertions (RS256, iss/sub/aud/exp) and client secrets like
 * Salesforce does, records what it accepted, and misbehaves on request.
 */

export type ApexFault =
  /** Answer this status and body instead of processing the batch. */
  | { kind: 'status'; status: number; body: string; contentType?: string }
  /** Never answer; the socket stays open until the caller gives up. */
  | { kind: 'hang' }
  /** Store the events, then never answer: the caller cannot know they were stored. */
  | { kind: 'commit_then_hang' };

export const FAULTS = {
  serverError: {
    kind: 'status',
    status: 500,
    body: '[{"errorCode":"APEX_ERROR","message":"System.LimitException"}]'
  },
  unavailable: {
    kind: 'status',
    status: 503,
    body: '<html>Service Unavailable</html>',
    contentType: 'text/html'
  },
  requestLimit: {
    kind: 'status',
    status: 403,
    body: '[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]'
  },
  expiredSession: {
    kind: 'status',
    status: 401,
    body: '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]'
  },
  notJson: { kind: 'status', status: 200, body: 'OK', contentType: 'text/plain' },
  hang: { kind: 'hang' }
} satisfies Record<string, ApexFault>;

export interface SalesforceStandInOptions {
  clientId: string;
  /** JWT bearer flow: the expected `sub` and the key that must have signed the assertion. */
  username?: string;
  publicKey?: KeyObject;
  /** Client-credentials flow. */
  clientSecret?: string;
  /** Called for each Apex call before it is processed: return a fault to misbehave. */
  fault?: (call: number) => ApexFault | undefined;
  /** Wait this long before answering a batch (ms). */
  delayMs?: number;
  /** Leave `id` out of token responses (jsforce's authorize() would throw on that; the relay must not). */
  omitTokenId?: boolean;
  /** Keep every batch body and id list (tests); off for the benchmark, which sends millions. */
  record?: boolean;
  /**
   * Benchmark only: find the event ids with a regex (compact events put "id" first) instead of parsing
   * the whole batch, so the stand-in answers at once and leaves the CPU to the relay.
   */
  scanIds?: boolean;
}

export class SalesforceStandIn extends LoopbackServer {
  readonly accepted = new Set<string>();
  /** Event ids of each batch that reached the Apex endpoint with a valid token, in order. */
  readonly batches: string[][] = [];
  /** Raw request bodies of those batches. */
  readonly bodies: string[] = [];
  readonly rejectIds = new Map<string, string>();
  readonly omitIds = new Set<string>();
  readonly queuedFaults: ApexFault[] = [];
  apexCalls = 0;
  /** Wait this long before answering a batch (ms); starts at `options.delayMs`, may be changed. */
  delayMs: number;
  /** Apex calls being processed right now, and the most there ever were at once. */
  inflight = 0;
  peakInflight = 0;
  tokenRequests = 0;
  private readonly tokens = new Set<string>();
  private readonly onBatchListeners: ((ids: string[]) => void)[] = [];

  constructor(private readonly options: SalesforceStandInOptions) {
    super((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.delayMs = options.delayMs ?? 0;
  }

  private held: Promise<void> | undefined;

  /**
   * Holds every batch answer (after the batch is stored) until the returned function is called, so a
   * test can look at the relay with its slots busy without racing a timer.
   */
  hold(): () => void {
    let release: () => void = () => undefined;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  /** Every token issued so far stops working, as when a Salesforce session expires. */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Resolves when a batch arrives (after auth, before it is answered). */
  nextBatch(): Promise<string[]> {
    return new Promise((resolve) => this.onBatchListeners.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path === '/services/oauth2/token') return this.token(body, res);
    if (req.method === 'POST' && path === '/services/apexrest/stripe/v1/events')
      return this.events(req, body, res);
    json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  }

  private token(body: string, res: ServerResponse): void {
    this.tokenRequests++;
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    let problem: string | undefined;
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      problem = this.checkAssertion(form.get('assertion') ?? '');
    } else if (grant === 'client_credentials') {
      if (!this.options.clientSecret || form.get('client_id') !== this.options.clientId)
        problem = 'invalid_client_id';
      else if (form.get('client_secret') !== this.options.clientSecret) problem = 'invalid_client';
    } else {
      problem = 'unsupported_grant_type';
    }
    if (problem) {
      json(res, 400, {
        error: problem === 'invalid_client' ? 'invalid_client' : 'invalid_grant',
        error_description: problem
      });
      return;
    }
    const accessToken = `00DTEST!${randomBytes(24).toString('base64url')}`;
    this.tokens.add(accessToken);
    const issuedAt = String(Date.now());
    const id = `${this.url}/id/00DTEST000000001AAA/005TEST000000001AAA`;
    json(res, 200, {
      access_token: accessToken,
      instance_url: this.url,
      ...(this.options.omitTokenId ? {} : { id }),
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature: createHmac('sha256', 'standin')
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'api'
    });
  }

  private checkAssertion(assertion: string): string | undefined {
    const { publicKey, username, clientId } = this.options;
    if (!publicKey || !username) return 'jwt flow not configured';
    const [header, payload, signature] = assertion.split('.');
    if (!header || !payload || !signature) return 'malformed assertion';
    try {
      const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
      if (head.alg !== 'RS256') return 'wrong alg';
      const ok = verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${payload}`),
        publicKey,
        Buffer.from(signature, 'base64url')
      );
      if (!ok) return 'bad signature';
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const now = Date.now() / 1000;
      if (claims.iss !== clientId) return 'wrong iss';
      if (claims.sub !== username) return 'wrong sub';
      if (claims.aud !== this.url) return 'wrong aud';
      if (typeof claims.exp !== 'number' || claims.exp < now || claims.exp > now + 600) return 'bad exp';
    } catch {
      return 'malformed assertion';
    }
    return undefined;
  }

  private async events(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !this.tokens.has(auth.slice('Bearer '.length))) {
      json(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      return;
    }
    const call = ++this.apexCalls;
    this.inflight++;
    this.peakInflight = Math.max(this.peakInflight, this.inflight);
    res.once('close', () => this.inflight--);
    const ids = this.options.scanIds
      ? Array.from(body.matchAll(/\{"id":"(evt_[A-Za-z0-9_]+)"/g), (m) => m[1] ?? '')
      : (JSON.parse(body) as { events: { id: string }[] }).events.map((e) => e.id);
    const fault = this.queuedFaults.shift() ?? this.options.fault?.(call);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json;charset=UTF-8' });
      res.end(fault.body);
      return;
    }
    if (this.options.record ?? true) {
      this.batches.push(ids);
      this.bodies.push(body);
    }
    for (const notify of this.onBatchListeners.splice(0)) notify(ids);
    const answer = { accepted: [] as string[], duplicates: [] as string[], rejected: [] as object[] };
    for (const id of ids) {
      const reason = this.rejectIds.get(id);
      if (reason !== undefined) answer.rejected.push({ id, reason });
      else if (this.omitIds.has(id)) continue;
      else if (this.accepted.has(id)) answer.duplicates.push(id);
      else {
        this.accepted.add(id);
        answer.accepted.push(id);
      }
    }
    if (fault?.kind === 'commit_then_hang') return;
    if (this.held) await this.held;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    json(res, 200, answer);
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(value));
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
