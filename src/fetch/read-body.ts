// Reads a response body while enforcing the size cap on both the wire bytes and the
// decompressed bytes (a small gzip can inflate to gigabytes).
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError } from '../errors.js';

function decompressor(contentEncoding: string | undefined): Transform | null {
  switch ((contentEncoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      return createInflate();
    default:
      return null;
  }
}

function cap(maxBytes: number, url: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new AppError('FETCH_TOO_LARGE', `${url}: response larger than ${maxBytes} bytes`));
      done(null, chunk);
    },
  });
}

export async function readBody(body: Readable, options: { contentEncoding?: string; maxBytes: number; url: string }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const collect = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      chunks.push(chunk);
      done();
    },
  });
  const unzip = decompressor(options.contentEncoding);
  const stages: NodeJS.ReadWriteStream[] = [cap(options.maxBytes, options.url)];
  if (unzip) stages.push(unzip, cap(options.maxBytes, options.url));
  try {
    await pipeline([body, ...stages, collect]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('FETCH_FAILED', `${options.url}: cannot read body: ${(err as Error).message}`, { cause: err });
  }
  return Buffer.concat(chunks);
}
