import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Agent, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FIXTURES, eventText, newWebhookSecret, send, sign, startStack } from './support/harness.js';
import { prng, testSeed } from './support/prng.js';

const TOTAL = 10_000;
const WARMUP = 1_500;
const WORKERS = 32;
const MIB = 1024 * 1024;

// The runner gives no --expose-gc; turn it on for this process and fetch the function from a fresh context.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

type Random = () => number;
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const int = (r: Random, max: number) => Math.floor(r() * max);

function randomBytesFrom(r: Random, length: number): Buffer {
  const buf = Buffer.alloc(length);
  for (let i = 0; i < length; i++) buf[i] = int(r, 256);
  return buf;
}

function randomPrintable(r: Random, length: number, alphabet?: string): string {
  let s = '';
  for (let i = 0; i < length; i++)
    s += alphabet ? (alphabet[int(r, alphabet.length)] ?? 'x') : String.fromCharCode(32 + int(r, 95));
  return s;
}

/** Changes at least one byte, so a body signed before mutation can never verify after it. */
function mutate(r: Random, body: string): Buffer {
  const buf = Buffer.from(body);
  switch (int(r, 4)) {
    case 0: {
      const at = int(r, buf.length);
      buf[at] = (buf[at] ?? 0) ^ (1 + int(r, 255));
      return buf;
    }
    case 1:
      return buf.subarray(0, int(r, buf.length));
    case 2:
      return Buffer.concat([buf, Buffer.from(randomPrintable(r, 1 + int(r, 20)))]);
    default: {
      const at = int(r, buf.length);
      return Buffer.concat([buf.subarray(0, at), Buffer.from(' '), buf.subarray(at)]);
    }
  }
}

const PATHS = [
  '/webhooks/stripe/',
  '/webhooks/stripe?x=1',
  '/webhooks/Stripe',
  '//webhooks/stripe',
  '/webhooks/stripe/../stripe',
  '/webhooks/%73tripe',
  '/webhooks',
  '/',
  '/services/apexrest/stripe/v1/events',
  '/admin'
];
const METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'TRACE', 'FOO'];

interface FuzzRequest {
  kind: 'http';
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body: Buffer | undefined;
}
interface RawRequest {
  kind: 'raw';
  bytes: Buffer;
}

/** One random or mutated request; by construction none of them can carry a valid signature. */
function generate(r: Random, secret: string): FuzzRequest | RawRequest {
  if (r() < 0.04) return { kind: 'raw', bytes: rawGarbage(r) };
  const now = Math.floor(Date.now() / 1000);
  const roll = r();
  const method = roll < 0.85 ? 'POST' : pick(r, METHODS);
  let path = '/webhooks/stripe';
  const pathRoll = r();
  if (pathRoll < 0.1) path = pick(r, PATHS);
  else if (pathRoll < 0.15)
    path = '/' + randomPrintable(r, 1 + int(r, 40), 'abcdefghijklmnopqrstuvwxyz0123456789-_./%');
  else if (pathRoll < 0.17) path = pick(r, ['/healthz', '/readyz', '/metrics']); // only reached with POST or others
  if (method === 'GET' || method === 'HEAD') {
    if (['/healthz', '/readyz', '/metrics'].includes(path)) path = '/webhooks/stripe';
  }

  const event = eventText(
    pick(r, [FIXTURES.customerCreated, FIXTURES.invoicePaymentFailed, FIXTURES.subscriptionUpdated])
  );
  let body: Buffer | undefined;
  let signature: string | undefined;
  switch (int(r, 9)) {
    case 0:
      body = undefined;
      signature = sign('', secret);
      break;
    case 1:
      body = randomBytesFrom(r, int(r, 4096));
      signature = `t=${now},v1=${randomPrintable(r, 64, '0123456789abcdef')}`;
      break;
    case 2: // the right secret, then the body changed in transit
      signature = sign(event, secret);
      body = mutate(r, event);
      break;
    case 3: // right body, another secret
      body = Buffer.from(event);
      signature = sign(event, newWebhookSecret());
      break;
    case 4: // right secret and body, timestamp out of tolerance (past or future)
      body = Buffer.from(event);
      signature = sign(event, secret, now + (r() < 0.5 ? -1 : 1) * (301 + int(r, 100_000)));
      break;
    case 5: // right secret, header mangled so that no v1 is the real one
      body = Buffer.from(event);
      signature = mangleHeader(r, event, secret, now);
      break;
    case 6:
      body = Buffer.from(randomPrintable(r, int(r, 2000)));
      signature = r() < 0.5 ? undefined : randomPrintable(r, int(r, 300));
      break;
    case 7:
      body = Buffer.from(
        JSON.stringify({ id: `evt_${int(r, 1e9)}`, type: 'customer.created', object: 'event' })
      );
      signature = `t=${now},v1=${createHmac('sha256', 'guess').update(`${now}.${body}`).digest('hex')}`;
      break;
    default:
      // Oversized now and then (rarely: each is a megabyte on the wire).
      body = r() < 0.06 ? Buffer.alloc(MIB + 1 + int(r, 1000), 0x7b) : randomBytesFrom(r, int(r, 200));
      signature = `t=${now},v1=${'0'.repeat(64)}`;
  }
  const headers: OutgoingHttpHeaders = {};
  if (signature !== undefined) headers['stripe-signature'] = r() < 0.05 ? [signature, signature] : signature;
  if (r() < 0.7)
    headers['content-type'] = pick(r, [
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      randomPrintable(r, 20)
    ]);
  if (r() < 0.1) headers['transfer-encoding'] = 'chunked';
  if (r() < 0.1) headers['content-encoding'] = pick(r, ['gzip', 'br', 'identity']);
  if (r() < 0.2) headers[`x-fuzz-${int(r, 100)}`] = randomPrintable(r, int(r, 200));
  return { kind: 'http', method, path, headers, body };
}

