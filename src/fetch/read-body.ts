// Reads a response body while enforcing the size cap on both the wire bytes and the
// decompressed bytes (a small gzip can inflate to gigabytes).
import { createHash } from 'node:crypto';
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

/** Counts bytes through a stage and fails past `maxBytes`, or past `check` (the ratio). */
function cap(maxBytes: number, url: string, check?: (seen: number) => AppError | null): Transform & { seen(): number } {
  let seen = 0;
  const stage = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new AppError('FETCH_TOO_LARGE', `${url}: response larger than ${maxBytes} bytes`));
      done(check?.(seen) ?? null, chunk);
    },
  });
  return Object.assign(stage, { seen: () => seen });
}

/** Below this much output the ratio is not judged: small, very repetitive pages are fine. */
const RATIO_FLOOR = 1024 * 1024;

function isTimeout(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e.name === 'TimeoutError') return true;
  return false;
}

export interface ReadBodyOptions {
  contentEncoding?: string;
  maxBytes: number;
  /** Decompressed bytes per wire byte, at most (a zip bomb inflates by 1000x and more). */
  maxRatio?: number;
  url: string;
}

export interface ReadBody {
  bytes: Buffer;
  /** SHA-256 (base64url) of the bytes, hashed chunk by chunk as they came: a 10 MB body hashed at once held the event loop 20 ms. */
  sha256: string;
}

export async function readBody(body: Readable, options: ReadBodyOptions): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  const collect = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      chunks.push(chunk);
      hash.update(chunk);
      done();
    },
  });
  const unzip = decompressor(options.contentEncoding);
  const wire = cap(options.maxBytes, options.url);
  const stages: NodeJS.ReadWriteStream[] = [wire];
  const { maxRatio } = options;
  const ratio = (out: number) =>
    maxRatio !== undefined && out > RATIO_FLOOR && out > maxRatio * wire.seen()
      ? new AppError('FETCH_TOO_LARGE', `${options.url}: decompresses by more than ${maxRatio}x (${out} bytes from ${wire.seen()})`)
      : null;
  if (unzip) stages.push(unzip, cap(options.maxBytes, options.url, ratio));
  try {
    await pipeline([body, ...stages, collect]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The whole-request deadline (timeoutMs) fired mid-body: a slow-drip server.
    if (isTimeout(err)) throw new AppError('FETCH_TIMEOUT', `${options.url}: timed out reading the body`, { cause: err });
    throw new AppError('FETCH_FAILED', `${options.url}: cannot read body: ${(err as Error).message}`, { cause: err });
  }
  return { bytes: Buffer.concat(chunks), sha256: hash.digest('base64url') };
}
