// Answers a GET or HEAD with a prepared body (prepared-body.ts): the variant the client
// accepts, 304 when its validators match, else the bytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chooseEncoding, isNotModified } from './negotiate.js';
import type { PreparedBody } from './prepared-body.js';

export function sendPrepared(req: IncomingMessage, res: ServerResponse, body: PreparedBody): 200 | 304 {
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const variant = body.variants[encoding];
  if (isNotModified(req.headers, body, encoding)) {
    res.writeHead(304, variant.headers304);
    res.end();
    return 304;
  }
  res.writeHead(200, variant.headers200);
  res.end(req.method === 'HEAD' ? undefined : variant.bytes);
  return 200;
}
