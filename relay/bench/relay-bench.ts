import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import Stripe from 'stripe';

/**
 * Relay benchmark (not a test; not run in CI). Three runs on loopback with the same ~3 KB event, each
 * request signed in autocannon's setupRequest with a unique event id (so the relay really verifies
 * and the stand-in accepts each event once):
 *   (a) a bare Hono endpoint on @hono/node-server that reads the POST and answers 200, at
 *       BENCH_CPU_CONNECTIONS (64) connections: the baseline;
 *   (b) the relay forwarding to a Salesforce stand-in that answers at once, same connections: what
 *       the relay's CPU costs (ratio b/a, p99);
 *   (c) the relay forwarding to a stand-in that answers each batch after BENCH_SALESFORCE_LATENCY_MS
 *       (150; a real Apex REST call takes 100–300 ms), with BENCH_CONNECTIONS (1000) senders: what
 *       the relay delivers when Salesforce's round trip, not its CPU, is the limit.
 * The relay runs with its default settings. Each target and the stand-in run in their own process;
 * autocannon runs in this one. The process exits 1 when any target is missed.
 *
 * BENCH_DURATION (seconds, default 10) sets the length of each run. The relay is measured as production
 * should run it: compiled (relay/tsconfig.build.json → relay/dist, built here first) and started with
 * `node relay/dist/server.js`. BENCH_RELAY=tsx measures `node --import tsx relay/src/server.ts` instead
 * (about 10% slower: tsx wraps every closure to keep its name). BENCH_CPU_PROF=1 writes a CPU profile
 * of the relay process to bench-results/.
 */

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 3;
const CPU_CONNECTIONS = Number(process.env.BENCH_CPU_CONNECTIONS ?? 64);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_SALESFORCE_LATENCY_MS ?? 150);
const TARGETS = {
  /** (b) requests/s over (a)'s. */
  ratio: 0.45,
  /** (b) p99 latency. */
  p99Ms: 60,
  /** (c) accepted events/s as a share of senders ÷ round trip, the most a sender-bound run can do. */
  acceptedShare: 0.6,
  /** (c) answers that were 503. */
  share503: 0.01,
  /** (c) Salesforce calls per 1,000 accepted events. */
  callsPer1000: 10
};

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

/** Requests that got an answer of any status. */
const answeredOf = (r: Result): number => r['2xx'] + r.non2xx;

/** CPU microseconds a process spent per answered request; robust to a busy host where req/s is not. */
function cpuPerRequest(before: number | undefined, after: number | undefined, r: Result): number | undefined {
  const answered = answeredOf(r);
  return before === undefined || after === undefined || answered === 0
    ? undefined
    : ((after - before) / answered) * 1e6;
}

