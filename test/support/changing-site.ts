// A news site on loopback that a test changes under a running source: each `publish`
// lists fresh article URLs (a source skips the ones it has seen), served as `mode` says.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { articlePage, paragraphs } from './article-page.js';
import { reply, startServer, type LocalServer } from './local-server.js';

export type SiteMode = 'ok' | 'no-bodies' | 'no-dates' | 'forbidden' | 'challenge' | 'slow' | 'down' | 'empty';

export const CHALLENGE_PAGE = `<!doctype html><html><head><title>Just a moment...</title></head>
<body><div id="cf-challenge-running">Checking your browser before accessing the site.</div></body></html>`;

export interface ChangingSite {
  server: LocalServer;
  /** The listing page a source reads. */
  url: string;
  /** Lists `count` new articles, served as `mode` says from now on. */
  publish(mode: SiteMode, count?: number): void;
  close(): Promise<void>;
}

export async function changingSite(): Promise<ChangingSite> {
  let mode: SiteMode = 'ok';
  let edition = 0;
  let count = 3;
  const held: ServerResponse[] = [];
  const links = () => Array.from({ length: count }, (_, i) => `/news/${edition}-${i + 1}`);
  const listing = (req: IncomingMessage, res: ServerResponse) => {
    if (mode === 'forbidden') return void res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden</h1>');
    if (mode === 'challenge') return void res.writeHead(200, { 'content-type': 'text/html' }).end(CHALLENGE_PAGE);
    if (mode === 'slow') return void held.push(res); // answered never: the client's timeout ends it
    if (mode === 'down') return void req.socket.destroy();
    const items = mode === 'empty' ? '<p>No stories today.</p>' : links().map((href, i) => `<li><h2><a href="${href}">Story ${edition}-${i + 1} in the news today</a></h2></li>`).join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><title>News</title></head><body><main><ul>${items}</ul></main></body></html>`);
  };
  const article = (req: IncomingMessage, res: ServerResponse) => {
    const name = (req.url ?? '').split('/').pop() ?? '';
    const title = `Story ${name} in the news today`;
    const html =
      mode === 'no-bodies'
        ? `<!doctype html><html><head><title>${title}</title></head><body><div id="app"></div><script src="/app.js"></script></body></html>`
        : articlePage({ title, published: mode === 'no-dates' ? undefined : '2026-03-05T07:00:00Z', byline: 'Ada Reporter', paragraphs: paragraphs(`Story ${name}`) });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  };
  const server = await startServer({ '/robots.txt': reply('', {}, 404), '/news/': listing, '*': article });
  return {
    server,
    url: `${server.origin}/news/`,
    publish(next, n = 3) {
      mode = next;
      count = n;
      edition += 1;
    },
    async close() {
      for (const res of held) res.destroy();
      await server.close();
    },
  };
}
