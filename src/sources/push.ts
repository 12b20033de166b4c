// The push source: stories POSTed to /api/sources/:id/stories (the HTTP side is
// server/push-routes.ts, the body's stories normalize/push-body.ts). Nothing to schedule.
import { z } from 'zod';
import { sourceFields } from '../config/schema.js';
import { AppError } from '../errors.js';
import type { PushBodyKind } from '../normalize/push-body.js';
import type { SourceAdapter } from './source-adapter.js';

const schema = z.strictObject({
  ...sourceFields,
  type: z.literal('push'),
  token: z.string().min(16, 'must be at least 16 characters'),
  /** Largest request body accepted (413 above it). */
  maxBytes: z.number().int().positive().default(5 * 1024 * 1024),
});
export type PushSource = z.infer<typeof schema>;

export const pushSource: SourceAdapter<typeof schema> = {
  schema,
  scheduled: false,
  async *collect() {},
};

const MEDIA_TYPES: Record<string, PushBodyKind> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'text/plain': 'text',
  'application/xml': 'nitf',
  'text/xml': 'nitf',
  'application/nitf+xml': 'nitf',
  'application/vnd.iptc.nitf+xml': 'nitf',
};

/** The kind of body a Content-Type announces; 415 for anything else. */
export function pushBodyKind(contentType: string | undefined): PushBodyKind {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const kind = MEDIA_TYPES[media];
  if (!kind) {
    throw new AppError('MEDIA_UNSUPPORTED', `unsupported Content-Type "${media}": send ${Object.keys(MEDIA_TYPES).join(', ')}`);
  }
  return kind;
}
