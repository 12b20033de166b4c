// A listing (section) page -> the article links on it, and the next listing page.
// Detection reads the page as a reader does: headlines in repeated teaser blocks, headline
// links, URLs carrying a date or id, then the URL shape most of those share; navigation,
// section headings, tags, authors, legal and pagination links are skipped. Every link's
// decision carries its reason, which `wirefeed links` prints.
import { load, type CheerioAPI } from 'cheerio/slim';
import { capNesting } from './html-nesting.js';
import type { AnyNode, Element } from 'domhandler';
import { collapse, textOf } from './html-dom.js';
import { selectAll } from './html-rules.js';
import { linkCandidates, type LinkCandidate } from './link-candidates.js';
import { findNextPage } from './link-next.js';
import { resolveLink } from './link-url.js';
import { teaserRoles, type TeaserRole } from './teaser-blocks.js';

export interface ListingOptions {
  /** The listing page's own URL: links resolve against it and must stay on its site. */
  pageUrl: string;
  /** CSS selector of the article links (the source's `links`); automatic detection when absent. */
  links?: string;
  /** CSS selector of the link to the next listing page (the source's `next`); detected when both it and `links` are absent. */
  next?: string;
}

export interface Listing {
  links: string[];
  next: string | null;
}

/** One linked URL of the listing: taken as an article or skipped, and why. */
export interface LinkDecision {
  url: string;
  taken: boolean;
  reason: string;
  /** The text of the link that decided. */
  text: string;
}

export interface ListingReport {
  /** Every linked URL once, in page order. */
  decisions: LinkDecision[];
  next: string | null;
}

export function findArticleLinks(html: string, options: ListingOptions): Listing {
  const { decisions, next } = explainArticleLinks(html, options);
  return { links: decisions.filter((d) => d.taken).map((d) => d.url), next };
}

export function explainArticleLinks(html: string, options: ListingOptions): ListingReport {
  const $ = load(html);
  capNesting($.root()[0]!);
  const page = new URL(options.pageUrl);
  const anchors = $('a[href]').toArray();
  const decisions = options.links ? bySelector($, anchors, page, options.links) : detect(anchors, page);
  // A source configured by hand (a `links` selector) gets no guessed next page either.
  const next = options.next || !options.links ? findNextPage($, anchors, page, options.next) : null;
  return { decisions, next };
}

/** A configured selector is trusted as is: every link it matches is taken, wherever it points (listed first, in its order). */
function bySelector($: CheerioAPI, anchors: Element[], page: URL, css: string): LinkDecision[] {
  const chosen = selectAll($.root()[0] as AnyNode, css);
  const out = new Map<string, LinkDecision>();
  for (const el of chosen) {
    const url = el.attribs.href ? resolveLink(el.attribs.href, page) : null;
    if (url && url.href !== page.href && !out.has(url.href)) out.set(url.href, { url: url.href, taken: true, reason: 'matches the links selector', text: collapse(textOf(el)) });
  }
  for (const a of anchors) {
    const url = resolveLink(a.attribs.href!, page);
    if (!url || out.has(url.href)) continue;
    out.set(url.href, { url: url.href, taken: false, reason: url.href === page.href ? 'this page' : 'not matched by the links selector', text: collapse(textOf(a)) });
  }
  return [...out.values()];
}

function detect(anchors: Element[], page: URL): LinkDecision[] {
  const candidates = linkCandidates(anchors, page);
  const roles = teaserRoles(candidates);
  const verdicts = new Map<LinkCandidate, { taken: boolean; reason: string }>();
  for (const c of candidates) verdicts.set(c, firstLook(c, roles.get(c)!, candidates));
  // The URL shape most headline links share decides the links the first look left open.
  const shapes = new Map<string, number>();
  for (const [c, v] of verdicts) if (v.taken) shapes.set(c.shape, (shapes.get(c.shape) ?? 0) + 1);
  for (const [c, v] of verdicts) {
    if (v.taken || c.excluded || (shapes.get(c.shape) ?? 0) < 2 || c.namesUrl || v.reason === HEADS_BLOCK) continue;
    if (c.heading || c.long || roles.get(c) === 'main') verdicts.set(c, { taken: true, reason: `shares the listing's article URL shape ${c.shape}` });
  }
  // One decision per URL: taken by any of its links (a picture and a headline, a most-read list).
  const byUrl = new Map<string, LinkDecision>();
  for (const c of candidates) {
    const v = verdicts.get(c)!;
    const prior = byUrl.get(c.url.href);
    if (!prior || (v.taken && !prior.taken) || (!prior.text && c.text && v.taken === prior.taken)) {
      byUrl.set(c.url.href, { url: c.url.href, taken: v.taken, reason: v.reason, text: c.text });
    }
  }
  return [...byUrl.values()];
}

const HEADS_BLOCK = 'heads a block of other headlines (a section link)';

function firstLook(c: LinkCandidate, role: TeaserRole, all: LinkCandidate[]): { taken: boolean; reason: string } {
  if (c.excluded) return { taken: false, reason: c.excluded };
  if (c.heading && !c.long && headsBlock(c, role, all)) return { taken: false, reason: HEADS_BLOCK };
  if (role === 'main' && (c.heading || c.long)) return { taken: true, reason: c.heading ? 'headline in a teaser block' : 'headline-length link leading a repeated block' };
  // A date or id in the URL is a story's, even when the slug repeats the headline word for word.
  if (c.cue && c.text.length >= 10) return { taken: true, reason: c.cue === 'date' ? 'URL carries a date' : 'URL carries an id' };
  if (c.namesUrl) return { taken: false, reason: 'its text names the URL (a section or topic page)' };
  if (c.heading && c.long) return { taken: true, reason: 'headline link' };
  if (role === 'secondary') return { taken: false, reason: 'secondary link in a teaser block (kicker, author, tag)' };
  return { taken: false, reason: c.text ? 'no headline, teaser block or URL cue' : 'no text, no teaser block' };
}

/** A short heading link over a container, or whose heading shares its parent with other headline links: a section's title. */
function headsBlock(c: LinkCandidate, role: TeaserRole, all: LinkCandidate[]): boolean {
  if (role === 'container') return true;
  const scope = c.heading === c.anchor ? c.anchor.parent : c.heading?.parent;
  if (!scope) return false;
  return all.some((o) => o.url.href !== c.url.href && !o.excluded && (o.heading || o.long) && within(o.anchor, scope));
}

function within(node: AnyNode, scope: AnyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === scope) return true;
  return false;
}
