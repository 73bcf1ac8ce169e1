import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'unreadable' };

/**
 * Reads the raw request body, refusing more than `limit` bytes without buffering them: a declared
 * Content-Length over the limit is refused before reading, a chunked body is counted as it streams in.
 * On @hono/node-server the Node request is read directly (one copy less than the adapter's
 * ArrayBuffer); elsewhere (app.request() in tests) the web stream is.
 */
export async function readRawBody(c: Context, limit: number): Promise<BodyResult> {
  const contentLength = c.req.header('content-length');
  if (contentLength !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (!/^\d+$/.test(contentLength)) return { ok: false, reason: 'unreadable' };
    if (Number(contentLength) > limit) return { ok: false, reason: 'too_large' };
  }
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (incoming instanceof IncomingMessage) return readIncoming(incoming, limit);
  return readWebStream(c.req.raw.body, limit);
}

function readIncoming(incoming: IncomingMessage, limit: number): Promise<BodyResult> {
  if (incoming.readableEnded) return Promise.resolve({ ok: false, reason: 'unreadable' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onFail).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // Stop buffering at once; the adapter discards whatever is still on the wire.
      if (size > limit) finish({ ok: false, reason: 'too_large' });
      else chunks.push(chunk);
    };
    const onEnd = () =>
      finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    // The client went away or sent a broken body; nobody will read our answer anyway.
    const onFail = () => finish({ ok: false, reason: 'unreadable' });
    const onClose = () => {
      if (!incoming.readableEnded) onFail();
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onFail).on('close', onClose);
  });
}

async function readWebStream(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyResult> {
  if (stream === null) return { ok: true, body: Buffer.alloc(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
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
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  return { ok: true, body: Buffer.concat(chunks, size) };
}
