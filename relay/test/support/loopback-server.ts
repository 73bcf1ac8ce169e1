import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP stand-in on 127.0.0.1 with an ephemeral port: start, read `url`, close. */
export abstract class LoopbackServer {
  url = '';
  protected readonly server: Server;

  protected constructor(listener: RequestListener) {
    this.server = createServer(listener);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Closes keep-alive sockets too, so a test's process can exit at once. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
