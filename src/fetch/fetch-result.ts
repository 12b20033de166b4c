// What a fetch hands back to a source, and the conditional-GET bookkeeping that goes with
// it: a 304 keeps the stored validators, and none are saved until the source says so.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { decodeBody } from './decode-body.js';
import type { RawResponse } from './fetch-failure.js';
import type { Validators, ValidatorStore } from './validators.js';

export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /**
   * Nothing new to process: a 304, or (on a conditional fetch) a 200 whose body is
   * byte-identical to the one last committed, from an upstream that sends no validators
   * or changes them on every response. `text` is then ''.
   */
  notModified: boolean;
  contentType: string | null;
  headers: Record<string, string>;
  body: Buffer;
  /** Decoded with the charset from BOM, header or meta; '' for a 304. */
  text: string;
  charset: string | null;
  /** ETag / Last-Modified of this response (of the stored ones after a 304). */
  validators: Pick<Validators, 'etag' | 'lastModified'> | null;
  /**
   * Records this fetch for the source (validators for the next conditional GET, and the
   * URL as known): call once the content is safely processed, so a crash refetches it.
   */
  commitValidators(): Promise<void>;
}

export interface FetchedResponse {
  /** The URL the caller asked for: validators are kept under it, not under a redirect target. */
  requested: string;
  final: URL;
  response: RawResponse;
  /** The validators sent with the request, if any. */
  stored: Validators | null;
  sourceId: string | null;
}

export interface ValidatorRecorder {
  validators?: ValidatorStore;
  clock: Clock;
}

export function buildFetchResult(fetched: FetchedResponse, recorder: ValidatorRecorder): FetchResult {
  const { response: res, stored, sourceId } = fetched;
  const is304 = res.status === 304;
  const bodyHash = is304 ? stored?.bodyHash ?? null : res.bodyHash ?? createHash('sha256').update(res.body).digest('base64url');
  const notModified = is304 || (stored?.bodyHash != null && stored.bodyHash === bodyHash);
  const contentType = res.headers['content-type'] ?? null;
  const decoded = notModified ? null : decodeBody(res.body, contentType ?? undefined);
  const etag = is304 ? stored?.etag ?? null : res.headers.etag ?? null;
  const lastModified = is304 ? stored?.lastModified ?? null : res.headers['last-modified'] ?? null;
  return {
    url: fetched.final.href,
    status: res.status,
    notModified,
    contentType,
    headers: res.headers,
    body: res.body,
    text: decoded?.text ?? '',
    charset: decoded?.charset ?? null,
    validators: etag || lastModified ? { etag, lastModified } : null,
    commitValidators: async () => {
      if (sourceId === null) return;
      const checkedAt = recorder.clock.now().toISOString();
      await recorder.validators?.saveValidators(sourceId, fetched.requested, { etag, lastModified, checkedAt, bodyHash });
    },
  };
}
