// Query parameters of a feed URL, with RSSHub's names where they exist. Parsed once and
// normalized, so that equivalent URLs share one render-cache entry and one ETag.
import { AppError } from '../errors.js';
import { FEED_FORMATS, isFeedFormat, type FeedFormat } from './formats.js';

export const FILTER_FIELDS = ['title', 'description', 'author', 'category'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** `filter=` alone means title or description, as in RSSHub. */
export interface QueryFilter {
  fields: readonly FilterField[];
  pattern: string;
}

export interface StoryCursor {
  sortDate: string;
  id?: string;
}

export interface FeedQuery {
  format?: FeedFormat;
  limit?: number;
  include: QueryFilter[];
  exclude: QueryFilter[];
  caseSensitive: boolean;
  /** filter_time: only stories from the last N seconds. */
  maxAgeSeconds?: number;
  /** summary=N: plain summaries of at most N characters instead of full content. */
  summaryLength?: number;
  before?: StoryCursor;
}

/** Hostile-input guard: patterns are short and few; matching is linear-time (see story-filter.ts). */
export const MAX_PATTERN_LENGTH = 256;
/** filter* parameters per request (non-empty ones): one of each of the ten names. */
export const MAX_FILTERS = 10;
/** Characters of all filter* patterns of a request together. */
export const MAX_FILTER_CHARS = 1024;
const MAX_SUMMARY = 10_000;

const FILTER_KEYS = new Set(['filter', 'filterout', ...FILTER_FIELDS.flatMap((f) => [`filter_${f}`, `filterout_${f}`])]);
const KNOWN = new Set(['format', 'limit', 'filter_case_sensitive', 'filter_time', 'summary', 'before', ...FILTER_KEYS]);

export function parseFeedQuery(params: URLSearchParams, maxLimit: number): FeedQuery {
  const query: FeedQuery = { include: [], exclude: [], caseSensitive: true };
  for (const [key, value] of params) {
    if (!KNOWN.has(key)) continue; // tracking parameters and the like do not split the cache
    if (key === 'format') query.format = parseFormat(value);
    else if (key === 'limit') query.limit = parseInteger(key, value, 1, maxLimit);
    else if (key === 'filter_time') query.maxAgeSeconds = parseInteger(key, value, 1, 10 * 365 * 86_400);
    else if (key === 'summary') query.summaryLength = parseInteger(key, value, 1, MAX_SUMMARY);
    else if (key === 'before') query.before = parseCursor(value);
    else if (key === 'filter_case_sensitive') query.caseSensitive = parseBoolean(key, value);
    else addFilter(query, key, value);
  }
  return query;
}

function addFilter(query: FeedQuery, key: string, pattern: string): void {
  if (pattern.length === 0) return;
  if (pattern.length > MAX_PATTERN_LENGTH) invalid(`${key}: pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  const filters = [...query.include, ...query.exclude];
  if (filters.length >= MAX_FILTERS) invalid(`${key}: more than ${MAX_FILTERS} filter parameters`);
  const chars = filters.reduce((n, f) => n + f.pattern.length, pattern.length);
  if (chars > MAX_FILTER_CHARS) invalid(`${key}: filter patterns longer than ${MAX_FILTER_CHARS} characters together`);
  const [kind, field] = key.split('_') as [string, FilterField | undefined];
  const fields: FilterField[] = field ? [field] : ['title', 'description'];
  (kind === 'filterout' ? query.exclude : query.include).push({ fields, pattern });
}

/** The canonical query string ("" or "?a=1&b=2"): cache key part and self-link suffix. */
export function canonicalQuery(query: FeedQuery, overrides: { before?: StoryCursor | null } = {}): string {
  const pairs: [string, string][] = [];
  const filterKey = (kind: string, f: QueryFilter) => (f.fields.length === 1 ? `${kind}_${f.fields[0]}` : kind);
  for (const f of query.include) pairs.push([filterKey('filter', f), f.pattern]);
  for (const f of query.exclude) pairs.push([filterKey('filterout', f), f.pattern]);
  if (!query.caseSensitive) pairs.push(['filter_case_sensitive', 'false']);
  if (query.maxAgeSeconds !== undefined) pairs.push(['filter_time', String(query.maxAgeSeconds)]);
  if (query.limit !== undefined) pairs.push(['limit', String(query.limit)]);
  if (query.summaryLength !== undefined) pairs.push(['summary', String(query.summaryLength)]);
  const before = overrides.before === undefined ? query.before : overrides.before;
  if (before) pairs.push(['before', formatCursor(before)]);
  pairs.sort((a, b) => (a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0])));
  return pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
}

/** Cursor text: the effective date, then "~" and the story id to break ties. */
export function formatCursor(cursor: StoryCursor): string {
  return cursor.id ? `${cursor.sortDate}~${cursor.id}` : cursor.sortDate;
}

function parseCursor(value: string): StoryCursor {
  const [date = '', id] = value.split('~');
  const ms = Date.parse(date);
  if (!/^\d{4}-\d\d-\d\d/.test(date) || Number.isNaN(ms)) invalid('before: expected an ISO date or a next-page cursor');
  if (id !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(id)) invalid('before: malformed cursor');
  return { sortDate: new Date(ms).toISOString(), id };
}

function parseFormat(value: string): FeedFormat {
  if (!isFeedFormat(value)) invalid(`format: expected one of ${FEED_FORMATS.join(', ')}`);
  return value;
}

function parseInteger(key: string, value: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value)) invalid(`${key}: expected a whole number`);
  const n = Number(value);
  if (n < min || n > max) invalid(`${key}: expected ${min} to ${max}`);
  return n;
}

function parseBoolean(key: string, value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return invalid(`${key}: expected true or false`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function invalid(message: string): never {
  throw new AppError('INPUT_INVALID', message);
}
