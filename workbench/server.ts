/**
 * `npm run workbench`: builds the bundle (cached) and serves one page per component on 127.0.0.1,
 * with the Apex stand-in at `POST /apex/<Class.method>` and the SLDS styles from the npm package.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callApex, scenarioOf } from './apex-stand-in.js';
import { build, lwcDir, outDir, root } from './build.js';

const SLDS_ASSETS = path.join(root, 'node_modules/@salesforce-ux/design-system/assets');
const PAGES = ['checkoutLinkBuilder', 'subscriptionConsole', 'customerBillingPanel', 'stripeEventMonitor'];

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png'
};

const PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Stripe Billing workbench</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css" />
  </head>
  <body>
    <div id="workbench"></div>
    <script type="module" src="/app.js"></script>
  </body>
</html>
`;

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function serveFile(res: http.ServerResponse, base: string, relative: string): void {
  const file = path.resolve(base, '.' + path.posix.normalize('/' + relative));
  if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    send(res, 404, 'text/plain', 'not found');
    return;
  }
  send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Contacts the stand-in record picker lists: the account catalogue fixture's contacts. */
function records(objectApiName: string): unknown[] {
  if (objectApiName !== 'Contact') return [];
  const catalog = JSON.parse(
    fs.readFileSync(path.join(lwcDir, 'checkoutLinkBuilder/__tests__/data/catalogAccount.json'), 'utf8')
  ) as { contacts: unknown[] };
  return catalog.contacts;
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://workbench.local');
  const pathname = decodeURIComponent(url.pathname);
  if (req.method === 'POST' && pathname.startsWith('/apex/')) {
    const method = pathname.slice('/apex/'.length);
    const params = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const answer = callApex(method, params, scenarioOf(url.searchParams));
    if ('pending' in answer) return; // the loading state: the call never answers
    send(res, 200, 'application/json', JSON.stringify(answer));
    return;
  }
  if (pathname.startsWith('/records/')) {
    send(res, 200, 'application/json', JSON.stringify(records(pathname.slice('/records/'.length))));
    return;
  }
  if (pathname === '/app.js') {
    // Revalidated by ETag, so a browser keeps its compiled copy between pages until a rebuild.
    const etag = `"${fs.statSync(path.join(outDir, 'app.js')).mtimeMs}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': 'no-cache' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES['.js'] ?? '', etag, 'cache-control': 'no-cache' });
    res.end(fs.readFileSync(path.join(outDir, 'app.js')));
    return;
  }
  if (pathname.startsWith('/assets/')) return serveFile(res, SLDS_ASSETS, pathname.slice('/assets/'.length));
  if (pathname === '/' || PAGES.includes(pathname.slice(1)))
    return send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
  send(res, 404, 'text/plain', 'not found');
}

export interface Workbench {
  url: string;
  close: () => Promise<void>;
}

/** Builds if needed and starts the server; port 0 picks a free one. */
export async function startWorkbench(
  options: { port?: number; log?: (line: string) => void } = {}
): Promise<Workbench> {
  await build({ log: options.log ?? (() => undefined) });
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('workbench:', error);
      if (!res.headersSent) send(res, 500, 'text/plain', String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const workbench = await startWorkbench({
    port: Number(process.env.WORKBENCH_PORT ?? 4173),
    log: console.log
  });
  console.log(`workbench: ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  for (const page of PAGES) console.log(`  ${workbench.url}/${page}`);
  console.log(`workbench: open ${workbench.url}/ (Ctrl+C to stop)`);
}
