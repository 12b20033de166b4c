// Length caps on every Story text field: the body has its own (MAX_STORY_CHARS, refused),
// the rest are cut here, once, as the last step of normalizeStory, which every input
// path (pages, feed items, story files, pushed Story JSON) goes through. A hostile page or
// push can then not make a feed, a page or a store row carry megabytes of title, caption
// or categories. Defaults are generous for real news (SECURITY.md lists them).
import type { Credit, Dateline, RawStory, Story, StoryImage } from '../story.js';
import { paragraphsToHtml } from './html-text.js';

/** Characters (UTF-16 code units) per field, items per list. */
export const FIELD_LIMITS = {
  title: 1_000,
  summary: 2_000,
  byline: 1_000,
  /** Dateline text as printed. */
  datelineText: 300,
  /** Dateline place, region, country, agency, date. */
  datelinePart: 200,
  credits: 100,
  creditName: 300,
  images: 100,
  caption: 5_000,
  imageCredit: 1_000,
  categories: 200,
  category: 200,
  /** Story link and http(s) image URLs: a longer one is dropped (a cut URL is a wrong one). */
  url: 8_192,
  /** An inline `data:image/` raster: about 190 KB of image. */
  dataImageUrl: 262_144,
  /** BCP 47 tags are at most 35 characters in practice (RFC 5646 §4.4.1); longer is dropped. */
  language: 35,
  /** body.html over this becomes paragraphs of body.text (itself at most MAX_STORY_CHARS). */
  bodyHtml: 4_000_000,
} as const;

export type FieldLimits = typeof FIELD_LIMITS;

/**
 * What an extractor handed over, bounded before any parsing reads it (byline and name
 * parsing cost grows with length): lists cut to their caps, text to a few times its cap,
 * so that whitespace the normalizer collapses still leaves the whole field.
 */
export function boundRawStory(raw: RawStory, limits: FieldLimits = FIELD_LIMITS): RawStory {
  const room = (s: string | null | undefined, max: number) => (s && s.length > 4 * max ? s.slice(0, 4 * max) : s);
  return {
    ...raw,
    title: room(raw.title, limits.title),
    byline: room(raw.byline, limits.byline),
    summary: room(raw.summary, limits.summary),
    dateline: raw.dateline && { ...raw.dateline, text: room(raw.dateline.text, limits.datelineText)! },
    credits: raw.credits?.slice(0, limits.credits).map((c) => ({ name: room(c.name, limits.creditName)!, role: c.role })),
    images: raw.images?.slice(0, limits.images).map((i) => ({ url: i.url, caption: room(i.caption, limits.caption) ?? null, credit: room(i.credit, limits.imageCredit) ?? null })),
    categories: raw.categories?.slice(0, limits.categories).map((c) => room(c, limits.category)!),
  };
}

/** `story` with every field within `limits`: text cut with an ellipsis, lists cut, overlong URLs and tags dropped. */
export function limitStoryFields(story: Story, limits: FieldLimits = FIELD_LIMITS): Story {
  return {
    ...story,
    url: story.url && story.url.length > limits.url ? null : story.url,
    title: cut(story.title, limits.title),
    dateline: story.dateline && limitDateline(story.dateline, limits),
    byline: story.byline && cut(story.byline, limits.byline),
    credits: story.credits.slice(0, limits.credits).map((c): Credit => ({ name: cut(c.name, limits.creditName), role: c.role })),
    images: story.images.slice(0, limits.images).map((i) => limitImage(i, limits)),
    summary: cut(story.summary, limits.summary),
    body: story.body.html.length > limits.bodyHtml ? { text: story.body.text, html: paragraphsToHtml(story.body.text.split('\n\n')) } : story.body,
    categories: story.categories.slice(0, limits.categories).map((c) => cut(c, limits.category)),
    language: story.language && story.language.length > limits.language ? null : story.language,
  };
}

function limitDateline(d: Dateline, limits: FieldLimits): Dateline {
  const part = (s: string | null) => s && cut(s, limits.datelinePart);
  return { text: cut(d.text, limits.datelineText), place: part(d.place), region: part(d.region), country: part(d.country), agency: part(d.agency), date: part(d.date) };
}

function limitImage(image: StoryImage, limits: FieldLimits): StoryImage {
  const max = image.url?.startsWith('data:') ? limits.dataImageUrl : limits.url;
  return {
    url: image.url && image.url.length > max ? null : image.url,
    caption: image.caption && cut(image.caption, limits.caption),
    credit: image.credit && cut(image.credit, limits.imageCredit),
  };
}

/** At most `max` code units, ending in an ellipsis when cut; never splits a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
