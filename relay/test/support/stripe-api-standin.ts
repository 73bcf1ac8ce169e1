import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

export interface StoredEvent {
  id: string;
  type: string;
  created: number;
  [key: string]: unknown;
}

/**
 * A loopback stand-in for Stripe's Events API (`GET /v1/events`, `GET /v1/events/:id`): newest first,
 * cursor pagination with `starting_after`, `created[gte]`, `type` (with a trailing `*` wildcard) and
 * `types[]` filters, bearer-key auth and Stripe-shaped errors.
 */
export class StripeApiStandIn extends LoopbackServer {
  listRequests = 0;
  retrieveRequests = 0;
  private events: StoredEvent[] = [];

  constructor(private readonly apiKey: string) {
    super((req, res) => this.handle(req, res));
  }

  /** Events as the API would store them; kept newest first like Stripe lists them. */
  setEvents(events: StoredEvent[]): void {
    this.events = [...events].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return error(res, 401, 'invalid_request_error', 'api_key_invalid', 'Invalid API Key provided');
    }
    if (req.method !== 'GET')
      return error(res, 405, 'invalid_request_error', 'method_not_allowed', 'GET only');
    if (url.pathname === '/v1/events') return this.list(url.searchParams, res);
    const single = /^\/v1\/events\/([^/]+)$/.exec(url.pathname);
    if (single?.[1]) {
      this.retrieveRequests++;
      const event = this.events.find((e) => e.id === decodeURIComponent(single[1] ?? ''));
      if (!event) return error(res, 404, 'invalid_request_error', 'resource_missing', 'No such event');
      return send(res, 200, event);
    }
    error(res, 404, 'invalid_request_error', 'resource_missing', 'Unrecognized request URL');
  }

  private list(params: URLSearchParams, res: ServerResponse): void {
    this.listRequests++;
    const limit = Math.min(100, Math.max(1, Number(params.get('limit') ?? 10)));
    const gte = params.get('created[gte]');
    const type = params.get('type');
    const types = [...params.entries()].filter(([k]) => /^types\[\d*\]$/.test(k)).map(([, v]) => v);
    if (type !== null && types.length > 0) {
      return error(res, 400, 'invalid_request_error', 'parameter_invalid', 'Pass type or types, not both');
    }
    let matching = this.events.filter((e) => gte === null || e.created >= Number(gte));
    if (type !== null) {
      matching = matching.filter((e) =>
        type.endsWith('*') ? e.type.startsWith(type.slice(0, -1)) : e.type === type
      );
    }
    if (types.length > 0) matching = matching.filter((e) => types.includes(e.type));
    const after = params.get('starting_after');
    const start = after === null ? 0 : matching.findIndex((e) => e.id === after) + 1;
    const data = matching.slice(start, start + limit);
    send(res, 200, { object: 'list', data, has_more: start + limit < matching.length, url: '/v1/events' });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_standin${Date.now()}` });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, type: string, code: string, message: string): void {
  send(res, status, { error: { type, code, message } });
}
