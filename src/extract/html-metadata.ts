// Page metadata in one pass: JSON-LD, OpenGraph and other meta tags, microdata,
// <time datetime>, <link rel=canonical>, <html lang>. Visible bylines are html-byline.ts.
import type { Document, Element } from 'domhandler';
import { parsePageDate } from './html-date.js';
import { classAndId, collapse, elementsIn, textOf, textWithin } from './html-dom.js';
import { readJsonLd, type JsonLdArticle } from './html-json-ld.js';

export interface HtmlMetadata {
  title: string | null;
  documentTitle: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  canonical: string | null;
  siteName: string | null;
  language: string | null;
  images: string[];
  categories: string[];
}

interface Collected {
  meta: Map<string, string>;
  /** Keys set from a `property` attribute. */
  strong: Set<string>;
  ldJson: string[];
  canonical: string | null;
  documentTitle: string | null;
  lang: string | null;
  itemprops: Map<string, Element>;
  firstTime: string | null;
  /** Dates printed on the page: a <time>'s text, a date-classed element, a "Published ..." line. */
  printed: string[];
}

const PRINTED_DATE = /(?:^|[\s_-])(?:date|dateline|published|pubdate|timestamp|posted|post-?date|entry-date|article-?date)(?:$|[\s_-])/i;

/** Text of a small element (a date is short); null for a container. */
function shortText(el: Element): string | null {
  return textWithin(el, 80) || null;
}

/** The first printed date that reads as one: "Published March 4, 2026 10:15 AM" -> ISO. */
function printedDate(texts: readonly string[]): string | null {
  for (const t of texts) {
    const cleaned = t.replace(/^(?:published|posted|updated|first published|date)\s*(?:on|at)?\s*:?\s*/i, '').replace(/\s+(?:at|@)\s+/i, ' ').replace(/\s*\|\s*/g, ' ');
    // A year is required: "March 4" alone would parse as 2001.
    if (!/\b(?:19|20)\d\d\b/.test(cleaned)) continue;
    const readable = cleaned.replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/, '$1').replace(/\b([ap])\.m\./i, '$1m').replace(/\s+(?:[A-Z]{2,4})$/, '');
    if (parsePageDate(readable)) return readable;
  }
  return null;
}

function collect(doc: Document): Collected {
  const c: Collected = { meta: new Map(), strong: new Set(), ldJson: [], canonical: null, documentTitle: null, lang: null, itemprops: new Map(), firstTime: null, printed: [] };
  for (const el of elementsIn(doc)) {
    const a = el.attribs;
    if (el.name === 'meta') {
      const content = a.content ?? a.value;
      if (content === undefined) continue;
      if (!content.trim()) continue;
      // Some pages put several names in one attribute: property="og:title twitter:title".
      // A `property` (RDFa) value wins over a `name` one; otherwise the first one found.
      const keys = (attr: string | undefined) => (attr ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      for (const [key, strong] of [...keys(a.property).map((k) => [k, true] as const), ...keys(a.name ?? a.itemprop).map((k) => [k, false] as const)]) {
        // "dc.creator" and "dc:creator" are the same key in the wild.
        for (const k of new Set([key, key.replace(/^(dc|dcterms?)\./, '$1:')])) {
          if (c.meta.has(k) && (!strong || c.strong.has(k))) continue;
          c.meta.set(k, collapse(content));
          if (strong) c.strong.add(k);
        }
      }
    } else if (el.name === 'script' && /ld\+json/i.test(a.type ?? '')) c.ldJson.push(textOf(el));
    else if (el.name === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(a.rel ?? '') && a.href) c.canonical ??= a.href;
    else if (el.name === 'title' && c.documentTitle === null) c.documentTitle = collapse(textOf(el));
    else if (el.name === 'html') c.lang = a.lang ?? a['xml:lang'] ?? null;
    else if (el.name === 'time' && a.datetime) c.firstTime ??= a.datetime;
    if (c.printed.length < 5 && (el.name === 'time' || PRINTED_DATE.test(classAndId(el)))) {
      const text = shortText(el);
      if (text) c.printed.push(text);
    }
    if (a.itemprop) for (const p of a.itemprop.toLowerCase().split(/\s+/)) if (!c.itemprops.has(p)) c.itemprops.set(p, el);
  }
  return c;
}

const first = (...values: (string | null | undefined)[]): string | null => values.find((v) => v?.trim())?.trim() ?? null;
const notUrl = (v: string | undefined): string | undefined => (v && /^https?:\/\//.test(v) ? undefined : v);

function microdata(c: Collected, prop: string): string | null {
  const el = c.itemprops.get(prop);
  if (!el || el.name === 'meta') return null;
  if (prop === 'author') {
    const name = elementsIn(el).find((e) => e.attribs.itemprop?.includes('name'));
    return collapse(textOf(name ?? el)) || null;
  }
  return el.attribs.datetime ?? el.attribs.content ?? (collapse(textOf(el)) || null);
}

/** Share of `a`'s words found in `b`. */
function overlap(a: string, b: string): number {
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const inB = new Set(words(b));
  const wa = words(a);
  return wa.length ? wa.filter((w) => inB.has(w)).length / wa.length : 0;
}

/** When JSON-LD has both and they differ, take the one that covers more of <title> (publishers put their own name in either). */
function jsonLdTitle(ld: JsonLdArticle | null, documentTitle: string | null): string | null {
  if (!ld) return null;
  if (ld.headline && ld.name && ld.headline !== ld.name && documentTitle) {
    return overlap(documentTitle, ld.name) > overlap(documentTitle, ld.headline) ? ld.name : ld.headline;
  }
  return ld.headline ?? ld.name;
}

export function readMetadata(doc: Document): HtmlMetadata {
  const c = collect(doc);
  const m = (k: string) => c.meta.get(k);
  const ld = readJsonLd(c.ldJson);
  const title = first(jsonLdTitle(ld, c.documentTitle), m('dc:title'), m('dcterm:title'), m('og:title'), m('weibo:article:title'),
    m('title'), m('twitter:title'), m('parsely-title'), m('headline'), microdata(c, 'headline'));
  const byline = first(ld?.authors.join(', '), m('dc:creator'), m('dcterm:creator'), notUrl(m('author')), m('parsely-author'),
    notUrl(m('article:author')), m('byl'), m('sailthru.author'), microdata(c, 'author'));
  const published = first(ld?.published, m('article:published_time'), m('parsely-pub-date'), m('og:article:published_time'),
    m('datepublished'), m('dc.date.issued'), m('dc.date'), m('dcterms.created'), m('date'), m('pubdate'), m('sailthru.date'),
    microdata(c, 'datepublished'), c.firstTime, printedDate(c.printed));
  const modified = first(ld?.modified, m('article:modified_time'), m('og:updated_time'), m('datemodified'), microdata(c, 'datemodified'));
  const categories = [...(ld?.sections ?? []), ...[m('article:section')].filter((s): s is string => Boolean(s))];
  return {
    title,
    documentTitle: c.documentTitle,
    byline,
    published,
    modified,
    canonical: first(c.canonical, m('og:url'), ld?.url),
    siteName: first(m('og:site_name'), ld?.publisher),
    language: first(c.lang, m('content-language'), ld?.language, m('og:locale')?.replace('_', '-')),
    images: [...new Set([m('og:image'), m('twitter:image'), ...(ld?.images ?? [])].filter((s): s is string => Boolean(s)))],
    categories: [...new Set(categories)],
  };
}
