import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import Stripe from 'stripe';

/**
 * Relay benchmark (not a test; not run in CI). On loopback, with the same ~3 KB event at 64 connections:
 *   (a) a bare Hono endpoint on @hono/node-server that reads the POST and answers 200;
 *   (b) the real relay (`node --import tsx relay/src/server.ts`) verifying each signature and forwarding
 *       to a Salesforce stand-in that answers at once.
 * Every request is signed in autocannon's setupRequest with a unique event id, so (b) really verifies and
 * the stand-in accepts each event once (no duplicates). Each target and the stand-in run in their own
 * process; autocannon runs in this one.
 *
 * BENCH_DURATION (seconds, default 10) and BENCH_CONNECTIONS (default 64) adjust the run;
 * The relay is measured as production should run it: compiled (relay/tsconfig.build.json → relay/dist,
 * built here first) and started with `node relay/dist/server.js`. BENCH_RELAY=tsx measures
 * `node --import tsx relay/src/server.ts` instead (about 10% slower: tsx wraps every closure to keep
 * its name). BENCH_CPU_PROF=1 writes a CPU profile of the relay process to bench-results/.
 */

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 3;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TARGETS = { ratio: 0.45, callsPer1000: 25, p99Ms: 60 };

const TARGETS_SCRIPT = fileURLToPath(new URL('./targets.ts', import.meta.url));
const USE_TSX = process.env.BENCH_RELAY === 'tsx';
const SERVER = fileURLToPath(new URL(USE_TSX ? '../src/server.ts' : '../dist/server.js', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const BUILD_CONFIG = fileURLToPath(new URL('../tsconfig.build.json', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(
  new URL('../test/fixtures/customer.subscription.updated.json', import.meta.url)
);

const children: ChildProcess[] = [];

function startChild(args: string[], env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  const loader = args[0]?.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeFlags, ...loader, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc']
  });
  // Children's output (the relay's log lines) is not read; let it drain so a pipe never fills.
  child.stdout?.resume();
  children.push(child);
  return child;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });
}

/** A port nobody listens on right now, for the relay child (its log level may hide the start-up line). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls /healthz until the relay answers; bounded. */
async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`relay exited (${child.exitCode}) before listening`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('relay did not come up within 30 s');
}

// The event body, compact (~3 KB), with an id placeholder replaced per request.
const template = JSON.stringify({
  ...(JSON.parse(readFileSync(FIXTURE, 'utf8')) as object),
  id: 'evt_PLACEHOLDER'
});
const [before, after] = template.split('evt_PLACEHOLDER') as [string, string];
const run = randomBytes(4).toString('hex');
let counter = 0;

function signedRequest(secret: string) {
  const body = `${before}evt_bench${run}x${++counter}${after}`;
  return {
    method: 'POST',
    path: '/webhooks/stripe',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret })
    },
    body
  };
}

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

function cpuShare(before: number | undefined, after: number | undefined, seconds: number): string {
  return before === undefined || after === undefined
    ? 'n/a'
    : `${Math.round(((after - before) / seconds) * 100)}%`;
}

async function load(url: string, secret: string, duration: number): Promise<Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/stripe',
        // Keep autocannon's own fields (host, port…) and add ours.
        setupRequest: (req) => {
          const signed = signedRequest(secret);
          return { ...req, ...signed, headers: { ...req.headers, ...signed.headers } };
        }
      }
    ]
  });
}

async function post(url: string, req: ReturnType<typeof signedRequest>): Promise<number> {
  const res = await fetch(url + req.path, { method: 'POST', headers: req.headers, body: req.body });
  await res.arrayBuffer();
  return res.status;
}

