// A listing (section) page -> the article links on it, and the next listing page.
import { isTag, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { collapse, elementsIn, textOf } from './html-dom.js';
import { selectAll, selectValue } from './html-rules.js';

export interface ListingOptions {
  /** The listing page's own URL: links resolve against it and must stay on its site. */
  pageUrl: string;
  /** CSS selector of the article links (the source's `links`); automatic detection when absent. */
  links?: string;
  /** CSS selector of the link to the next listing page (the source's `next`). */
  next?: string;
}

export interface Listing {
  links: string[];
  next: string | null;
}

const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form']);
const CHROME_CLASS = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|footer|masthead|site-header|topbar|pagination|pager)(?:$|[\s_-])/i;
/** Section fronts, tags, authors, legal and account pages: never articles. */
const NOT_ARTICLE =
  /\/(?:tags?|topics?|authors?|people|section|sections|category|categories|about(?:-us)?|contact(?:-us)?|privacy(?:-policy)?|terms|legal|cookies?|imprint|impressum|subscribe|subscriptions?|newsletters?|login|log-in|signin|sign-in|register|account|search|rss|feeds?|advertis\w*|careers|jobs|help|faq|page)(?:\/|$|\.)/i;
const FILE = /\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|xml|rss|atom|json|css|js)$/i;

function sameSite(a: URL, b: URL): boolean {
  const strip = (h: string) => h.toLowerCase().replace(/^www\./, '');
  return strip(a.hostname) === strip(b.hostname);
}

/** Article URLs carry a date, a long numeric id or a headline slug of three or more words. */
function looksLikeArticle(url: URL, text: string): boolean {
  const path = url.pathname;
  if (NOT_ARTICLE.test(path) || FILE.test(path) || path === '/' || /[?&]page=/.test(url.search)) return false;
  const slug = path.split('/').filter(Boolean).pop() ?? '';
  const dated = /\/(?:19|20)\d{2}[/-]\d{1,2}(?:[/-]\d{1,2})?\//.test(path);
  const numbered = /\d{5,}/.test(path);
  const wordy = slug.replace(/\.\w+$/, '').split(/[-_]+/).filter((w) => /[a-z]/i.test(w)).length >= 3;
  return (dated || numbered || wordy) && collapse(text).length >= 10;
}

function inChrome(a: Element): boolean {
  for (let p = a.parent; p && isTag(p); p = p.parent) {
    if (CHROME.has(p.name) || CHROME_CLASS.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) return true;
    if (p.name === 'article' || p.name === 'main') return false;
  }
  return false;
}

export function findArticleLinks(html: string, options: ListingOptions): Listing {
  const doc = parseDocument(html);
  const page = new URL(options.pageUrl);
  const anchors = options.links ? selectAll(doc, options.links) : elementsIn(doc).filter((e) => e.name === 'a' && !inChrome(e));
  const seen = new Set<string>();
  for (const a of anchors) {
    const href = a.attribs.href;
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href.trim(), page);
    } catch {
      continue;
    }
    url.hash = '';
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.href === page.href) continue;
    // A configured selector is trusted as is; detection keeps to same-site article-looking links.
    if (!options.links && (!sameSite(url, page) || !looksLikeArticle(url, textOf(a)))) continue;
    seen.add(url.href);
  }
  const next = options.next ? selectValue(doc, options.next.includes('@') ? options.next : `${options.next}@href`)?.value : null;
  return { links: [...seen], next: next ? new URL(next, page).href : null };
}
