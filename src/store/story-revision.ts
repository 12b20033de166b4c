// What storing a story changes: the one decision both stores make inside their write
// (new, updated, unchanged), the lifecycle rules (a kill sticks, a lifted embargo stays
// lifted) and what a new version changed. Pure: values in, values out.
import { createHash } from 'node:crypto';
import type { Story } from '../story.js';

export type UpsertResult = 'new' | 'updated' | 'unchanged';

/** The fields a version diff names, in the order the versions API lists them. */
export const VERSION_FIELDS = [
  'title',
  'dateline',
  'byline',
  'credits',
  'paragraphs',
  'summary',
  'images',
  'url',
  'published',
  'categories',
  'language',
  'embargoUntil',
  'withdrawn',
] as const;
export type VersionField = (typeof VERSION_FIELDS)[number];

/** Query parameters that say who sent a reader, never what the page is. */
const TRACKING = /^(?:utm_\w+|fbclid|gclid|dclid|gclsrc|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ocid|cmpid|icid|ncid|smid|spm)$/i;

/** A URL without its tracking parameters; anything that is no URL is left as it is. */
export function withoutTracking(url: string): string {
  if (!url.includes('?')) return url;
  try {
    const u = new URL(url);
    const drop = [...u.searchParams.keys()].filter((k) => TRACKING.test(k));
    if (drop.length === 0) return url;
    for (const k of drop) u.searchParams.delete(k);
    return u.toString();
  } catch {
    return url;
  }
}

const flat = (s: string | null | undefined): string | null => (s == null ? null : s.replace(/\s+/g, ' ').trim());
const URL_IN_MARKUP = /\b(href|src)="([^"]*)"/g;

/** The story as compared: whitespace collapsed, tracking parameters dropped; its own `updated` date is no content. */
function comparable(story: Story): Record<VersionField | 'html', unknown> {
  return {
    title: flat(story.title),
    dateline: story.dateline ? { ...story.dateline, text: flat(story.dateline.text) } : null,
    byline: flat(story.byline),
    credits: story.credits.map((c) => ({ name: flat(c.name), role: c.role })),
    paragraphs: paragraphsOf(story),
    summary: flat(story.summary),
    images: story.images.map((i) => ({ url: i.url && withoutTracking(i.url), caption: flat(i.caption), credit: flat(i.credit) })),
    url: story.url && withoutTracking(story.url),
    published: story.published,
    categories: story.categories.map(flat),
    language: story.language,
    embargoUntil: story.embargoUntil ?? null,
    withdrawn: story.withdrawn?.reason ?? null,
    html: flat(story.body.html.replace(URL_IN_MARKUP, (_m, attr: string, url: string) => `${attr}="${withoutTracking(url)}"`).replace(/>\s+</g, '><')),
  };
}

/** Body paragraphs, whitespace collapsed. */
export function paragraphsOf(story: Story): string[] {
  return story.body.text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * The content hash the stores keep per story: of what the source sent, normalized
 * (whitespace, tracking parameters and the story's own `updated` date are no change).
 */
export function storyContentHash(story: Story, _json?: string): string {
  return createHash('sha256').update(JSON.stringify(comparable(story))).digest('hex');
}

/** The fields in which `b` differs from `a` (empty: no real change). */
export function changedFields(a: Story, b: Story): VersionField[] {
  const ca = comparable(a);
  const cb = comparable(b);
  const changed = VERSION_FIELDS.filter((f) => JSON.stringify(ca[f]) !== JSON.stringify(cb[f]));
  // Markup alone (a link, emphasis) changed: the paragraphs are where it shows.
  if (changed.length === 0 && JSON.stringify(ca.html) !== JSON.stringify(cb.html)) return ['paragraphs'];
  return changed;
}

/** The stored row a write starts from. */
export interface StoredRevision {
  data: string;
  hash: string;
  /** The embargo column: when the story shows in feeds; null when it never was under one. */
  embargoUntil: string | null;
}

export type Revision =
  | { kind: 'unchanged' }
  /** A different hash but no real change (a re-sent story, or a hash of an older wirefeed): only the hash is written. */
  | { kind: 'rehash'; hash: string }
  | { kind: 'new' | 'updated'; story: Story; data: string; hash: string; embargoUntil: string | null; changes: VersionField[]; note: string | null };

/** The story to write, its JSON and its storyContentHash (made where the story was made, or just before the write). */
export interface IncomingStory {
  story: Story;
  data: string;
  hash: string;
}

/** What writing `incoming` at `at` (ISO) over `existing` does. */
export function reviseStory(existing: StoredRevision | undefined, given: IncomingStory, at: string): Revision {
  const { story: incoming, hash } = given;
  if (existing?.hash === hash) return { kind: 'unchanged' };
  const old = existing ? (JSON.parse(existing.data) as Story) : null;
  const merged = withLifecycle(old, incoming, at);
  const embargoUntil = embargoColumn(existing?.embargoUntil ?? null, existing !== undefined, merged.embargoUntil ?? null, at);
  // The stored story says what the column holds: readers of its JSON need no second source.
  const story = (merged.embargoUntil ?? null) === embargoUntil ? merged : withEmbargo(merged, embargoUntil);
  const data = story === incoming ? given.data : JSON.stringify(story);
  if (!old) return { kind: 'new', story, data, hash, embargoUntil, changes: [], note: null };
  const changes = changedFields(old, story);
  if (changes.length === 0) return { kind: 'rehash', hash };
  // A correction line kept from an earlier version is that version's note, not this one's.
  const note = story.correction && story.correction !== old.correction ? story.correction : null;
  return { kind: 'updated', story, data, hash, embargoUntil, changes, note };
}

/**
 * A kill sticks: a withdrawn story stays withdrawn (later content is kept, still
 * withdrawn), and a kill of a stored story keeps its content, marked. The first time a
 * story is held withdrawn is its withdrawal time.
 */
function withLifecycle(old: Story | null, incoming: Story, at: string): Story {
  if (old?.withdrawn) return { ...(incoming.withdrawn ? old : incoming), withdrawn: old.withdrawn };
  if (!incoming.withdrawn) return incoming;
  const withdrawn = { at, reason: incoming.withdrawn.reason };
  return old ? { ...old, withdrawn } : { ...incoming, withdrawn };
}

function withEmbargo(story: Story, embargoUntil: string | null): Story {
  const { embargoUntil: _dropped, ...rest } = story;
  return embargoUntil === null ? rest : { ...rest, embargoUntil };
}

/**
 * The embargo column: when a story held back shows in feeds. A story already shown is
 * never held back again (it is out), an embargo lifted early lifts now, and only a
 * story stored before its time gets one: the column is what feedState counts.
 */
function embargoColumn(current: string | null, stored: boolean, wanted: string | null, at: string): string | null {
  if (stored && (current === null || current <= at)) return current;
  if (current !== null) return wanted !== null && wanted > at ? wanted : at;
  return wanted !== null && wanted > at ? wanted : null;
}
