// What a link's URL alone says: pages that are never articles (tags, authors, sections,
// legal, pagination, files), the date or id an article URL often carries, and the URL's
// shape, which the article links of one listing share.

/** Index, account and legal pages: never articles, wherever they sit in the path. */
const NOT_ARTICLE_SEGMENT =
  /^(?:tags?|topics?|authors?|people|profiles?|contributors?|staff|section|sections|category|categories|series|podcasts?|shows|programmes|newsletters?|archives?|index|sitemap|search|about(?:-us)?|contact(?:-us)?|privacy[\w-]*|terms[\w-]*|legal|cookies?[\w-]*|imprint|impressum|subscribe|subscriptions?|login|log-in|signin|sign-in|register|account|rss|feeds?|advertis[\w-]*|careers|jobs|help|faq|page|print)$/i;
/** Query keys of section, tag, author, search and pagination pages (`?cat=3`, `?page=2`, `?sc_section_code=S1`). */
const NOT_ARTICLE_QUERY = /page|cat(?:egory)?$|tags?$|author|section|feed|search|^s$|^q$|sort|filter/i;
const FILE = /\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|xml|rss|atom|json|css|js|ics)$/i;
const PAGE_NUMBER = /^(?:page[-_]?\d+|index\d+)(?:\.\w+)?$/i;

/** The path's date as folders (`/2026/03/04/`, `/2026/dec/06/`): the old detector's cue, kept. */
const DATED = /\/(?:19|20)\d{2}[/-](?:\d{1,2}|[a-z]{3})(?:[/-]\d{1,2})?\//i;
/** A long number in the path: the CMS's story id (query values are often dates or counts). */
const NUMBERED = /\d{5,}/;

export function sameSite(a: URL, b: URL): boolean {
  const strip = (h: string) => h.toLowerCase().replace(/^www\./, '');
  return strip(a.hostname) === strip(b.hostname);
}

/** The link's absolute URL without its fragment, or null when it is not an http(s) link. */
export function resolveLink(href: string, page: URL): URL | null {
  let url: URL;
  try {
    url = new URL(href.trim(), page);
  } catch {
    return null;
  }
  url.hash = '';
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

const segmentsOf = (url: URL) => url.pathname.split('/').filter(Boolean).map((s) => safeDecode(s));

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Why the URL alone rules the page out as an article, or null. */
export function notArticleUrl(url: URL): string | null {
  const segments = segmentsOf(url);
  if (segments.length === 0 && !url.search) return 'the site home';
  if (FILE.test(url.pathname)) return 'a file, not a page';
  for (const s of segments) {
    const stem = s.replace(/\.\w+$/, '');
    if (NOT_ARTICLE_SEGMENT.test(stem)) return `not an article path (/${s})`;
  }
  const last = segments.at(-1) ?? '';
  if (PAGE_NUMBER.test(last)) return 'a page number';
  for (const key of url.searchParams.keys()) if (NOT_ARTICLE_QUERY.test(key)) return `not an article query (?${key}=)`;
  return null;
}

/** The date or id an article URL carries, or null. */
export function urlCue(url: URL): 'date' | 'id' | null {
  if (DATED.test(url.pathname)) return 'date';
  if (NUMBERED.test(url.pathname)) return 'id';
  return null;
}

const MONTH = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)$/i;

/**
 * The URL with its variable parts abstracted: folders stay literal (sections differ),
 * numbers, months and the last segment become placeholders, query values are dropped.
 * `/news/mill-fire` -> `/news/{slug}`, `/world/2026/dec/06/x` -> `/world/{n}/{mon}/{n}/{slug}`,
 * `/?p=2231` -> `/?p`.
 */
export function urlShape(url: URL): string {
  const segments = segmentsOf(url);
  const shaped = segments.map((s, i) => {
    const ext = /\.\w+$/.exec(s)?.[0] ?? '';
    const stem = s.slice(0, s.length - ext.length);
    if (/^\d+$/.test(stem)) return `{n}${ext}`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(stem)) return `{date}${ext}`;
    if (MONTH.test(stem)) return '{mon}';
    if (i < segments.length - 1 || url.search) return s.toLowerCase();
    return /\d/.test(stem) && stem.length <= 12 && !/-/.test(stem) ? `{id}${ext}` : `{slug}${ext}`;
  });
  const keys = [...url.searchParams.keys()].sort().join('&');
  return `/${shaped.join('/')}${url.pathname.endsWith('/') && segments.length ? '/' : ''}${keys ? `?${keys}` : ''}`;
}

/** The link text names its URL (`Weather` -> `/weather.html`, `Cost of living` -> `/cost-of-living`): a section or topic page. */
export function textNamesUrl(text: string, url: URL): boolean {
  const last = url.pathname.split('/').filter(Boolean).at(-1);
  if (!last || !text || text.length > 40) return false;
  const name = normalName(safeDecode(last).replace(/\.\w+$/, ''));
  return name.length > 0 && normalName(text) === name;
}

function normalName(s: string): string {
  return s.toLowerCase().replace(/['’]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
