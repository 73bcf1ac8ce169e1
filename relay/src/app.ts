import { Hono } from 'hono';

/** Builds the relay's HTTP routes; kept apart from server.ts so tests can call `app.request()`. */
export function createApp(): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return app;
}