async function load(url: string, secret: string, duration: number, connections: number): Promise<Result> {
  return autocannon({
    url,
    connections,
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

interface RelayRun {
  label: string;
  result: Result;
  wall: number;
  /** Events the stand-in accepted (new ids) and Apex calls it served, during the measured run. */
  events: number;
  calls: number;
  cpu: { relay: string; salesforce: string; loadGenerator: string };
  /** Relay CPU per answered request, µs. */
  relayCpuPerRequest: number | undefined;
}

function summarise(label: string, r: Result, accepted?: number, wall?: number) {
  const total = answeredOf(r);
  return {
    run: label,
    'req/s': Math.round(r.requests.average),
    'accepted events/s': accepted === undefined || wall === undefined ? '' : Math.round(accepted / wall),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    '503 share': total === 0 ? '' : `${((status503(r) / total) * 100).toFixed(2)}%`,
    errors: r.errors + r.timeouts
  };
}

function status503(r: Result): number {
  return r.statusCodeStats?.['503']?.count ?? 0;
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsc = spawn(process.execPath, [TSC, '-p', BUILD_CONFIG], { cwd: REPO_ROOT, stdio: 'inherit' });
    tsc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited ${code}`))));
  });
}

type StandInStats = { apexCalls: number; accepted: number };

async function main(): Promise<void> {
  if (!USE_TSX) {
    console.log('building relay/dist …');
    await build();
  }
  const secret = 'whsec_' + randomBytes(24).toString('hex');
  const sfSecret = randomBytes(16).toString('hex');
  console.log(
    `relay benchmark (${USE_TSX ? 'tsx relay/src/server.ts' : 'node relay/dist/server.js'}, default settings): ` +
      `${WARMUP} s warm-up + ${DURATION} s per run, ${Buffer.byteLength(template)} byte event, ` +
      'unique id and fresh signature per request'
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

  // (b) and (c) must really verify: a bad signature is refused, a good one accepted.
  const forged = signedRequest('whsec_' + randomBytes(24).toString('hex'));
  if ((await post(relayUrl, forged)) !== 400) throw new Error('relay accepted a forged signature');
  if ((await post(relayUrl, signedRequest(secret))) !== 200) throw new Error('relay refused a valid event');

  const stats = () => {
    salesforce.send('stats');
    return nextMessage<StandInStats>(salesforce);
  };
  const setLatency = async (delayMs: number) => {
    salesforce.send({ delayMs });
    await nextMessage(salesforce);
  };

  console.log(`(a) bare Hono endpoint, ${CPU_CONNECTIONS} connections …`);
  await load(bareUrl, secret, WARMUP, CPU_CONNECTIONS);
  const bareCpu0 = cpuSeconds(bare.pid);
  const aStarted = Date.now();
  const a = await load(bareUrl, secret, DURATION, CPU_CONNECTIONS);
  const bareCpu1 = cpuSeconds(bare.pid);
  const bareCpu = cpuShare(bareCpu0, bareCpu1, (Date.now() - aStarted) / 1000);
  const bareCpuPerRequest = cpuPerRequest(bareCpu0, bareCpu1, a);

  // A finished autocannon run drops its connections with requests still waiting on Salesforce; let
  // the relay answer those before the next run, so they do not count against its queue limit.
  const quiet = async () => {
    for (let i = 0; i < 200; i++) {
      // A poll can meet a kept-alive socket the relay just closed (or a full accept queue right after
      // 1,000 senders): that is "not yet", not a failed benchmark.
      const text = await fetch(`${relayUrl}/metrics`).then(
        (res) => res.text(),
        () => ''
      );
      if (/^relay_queue_depth_events 0$/m.test(text)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const relayRun = async (label: string, connections: number): Promise<RelayRun> => {
    console.log(`${label} …`);
    await quiet();
    await load(relayUrl, secret, WARMUP, connections);
    await quiet();
    const s0 = await stats();
    const cpu0 = { relay: cpuSeconds(relay.pid), sf: cpuSeconds(salesforce.pid), self: process.cpuUsage() };
    const started = Date.now();
    const result = await load(relayUrl, secret, DURATION, connections);
    const wall = (Date.now() - started) / 1000;
    const cpu1 = {
      relay: cpuSeconds(relay.pid),
      sf: cpuSeconds(salesforce.pid),
      self: process.cpuUsage(cpu0.self)
    };
    const s1 = await stats();
    return {
      label,
      result,
      wall,
      events: s1.accepted - s0.accepted,
      calls: s1.apexCalls - s0.apexCalls,
      cpu: {
        relay: cpuShare(cpu0.relay, cpu1.relay, wall),
        salesforce: cpuShare(cpu0.sf, cpu1.sf, wall),
        loadGenerator: cpuShare(0, (cpu1.self.user + cpu1.self.system) / 1e6, wall)
      },
      relayCpuPerRequest: cpuPerRequest(cpu0.relay, cpu1.relay, result)
    };
  };

  await setLatency(0);
  const b = await relayRun(
    `(b) relay, Salesforce answering at once, ${CPU_CONNECTIONS} connections`,
    CPU_CONNECTIONS
  );
  let c: RelayRun | undefined;
  if (LATENCY_MS > 0) {
    await setLatency(LATENCY_MS);
    c = await relayRun(
      `(c) relay, Salesforce round trip ${LATENCY_MS} ms, ${CONNECTIONS} senders`,
      CONNECTIONS
    );
  }

  console.table([
    summarise('(a) bare Hono', a),
    summarise('(b) relay, latency 0', b.result, b.events, b.wall),
    ...(c ? [summarise(`(c) relay, latency ${LATENCY_MS} ms`, c.result, c.events, c.wall)] : [])
  ]);

  const missed: string[] = [];
  const check = (ok: boolean, what: string) => {
    console.log(`  ${ok ? 'ok    ' : 'MISSED'} ${what}`);
    if (!ok) missed.push(what);
  };
  const per1000 = (run: RelayRun) => (run.calls / Math.max(1, run.events)) * 1000;
  const ratio = b.result.requests.average / a.requests.average;
  console.log('targets:');
  check(ratio >= TARGETS.ratio, `(b) ratio to bare Hono ${ratio.toFixed(2)} >= ${TARGETS.ratio}`);
  check(b.result.latency.p99 <= TARGETS.p99Ms, `(b) p99 ${b.result.latency.p99} ms <= ${TARGETS.p99Ms} ms`);
  if (c) {
    const ceiling = CONNECTIONS / (LATENCY_MS / 1000);
    const accepted = c.events / c.wall;
    const total = answeredOf(c.result);
    const share = total === 0 ? 1 : status503(c.result) / total;
    check(
      accepted >= TARGETS.acceptedShare * ceiling,
      `(c) accepted ${Math.round(accepted)} events/s >= ${TARGETS.acceptedShare} × ${CONNECTIONS} senders ÷ ` +
        `${LATENCY_MS} ms = ${Math.round(TARGETS.acceptedShare * ceiling)}/s (${((accepted / ceiling) * 100).toFixed(0)}% of the ceiling)`
    );
    check(
      share <= TARGETS.share503,
      `(c) 503 share ${(share * 100).toFixed(2)}% <= ${TARGETS.share503 * 100}%`
    );
    check(
      per1000(c) <= TARGETS.callsPer1000,
      `(c) ${per1000(c).toFixed(1)} Salesforce calls per 1,000 events (average batch ` +
        `${(c.events / Math.max(1, c.calls)).toFixed(0)}) <= ${TARGETS.callsPer1000}`
    );
  }
  console.log(
    `(b) ${per1000(b).toFixed(1)} Salesforce calls per 1,000 events (average batch ${(b.events / Math.max(1, b.calls)).toFixed(0)}); ` +
      `p50 ${b.result.latency.p50} ms`
  );
  if (c) console.log(`(c) p50 ${c.result.latency.p50} ms, p99 ${c.result.latency.p99} ms`);
  console.log(`CPU (one core = 100%): bare Hono ${bareCpu} during (a)`);
  for (const run of [b, ...(c ? [c] : [])]) {
    console.log(
      `  during ${run.label.slice(0, 3)}: relay ${run.cpu.relay}, Salesforce stand-in ${run.cpu.salesforce}, ` +
        `load generator ${run.cpu.loadGenerator}`
    );
  }
  const micros = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(0)} µs`);
  console.log(
    `CPU per answered request: bare Hono ${micros(bareCpuPerRequest)} in (a), relay ${micros(b.relayCpuPerRequest)} in (b)` +
      (bareCpuPerRequest !== undefined && b.relayCpuPerRequest !== undefined
        ? ` (${(b.relayCpuPerRequest / bareCpuPerRequest).toFixed(1)}× the bare endpoint's)`
        : '')
  );
  for (const run of [b, ...(c ? [c] : [])]) {
    const errors = run.result.errors + run.result.timeouts;
    if (errors > 0)
      console.log(`warning: ${run.label.slice(0, 3)} had ${errors} connection errors or timeouts`);
  }
  // Why any event was not stored (503s), as the relay counted it, over the whole benchmark.
  const metricsText = await (await fetch(`${relayUrl}/metrics`)).text();
  for (const m of metricsText.matchAll(
    /^relay_events_total\{outcome="failed",reason="([a-z_]+)"\} (\d+)$/gm
  )) {
    console.log(`relay answered 503 for ${m[2]} event(s): ${m[1]}`);
  }
  console.log(missed.length === 0 ? 'all targets met' : `${missed.length} target(s) missed; exit code 1`);
  if (missed.length > 0) process.exitCode = 1;
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