/** A header carrying the real secret's scheme but never the real signature for this body and time. */
function mangleHeader(r: Random, body: string, secret: string, now: number): string {
  const real = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
  const flipped = real.slice(0, 63) + (real.endsWith('0') ? '1' : '0');
  return pick(r, [
    `t=${now},v1=${flipped}`,
    `t=${now + 1},v1=${real}`,
    `t=${now},v0=${real}`,
    `t=${now},V1=${real}`,
    `t=${now};v1=${real}`,
    `v1=${real}`,
    `t=${now},v1=${real.toUpperCase()}`,
    `t=${now},v1=${real.slice(1)}`
  ]);
}

function rawGarbage(r: Random): Buffer {
  return pick(r, [
    () => randomBytesFrom(r, 1 + int(r, 512)),
    () => Buffer.from('POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'),
    () =>
      Buffer.from(
        'POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'
      ),
    () => Buffer.from('POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n'),
    () => Buffer.from(`POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    () => Buffer.from('GET / HTTP/9.9\r\n\r\n'),
    () =>
      Buffer.from(
        'POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot hex\r\n0\r\n\r\n'
      )
  ])();
}

/** Writes raw bytes on a fresh socket and returns the status of the answer, if any. */
function sendRaw(port: number, bytes: Buffer): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1];
      resolve(status === undefined ? undefined : Number(status));
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (/\r\n\r\n/.test(answer)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.end(bytes);
  });
}

test('fuzz: 10,000 random and mutated requests are all refused, the relay stays up, memory stays flat', async (t) => {
  const seed = testSeed(424_242);
  t.diagnostic(`seed ${seed} (set RELAY_TEST_SEED to replay)`);
  const random = prng(seed);
  const stack = await startStack();
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
  const statuses = new Map<string, number>();
  const wrong: string[] = [];
  let next = 0;
  let heapBaseline = 0;
  try {
    const worker = async (limit: number) => {
      for (let i = next++; i < limit; i = next++) {
        const req = generate(random, stack.secret);
        let status: number | undefined;
        if (req.kind === 'raw') {
          status = await sendRaw(stack.relay.port, req.bytes);
        } else {
          try {
            status = (
              await send(stack.relay.url, {
                method: req.method,
                path: req.path,
                headers: req.headers,
                ...(req.body ? { body: req.body } : {}),
                agent,
                timeoutMs: 10_000
              })
            ).status;
          } catch (err) {
            // A connection cut after a 413 with "Connection: close" is an acceptable refusal.
            const code = (err as NodeJS.ErrnoException).code ?? 'error';
            if (code !== 'ECONNRESET' && code !== 'EPIPE')
              wrong.push(`#${i} ${req.method} ${req.path}: ${code}`);
          }
        }
        const key = status === undefined ? 'none' : String(status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (status !== undefined && (status < 400 || status > 599)) {
          wrong.push(`#${i} ${req.kind === 'http' ? `${req.method} ${req.path}` : 'raw'} answered ${status}`);
        }
      }
    };
    const run = (limit: number) => Promise.all(Array.from({ length: WORKERS }, () => worker(limit)));

    await run(WARMUP);
    heapBaseline = heapAfterGc();
    await run(WARMUP + (TOTAL - WARMUP) / 2);
    const heapMiddle = heapAfterGc();
    await run(TOTAL);
    const heapEnd = heapAfterGc();
    t.diagnostic(`statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    t.diagnostic(
      `heap after GC: ${(heapBaseline / MIB).toFixed(1)} MiB after warm-up, ` +
        `${(heapMiddle / MIB).toFixed(1)} MiB half-way, ${(heapEnd / MIB).toFixed(1)} MiB at the end`
    );

    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} requests were not refused`);
    assert.equal(next >= TOTAL, true);
    // Still up and healthy, and nothing reached Salesforce.
    assert.equal((await send(stack.relay.url, { method: 'GET', path: '/healthz' })).status, 200);
    assert.equal(stack.standIn.apexCalls, 0);
    assert.equal(stack.relay.forwarder.depth(), 0);
    // Flat: 8,500 requests may not grow the live heap by more than a few MiB (a leak of even
    // 1 KiB per request would add 8 MiB).
    assert.ok(
      heapEnd - heapBaseline < 6 * MIB,
      `heap grew ${((heapEnd - heapBaseline) / MIB).toFixed(1)} MiB`
    );
  } finally {
    agent.destroy();
    await stack.close();
  }
});
