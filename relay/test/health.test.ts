import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../src/app.js';

test('GET /healthz answers 200 with status ok', async () => {
  const res = await createApp().request('/healthz');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('an unknown route answers 404', async () => {
  const res = await createApp().request('/nope');
  assert.equal(res.status, 404);
});
