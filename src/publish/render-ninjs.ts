// IPTC ninjs 3.1 ("News in JSON", https://iptc.org/std/ninjs/): a feed as an array of
// ninjs items, and one story as one item. Property names are the 3.1 schema's
// (../shared/specs/ninjs/ninjs-schema_3.1.json, which allows no others at the top level);
// what ninjs has no field for is said within its fields and named by our `profile`:
// the wirefeed story id and URL in altIds, the source in infoSources, the correction
// line as a description, the kill reason as the edNote.
import type { Credit, Story } from '../story.js';
import type { FeedItem, FeedModel } from './feed-model.js';
import { xmlClean } from './xml-writer.js';

export const NINJS_SCHEMA = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#';
/** Documents what our items carry beyond core ninjs (altIds roles, descriptions roles, infoSources). */
export const WIREFEED_NINJS_PROFILE = 'https://github.com/wirefeed/wirefeed#ninjs-profile';

export type PubStatus = 'usable' | 'withheld' | 'canceled';

export interface NinjsOptions {
  /** Withdrawn: the item is canceled, with the reason as its edNote and no body. */
  withdrawn?: { at: Date; reason: string };
  /** When the item is rendered for (only a single story's view knows): an embargo still to come makes it withheld. */
  at?: Date;
}

/** A feed: its items (usable) and its withdrawn stories (canceled), newest first as listed. */
export function renderNinjs(feed: FeedModel): string {
  const items = [...feed.items.map((i) => ninjsItem(i)), ...(feed.withdrawn ?? []).map((w) => ninjsItem(w.item, { withdrawn: w }))];
  return serialize(items);
}

export function renderNinjsItem(item: FeedItem, options: NinjsOptions = {}): string {
  return serialize(ninjsItem(item, options));
}

function serialize(doc: unknown): string {
  // Control characters are dropped as in the XML formats, so every format carries the same text.
  return `${JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'string' ? xmlClean(value) : value), 2)}\n`;
}

export function ninjsItem(item: FeedItem, options: NinjsOptions = {}): Record<string, unknown> {
  const story = item.story;
  const withdrawn = options.withdrawn ?? (story?.withdrawn ? { at: new Date(story.withdrawn.at ?? item.updated), reason: story.withdrawn.reason } : undefined);
  const embargoUntil = story?.embargoUntil;
  const pubStatus: PubStatus = withdrawn ? 'canceled' : embargoUntil && options.at && Date.parse(embargoUntil) > options.at.getTime() ? 'withheld' : 'usable';
  const text = story?.body.text;
  const html = item.contentHtml ?? story?.body.html;
  const people = item.credits.filter((c) => c.role !== 'agency');
  const agencies = [...new Set([...item.credits.filter((c) => c.role === 'agency').map((c) => c.name), ...(item.dateline?.agency ? [item.dateline.agency] : [])])];
  return compact({
    uri: item.id,
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA },
    profile: WIREFEED_NINJS_PROFILE,
    type: 'text',
    // A canceled item carries no content (it must not be shown), and a summary-only feed only a description.
    representationType: withdrawn || html === undefined ? 'partial' : 'full',
    firstCreated: (item.publishedSource === 'story' ? item.published : (item.firstSeen ?? item.published)).toISOString(),
    versionCreated: (withdrawn?.at ?? item.updated).toISOString(),
    contentCreated: item.published.toISOString(),
    embargoedUntil: embargoUntil,
    pubStatus,
    edNote: withdrawn ? `Withdrawn: ${withdrawn.reason}` : undefined,
    language: item.language ?? undefined,
    headlines: [{ role: 'main', contentType: 'text/plain', value: item.title }],
    descriptions: [
      item.summary ? { role: 'summary', contentType: 'text/plain', value: item.summary } : null,
      story?.correction ? { role: 'correction', contentType: 'text/plain', value: story.correction } : null,
    ],
    bodies: withdrawn
      ? []
      : [
          html ? { role: 'main', contentType: 'text/html', value: html } : null,
          text ? { role: 'main', contentType: 'text/plain', charCount: [...text].length, wordCount: words(text), value: text } : null,
        ],
    by: story?.byline ?? (item.authors.length ? item.authors.join(', ') : undefined),
    people: people.map((c) => ({ name: c.name, rel: c.role })),
    organisations: agencies.map((name) => ({ name, rel: 'agency' })),
    located: item.dateline ? located(item.dateline) : undefined,
    places: item.dateline?.place ? [{ name: item.dateline.place, rel: 'located' }] : [],
    subjects: item.categories.map((name) => ({ name, rel: 'category' })),
    associations: withdrawn ? [] : item.images.map((img, i) => picture(item.id, i, img, item.credits)),
    altIds: [story ? { role: 'wirefeed-id', value: story.id } : null, { role: 'url', value: item.link }],
    infoSources: story ? [{ role: 'source', literal: story.sourceId }] : [],
  });
}

function located(d: NonNullable<FeedItem['dateline']>): string {
  const parts = [d.place, d.region, d.country].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : d.text;
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** An image as an associated picture item: caption as its description, credit as its by line and photographer. */
function picture(itemUri: string, index: number, img: Story['images'][number], credits: readonly Credit[]): Record<string, unknown> {
  const photographer = img.credit ? credits.find((c) => c.role === 'photographer' && img.credit!.includes(c.name)) : undefined;
  return compact({
    name: `picture${index + 1}`,
    rel: 'picture',
    uri: `${itemUri}/picture/${index + 1}`,
    type: 'picture',
    descriptions: [img.caption ? { role: 'caption', contentType: 'text/plain', value: img.caption } : null],
    by: img.credit ?? undefined,
    people: photographer ? [{ name: photographer.name, rel: 'photographer' }] : [],
    renditions: img.url ? [{ name: 'original', href: img.url }] : [],
  });
}

/** Leaves out what is empty: undefined and null values, empty arrays, and null array members. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const value = Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined) : v;
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    out[k] = value;
  }
  return out;
}
