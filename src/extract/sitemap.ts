// A sitemap (index or urlset, with the Google News extension) -> entries. A SAX pass with
// htmlparser2: tolerant of broken and truncated files (the entries read so far are kept)
// and blind to DTDs, so no external entity is ever fetched or expanded.
import { Parser } from 'htmlparser2';
import { canonicalLink } from './canonical-link.js';
import { parseFeedDate } from './feed-date.js';
import { sanitizeXml } from './xml-repair.js';

export interface SitemapNews {
  title: string | null;
  published: string | null;
  keywords: string[];
  language: string | null;
  publication: string | null;
}

export interface SitemapEntry {
  url: string;
  lastmod: string | null;
  news: SitemapNews | null;
}

export interface ParsedSitemap {
  kind: 'index' | 'urlset' | 'unknown';
  /** Child sitemaps of an index. */
  sitemaps: SitemapEntry[];
  urls: SitemapEntry[];
}

interface Draft {
  loc?: string;
  lastmod?: string;
  news?: Partial<Record<'title' | 'publication_date' | 'keywords' | 'language' | 'name', string>>;
}

/** `url` is the sitemap's own URL, the base for relative locations (which the protocol forbids but sites write). */
export function parseSitemap(xml: string, options: { url: string }): ParsedSitemap {
  const result: ParsedSitemap = { kind: 'unknown', sitemaps: [], urls: [] };
  const path: string[] = [];
  let draft: Draft | null = null;
  let text = '';

  const parser = new Parser(
    {
      onopentag(raw) {
        const name = localName(raw);
        path.push(name);
        text = '';
        if (result.kind === 'unknown' && path.length === 1) result.kind = name === 'sitemapindex' ? 'index' : name === 'urlset' ? 'urlset' : 'unknown';
        if ((name === 'url' || name === 'sitemap') && path.length === 2) draft = {};
      },
      ontext(chunk) {
        text += chunk;
      },
      onclosetag(raw, implied) {
        const name = localName(raw);
        const value = text.trim();
        text = '';
        // A tag closed only because the file ended: its entry is cut off, not trusted.
        if (implied) draft = null;
        if (draft && path.length === 3 && (name === 'loc' || name === 'lastmod')) draft[name] = value;
        else if (draft && path.includes('news') && isNewsField(name)) (draft.news ??= {})[name] = value;
        if (draft && path.length === 2) {
          const entry = finish(draft, options.url);
          if (entry) (name === 'sitemap' ? result.sitemaps : result.urls).push(entry);
          draft = null;
        }
        path.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(sanitizeXml(xml));
  return result;
}

const NEWS_FIELDS = new Set(['title', 'publication_date', 'keywords', 'language', 'name']);
function isNewsField(name: string): name is keyof NonNullable<Draft['news']> {
  return NEWS_FIELDS.has(name);
}

/** Namespace prefixes vary (`news:`, `n:`); the local name is what matters. */
function localName(raw: string): string {
  return raw.slice(raw.indexOf(':') + 1).toLowerCase();
}

function finish(draft: Draft, base: string): SitemapEntry | null {
  const url = canonicalLink(draft.loc, base);
  if (!url) return null;
  const n = draft.news;
  return {
    url,
    lastmod: parseFeedDate(draft.lastmod),
    news: n
      ? {
          title: n.title || null,
          published: parseFeedDate(n.publication_date),
          keywords: (n.keywords ?? '').split(',').map((k) => k.trim()).filter(Boolean),
          language: n.language || null,
          publication: n.name || null,
        }
      : null,
  };
}

/** The entry's best date: the news publication date, else lastmod. */
export function entryDate(entry: SitemapEntry): string | null {
  return entry.news?.published ?? entry.lastmod;
}

/**
 * Entries newer than `maxAgeHours` before `now`, newest first; undated entries are kept
 * (nothing says they are old) and come last.
 */
export function recentEntries(entries: readonly SitemapEntry[], now: Date, maxAgeHours?: number): SitemapEntry[] {
  const cutoff = maxAgeHours === undefined ? -Infinity : now.getTime() - maxAgeHours * 3_600_000;
  const time = (e: SitemapEntry) => {
    const d = entryDate(e);
    return d ? Date.parse(d) : null;
  };
  return entries
    .filter((e) => (time(e) ?? Infinity) >= cutoff)
    .sort((a, b) => (time(b) ?? -Infinity) - (time(a) ?? -Infinity));
}
