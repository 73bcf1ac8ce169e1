import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type Agent, type OutgoingHttpHeaders } from 'node:http';
import { Writable } from 'node:stream';
import Stripe from 'stripe';
import { loadRelayConfig } from '../../src/config/relay-config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startRelay, type RunningRelay } from '../../src/relay.js';
import { SalesforceStandIn, type SalesforceStandInOptions } from './salesforce-standin.js';

/** Fixture texts exactly as stored: Stripe sends pretty-printed JSON, and so do we. */
export const FIXTURES = {
  customerCreated: readFixture('customer.created.json'),
  invoicePaymentFailed: readFixture('invoice.payment_failed.json'),
  subscriptionUpdated: readFixture('customer.subscription.updated.json')
};

function readFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** A random endpoint secret, made at run time so no secret-shaped string lives in the source. */
export function newWebhookSecret(): string {
  return 'whsec_' + randomBytes(24).toString('hex');
}

let idCounter = 0;
/** A unique, Stripe-shaped event id. */
export function newEventId(): string {
  idCounter++;
  return `evt_test${process.pid}x${idCounter}x${randomBytes(4).toString('hex')}`;
}

/** The fixture text with its event id (the first "id") replaced, formatting untouched. */
export function eventText(fixture: string, id = newEventId()): string {
  return fixture.replace(/"id": "evt_[A-Za-z0-9]+"/, `"id": "${id}"`);
}

export function idOf(text: string): string {
  return (JSON.parse(text) as { id: string }).id;
}

/** A Stripe-Signature header made with the SDK's own test helper. */
export function sign(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp })
  });
}

export function newKeyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

// Generating RSA keys is slow on a loaded machine; one pair serves a whole test file.
let sharedKeys: ReturnType<typeof newKeyPair> | undefined;
export function testKeys(): ReturnType<typeof newKeyPair> {
  sharedKeys ??= newKeyPair();
  return sharedKeys;
}

export interface LogCapture {
  logger: Logger;
  lines(): Record<string, unknown>[];
  text(): string;
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    }
  });
  const logger = createLogger('info', sink);
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
  };
}

export interface Stack {
  relay: RunningRelay;
  standIn: SalesforceStandIn;
  secret: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface StackOptions {
  flow?: 'jwt' | 'client_credentials';
  env?: Record<string, string>;
  standIn?: Partial<SalesforceStandInOptions>;
  logger?: Logger;
  secrets?: string[];
}

/** A Salesforce stand-in and an in-process relay configured from environment variables, on loopback. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const keys = testKeys();
  const clientSecret = randomBytes(16).toString('hex');
  const flow = options.flow ?? 'jwt';
  const standIn = await new SalesforceStandIn({
    clientId: 'relay-test-client',
    username: 'integration@example.com',
    publicKey: keys.publicKey,
    clientSecret,
    ...options.standIn
  }).start();
  const secret = newWebhookSecret();
  const env: Record<string, string> = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    STRIPE_WEBHOOK_SECRET: (options.secrets ?? [secret]).join(','),
    SF_LOGIN_URL: standIn.url,
    SF_CLIENT_ID: 'relay-test-client',
    RELAY_BATCH_MAX_WAIT_MS: '5',
    RELAY_UPSTREAM_TIMEOUT_MS: '2000',
    ...(flow === 'jwt'
      ? { SF_USERNAME: 'integration@example.com', SF_PRIVATE_KEY: keys.privateKeyPem }
      : { SF_CLIENT_SECRET: clientSecret }),
    ...options.env
  };
  const relay = await startRelay(loadRelayConfig(env), {
    host: '127.0.0.1',
    ...(options.logger ? { logger: options.logger } : {})
  });
  return {
    relay,
    standIn,
    secret,
    env,
    async close() {
      await relay.shutdown();
      await standIn.close();
    }
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

export interface RequestOptions {
  method?: string;
  path?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  agent?: Agent;
  timeoutMs?: number;
}

/** One HTTP request over real loopback sockets. */
export function send(baseUrl: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  // The path goes out verbatim (a URL object would read "//x" as a host name).
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        path: options.path ?? '/webhooks/stripe',
        method: options.method ?? 'POST',
        headers: options.headers,
        agent: options.agent,
        timeout: options.timeoutMs ?? 30_000
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      }
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POSTs a webhook signed with `secret` (pass a header to override). */
export function sendWebhook(
  baseUrl: string,
  payload: string,
  secret: string,
  extra: { header?: string; agent?: Agent } = {}
): Promise<HttpAnswer> {
  return send(baseUrl, {
    body: payload,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': extra.header ?? sign(payload, secret)
    },
    ...(extra.agent ? { agent: extra.agent } : {})
  });
}
