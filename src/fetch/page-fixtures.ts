// Saved pages: `wirefeed run ID --record DIR` keeps every response a run fetched, and
// `wirefeed test --fixtures DIR` answers a run from them instead of the network, so that
// an operator can keep a regression test of each source in their own CI. A folder holds
// pages.json (what was asked, where it ended, status, type) and one body file per page.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { buildFetchResult } from './fetch-result.js';
import type { HttpClient } from './http-client.js';

interface SavedPage {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  /** The body's file, relative to the folder. */
  file: string;
}

const INDEX = 'pages.json';

/** `inner` with every answer also written to `dir` (bodies as fetched, before decoding). */
export function recordingHttp(inner: HttpClient, dir: string): HttpClient {
  mkdirSync(path.join(dir, 'pages'), { recursive: true });
  const indexFile = path.join(dir, INDEX);
  const pages = new Map<string, SavedPage>((existsSync(indexFile) ? (JSON.parse(readFileSync(indexFile, 'utf8')) as SavedPage[]) : []).map((p) => [p.url, p]));
  return {
    async get(url, options) {
      const res = await inner.get(url, { ...options, conditional: false });
      const file = `pages/${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
      writeFileSync(path.join(dir, file), res.body);
      pages.set(url, { url, finalUrl: res.url, status: res.status, contentType: res.contentType, file });
      writeFileSync(indexFile, `${JSON.stringify([...pages.values()], null, 2)}\n`);
      return res;
    },
    close: () => inner.close(),
  };
}

/** Answers from a recorded folder; a URL it does not hold fails like a 404. */
export function fixtureHttp(dir: string, clock: Clock): HttpClient {
  const indexFile = path.join(dir, INDEX);
  if (!existsSync(indexFile)) throw new AppError('INPUT_INVALID', `${dir}: no ${INDEX} (record one with wirefeed run ID --record DIR)`);
  const pages = new Map((JSON.parse(readFileSync(indexFile, 'utf8')) as SavedPage[]).map((p) => [p.url, p]));
  return {
    async get(url, options = {}) {
      const page = pages.get(url);
      if (!page) throw new AppError('FETCH_REJECTED', `${url}: HTTP 404 (not in the fixtures)`);
      const body = readFileSync(path.join(dir, page.file));
      const headers: Record<string, string> = page.contentType ? { 'content-type': page.contentType } : {};
      const response = { status: page.status, headers, body };
      return buildFetchResult({ requested: url, final: new URL(page.finalUrl), response, stored: null, sourceId: options.source?.id ?? null }, { clock });
    },
    close: async () => {},
  };
}
