import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { describe, test } from 'node:test';
import { KeepAliveTransport } from '../src/http-transport.js';
import { LoopbackServer } from './support/loopback-server.js';

/**
 * A server that answers the first request on each connection and drops the connection, unanswered,
 * when a second request arrives on it: what a client sees when it reuses a kept-alive socket the
 * server has just closed for idleness.
 */
class ClosesReusedSockets extends LoopbackServer {
  connections = 0;
  requests = 0;
  private readonly served = new WeakSet<Socket>();
  constructor() {
    super((req, res) => {
      this.requests++;
      const socket = req.socket;
      if (this.served.has(socket)) {
        socket.destroy();
        return;
      }
      this.served.add(socket);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive' });
        res.end('{"ok":true}');
      });
    });
    this.server.on('connection', () => this.connections++);
  }
}

const post = (url: string) => ({
  url: `${url}/services/apexrest/stripe/v1/events`,
  method: 'POST',
  body: '{}'
});

describe('KeepAliveTransport', () => {
  test('a reused keep-alive socket the server closed is retried once on a fresh socket', async () => {
    const server = await new ClosesReusedSockets().start();
    const transport = new KeepAliveTransport(2000, 1);
    try {
      assert.equal((await transport.httpRequest(post(server.url))).statusCode, 200);
      // The same (only) socket is reused, dropped by the server, and the request sent again.
      assert.equal((await transport.httpRequest(post(server.url))).statusCode, 200);
      assert.equal(server.connections, 2);
      assert.equal(server.requests, 3);
    } finally {
      transport.close();
      await server.close();
    }
  });

  test('a fresh socket that fails is not retried: the error reaches the caller', async () => {
    const server = await new (class extends LoopbackServer {
      requests = 0;
      constructor() {
        super((req) => {
          this.requests++;
          req.socket.destroy();
        });
      }
    })().start();
    const transport = new KeepAliveTransport(2000, 1);
    try {
      await assert.rejects(transport.httpRequest(post(server.url)), { code: 'ECONNRESET' });
      assert.equal(server.requests, 1);
    } finally {
      transport.close();
      await server.close();
    }
  });
});
