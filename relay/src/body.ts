import type { Context } from 'hono';

export type BodyResult = { ok: true; body: Uint8Array } | { ok: false; reason: 'too_large' | 'unreadable' };

/**
 * Reads the raw request body, refusing more than `limit` bytes without buffering them. With a
 * Content-Length (what Stripe sends) the size is known up front and the adapter's fast path reads it;
 * a chunked body is counted as it streams in.
 */
export async function readRawBody(c: Context, limit: number): Promise<BodyResult> {
  const contentLength = c.req.header('content-length');
  try {
    if (contentLength !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(contentLength)) return { ok: false, reason: 'unreadable' };
      if (Number(contentLength) > limit) return { ok: false, reason: 'too_large' };
      return { ok: true, body: new Uint8Array(await c.req.arrayBuffer()) };
    }
    const stream = c.req.raw.body;
    if (stream === null) return { ok: true, body: new Uint8Array(0) };
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
    return { ok: true, body: Buffer.concat(chunks, size) };
  } catch {
    // The client went away or sent a broken body; nobody will read our answer anyway.
    return { ok: false, reason: 'unreadable' };
  }
}
