// A real HTTP server on 127.0.0.1 for tests that fetch: routes are plain handlers,
// and every request is recorded (path, headers, arrival time).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  requests: SeenRequest[];
  /** Requests seen for one path. */
  hits(path: string): SeenRequest[];
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler> = {}): Promise<LocalServer> {
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers, at: Date.now() });
    const handler = table.get(path) ?? table.get(path.split('?')[0] ?? path) ?? table.get('*');
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    route: (path, handler) => void table.set(path, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler answering with a fixed status, headers and body. */
export function reply(body: string | Buffer, headers: Record<string, string | number> = {}, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
  };
}

/**
 * Serves a folder as a site (the fixture news site). Pages carry a strong ETag and
 * answer If-None-Match with 304. No charset is sent: pages declare their own.
 */
export function serveDir(root: string): Handler {
  const types: Record<string, string> = { '.html': 'text/html', '.txt': 'text/plain', '.xml': 'application/xml' };
  return (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    const body = readFileSync(file);
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', etag }).end(body);
  };
}
