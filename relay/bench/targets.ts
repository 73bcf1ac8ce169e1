import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { SalesforceStandIn } from '../test/support/salesforce-standin.js';

/**
 * Benchmark targets, each run in a child process of its own so it does not share an event loop with
 * the load generator or the relay:
 *   bare        a bare Hono endpoint that reads the same POST and answers 200 (the baseline)
 *   salesforce  the Salesforce stand-in; answers each batch after the round trip it is told over IPC
 *               ({ delayMs }) and reports its counters ('stats')
 */
const mode = process.argv[2];

if (mode === 'bare') {
  const app = new Hono();
  app.post('/webhooks/stripe', async (c) => {
    await c.req.arrayBuffer();
    return c.json({ received: true }, 200);
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ ready: true, port: (server.address() as AddressInfo).port });
  });
} else if (mode === 'salesforce') {
  const clientSecret = process.env.BENCH_SF_CLIENT_SECRET ?? '';
  const standIn = await new SalesforceStandIn({
    clientId: 'bench-client',
    clientSecret,
    record: false,
    scanIds: true
  }).start();
  process.on('message', (message: unknown) => {
    if (message === 'stats') {
      process.send?.({ apexCalls: standIn.apexCalls, accepted: standIn.accepted.size });
    } else if (typeof message === 'object' && message !== null && 'delayMs' in message) {
      standIn.delayMs = Number(message.delayMs);
      process.send?.({ delayMs: standIn.delayMs });
    }
  });
  process.send?.({ ready: true, url: standIn.url });
} else {
  process.stderr.write('usage: targets.ts bare|salesforce\n');
  process.exit(2);
}
