// Every link of a listing page with what a reader would notice about it: where it points,
// whether it sits in page chrome (navigation, header, footer), whether it is a headline
// (in or around h1-h6, a title-classed or bold link) and how long its text is.
import { isTag, type Element } from 'domhandler';
import { collapse, textOf } from './html-dom.js';
import { notArticleUrl, resolveLink, sameSite, textNamesUrl, urlCue, urlShape } from './link-url.js';

export interface LinkCandidate {
  anchor: Element;
  url: URL;
  text: string;
  /** Why the link can never be an article (another site, chrome, a tag page ...); null when it can. */
  excluded: string | null;
  /** The h1-h6 around or inside the link, or the link itself when it is title-classed or bold. */
  heading: Element | null;
  /** Text of headline length: four words or more, or ten CJK characters. */
  long: boolean;
  /** The text names the URL (`Weather` -> /weather): a section or topic page. */
  namesUrl: boolean;
  cue: 'date' | 'id' | null;
  shape: string;
}

const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TITLE_CLASS = /(?:^|[\s_-])(?:headline|title|heading|hed)(?:$|[\s_-])/i;
const BOLD = new Set(['b', 'strong']);
const CHROME_TAG = new Set(['nav', 'header', 'footer']);
const CHROME_ROLE = /^(?:navigation|banner|contentinfo|menu|menubar)$/;
const CHROME_CLASS =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|footer|masthead|site-header|global-header|page-header|topbar|top-bar|subnav|pagination|pager|paginate|social|share|sharing|skip-link)(?:$|[\s_-])/i;
const REL_NOT_ARTICLE = /(?:^|\s)(?:tag|author|category|next|prev|previous|license|me)(?:\s|$)/i;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

export function linkCandidates(anchors: Element[], page: URL): LinkCandidate[] {
  const out: LinkCandidate[] = [];
  // Picture and headline links repeat a URL: judge each URL once.
  const facts = new Map<string, { notArticle: string | null; cue: LinkCandidate['cue']; shape: string }>();
  for (const anchor of anchors) {
    const url = resolveLink(anchor.attribs.href!, page);
    if (!url) continue;
    let f = facts.get(url.href);
    if (!f) facts.set(url.href, (f = { notArticle: notArticleUrl(url), cue: urlCue(url), shape: urlShape(url) }));
    const text = collapse(textOf(anchor));
    const heading = headingOf(anchor, text);
    const excluded = excludedBecause(anchor, url, page, heading !== null) ?? f.notArticle;
    const judged = excluded === null;
    out.push({ anchor, url, text, excluded, heading, long: judged && headlineLength(text), namesUrl: judged && textNamesUrl(text, url), cue: f.cue, shape: f.shape });
  }
  return out;
}

function excludedBecause(anchor: Element, url: URL, page: URL, inHeading: boolean): string | null {
  if (url.href === page.href) return 'this page';
  if (!sameSite(url, page)) return 'another site';
  const chrome = chromeOf(anchor, inHeading);
  if (chrome) return `in page chrome (${chrome})`;
  const rel = anchor.attribs.rel;
  return rel && REL_NOT_ARTICLE.test(rel) ? `rel="${rel}"` : null;
}

export function headlineLength(text: string): boolean {
  if (text.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= 4) return true;
  return (text.match(CJK)?.length ?? 0) >= 10;
}

/** The heading a link belongs to: an h1-h6 within three levels up, one inside the link, or the link itself when titled or bold. */
function headingOf(a: Element, text: string): Element | null {
  let p = a.parent;
  for (let i = 0; i < 3 && p && isTag(p); i++, p = p.parent) if (HEADING.has(p.name)) return p;
  const stack = [...a.children];
  let boldText = '';
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (HEADING.has(n.name)) return n;
    if (BOLD.has(n.name)) boldText += textOf(n);
    stack.push(...n.children);
  }
  const parent = a.parent && isTag(a.parent) ? a.parent : null;
  if (TITLE_CLASS.test(a.attribs.class ?? '') || (parent && TITLE_CLASS.test(parent.attribs.class ?? ''))) return a;
  // Legacy layouts mark headlines with <b>: the whole link text bold, or the link the only thing in a <b>.
  if (text && (collapse(boldText) === text || (parent && BOLD.has(parent.name) && collapse(textOf(parent)) === text))) return a;
  return null;
}

/**
 * The chrome around a link: <nav>, a site <header>/<footer>, a navigation role, or a
 * menu/footer/pagination class. A <header> or <footer> inside an <article> is the teaser's own,
 * and a heading in a <header> is a headline, not navigation.
 */
function chromeOf(a: Element, inHeading: boolean): string | null {
  let found: string | null = null;
  for (let p = a.parent; p && isTag(p) && p.name !== 'body'; p = p.parent) {
    if (p.name === 'article') return found && !/^<(?:header|footer)>$/.test(found) ? found : null;
    if (found) continue;
    if (p.name === 'nav') found = '<nav>';
    else if (CHROME_TAG.has(p.name) && !(p.name === 'header' && inHeading)) found = `<${p.name}>`;
    else if (CHROME_ROLE.test(p.attribs.role ?? '')) found = `role=${p.attribs.role}`;
    else {
      const m = CHROME_CLASS.exec(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`);
      if (m) found = `.${m[0].replace(/^[\s_-]|[\s_-]$/g, '')}`;
    }
  }
  return found;
}