function summarise(label: string, r: Result) {
  return {
    target: label,
    'req/s': Math.round(r.requests.average),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    '2xx': r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts
  };
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsc = spawn(process.execPath, [TSC, '-p', BUILD_CONFIG], { cwd: REPO_ROOT, stdio: 'inherit' });
    tsc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (!USE_TSX) {
    console.log('building relay/dist …');
    await build();
  }
  const secret = 'whsec_' + randomBytes(24).toString('hex');
  const sfSecret = randomBytes(16).toString('hex');
  console.log(
    `relay benchmark (${USE_TSX ? 'tsx relay/src/server.ts' : 'node relay/dist/server.js'}): ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per target, ` +
      `${Buffer.byteLength(template)} byte event, unique id and fresh signature per request`
  );

  const salesforce = startChild([TARGETS_SCRIPT, 'salesforce'], { BENCH_SF_CLIENT_SECRET: sfSecret });
  const { url: sfUrl } = await nextMessage<{ url: string }>(salesforce);
  const bare = startChild([TARGETS_SCRIPT, 'bare'], {});
  const { port: barePort } = await nextMessage<{ port: number }>(bare);
  const relayPort = await freePort();
  const relay = startChild(
    [SERVER],
    {
      PORT: String(relayPort),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      STRIPE_WEBHOOK_SECRET: secret,
      SF_LOGIN_URL: sfUrl,
      SF_CLIENT_ID: 'bench-client',
      SF_CLIENT_SECRET: sfSecret
    },
    process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=bench-results'] : []
  );
  const relayUrl = `http://127.0.0.1:${relayPort}`;
  await waitUntilUp(relayUrl, relay);
  const bareUrl = `http://127.0.0.1:${barePort}`;

  // (b) must really verify: a bad signature is refused, a good one accepted.
  const forged = signedRequest('whsec_' + randomBytes(24).toString('hex'));
  if ((await post(relayUrl, forged)) !== 400) throw new Error('relay accepted a forged signature');
  if ((await post(relayUrl, signedRequest(secret))) !== 200) throw new Error('relay refused a valid event');

  console.log('(a) bare Hono endpoint …');
  await load(bareUrl, secret, WARMUP);
  const bareCpu0 = cpuSeconds(bare.pid);
  const aStarted = Date.now();
  const a = await load(bareUrl, secret, DURATION);
  const bareCpu = cpuShare(bareCpu0, cpuSeconds(bare.pid), (Date.now() - aStarted) / 1000);

  console.log('(b) relay: verify + forward …');
  await load(relayUrl, secret, WARMUP);
  const stats = () => {
    salesforce.send('stats');
    return nextMessage<{ apexCalls: number; accepted: number }>(salesforce);
  };
  const s0 = await stats();
  const cpu0 = { relay: cpuSeconds(relay.pid), sf: cpuSeconds(salesforce.pid), self: process.cpuUsage() };
  const started = Date.now();
  const b = await load(relayUrl, secret, DURATION);
  const wall = (Date.now() - started) / 1000;
  const cpu1 = {
    relay: cpuSeconds(relay.pid),
    sf: cpuSeconds(salesforce.pid),
    self: process.cpuUsage(cpu0.self)
  };
  const s1 = await stats();

  const ratio = b.requests.average / a.requests.average;
  const calls = s1.apexCalls - s0.apexCalls;
  const events = s1.accepted - s0.accepted;
  const callsPer1000 = (calls / Math.max(1, events)) * 1000;
  console.table([summarise('(a) bare Hono', a), summarise('(b) relay', b)]);
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  console.log(
    `ratio b/a: ${ratio.toFixed(2)} (target >= ${TARGETS.ratio}: ${verdict(ratio >= TARGETS.ratio)})`
  );
  console.log(
    `Salesforce calls: ${calls} for ${events} events = ${callsPer1000.toFixed(1)} per 1,000 events ` +
      `(avg batch ${(events / Math.max(1, calls)).toFixed(1)}; target <= ${TARGETS.callsPer1000}: ` +
      `${verdict(callsPer1000 <= TARGETS.callsPer1000)})`
  );
  console.log(
    `relay p50 ${b.latency.p50} ms, p99 ${b.latency.p99} ms (target p99 <= ${TARGETS.p99Ms}: ` +
      `${verdict(b.latency.p99 <= TARGETS.p99Ms)})`
  );
  console.log(
    `CPU (one core = 100%): bare Hono ${bareCpu} during (a); during (b) relay ${cpuShare(cpu0.relay, cpu1.relay, wall)}, ` +
      `Salesforce stand-in ${cpuShare(cpu0.sf, cpu1.sf, wall)}, ` +
      `load generator ${cpuShare(0, (cpu1.self.user + cpu1.self.system) / 1e6, wall)}`
  );
  const metrics = await (await fetch(`${relayUrl}/metrics`)).text();
  const metric = (name: string) =>
    Number(new RegExp(`^${name}\\{result="ok"\\} ([0-9.e+-]+)$`, 'm').exec(metrics)?.[1]);
  const rtt =
    metric('relay_upstream_request_duration_seconds_sum') /
    metric('relay_upstream_request_duration_seconds_count');
  console.log(
    `Salesforce round trip per batch, as the relay saw it: ${(rtt * 1000).toFixed(2)} ms on average`
  );
  if (b.non2xx > 0 || b.errors > 0)
    console.log(`warning: relay answered ${b.non2xx} non-2xx, ${b.errors} errors`);
  if (events !== b['2xx']) console.log(`note: ${b['2xx']} 2xx answers vs ${events} events newly accepted`);
  // A graceful stop lets --cpu-prof write its profile.
  relay.kill('SIGTERM');
  await new Promise((resolve) => relay.once('exit', resolve));
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) child.kill('SIGKILL');
  });
