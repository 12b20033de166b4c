// Main-body detection with no per-site rules: paragraphs vote for their ancestors, the best
// scored container (discounted by link density) wins, and siblings that look like more of
// the same story join it. The idea follows Arc90/Readability's scoring; the code is ours.
import { Element, isTag, type Document } from 'domhandler';
import { appendChild, removeElement } from 'domutils';
import { classAndId, collapse, elementsIn, hasAncestor, isHidden, textOf } from './html-dom.js';
import { densityOf, measureAll, type Measure } from './html-measure.js';

export interface ContentFlags {
  stripUnlikely: boolean;
  weightClasses: boolean;
  /** Iframes left in the page were checked against the source's allow-list (keepAllowedIframes): not junk. */
  keepIframes?: boolean;
}

const UNLIKELY =
  /-ad-|^ad[-_]|ad-break|adbox|advert|agegate|banner|breadcrumb|combx|comment|community|consent|cookie|cover-wrap|disqus|extra|foot|gdpr|header|legends|menu|modal|most-?(?:read|popular)|newsletter|outbrain|pager|pagination|popup|promo|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|taboola|toolbar|trending|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|shadow|story/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|newsletter/i;
const JUNK = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'iframe', 'object', 'embed', 'svg', 'canvas', 'button', 'input', 'select', 'textarea', 'dialog']);
// Not <form>: ASP.NET sites wrap the whole page, story included, in one.
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'select']);
const SCORABLE = new Set(['p', 'pre', 'td', 'section', 'h2', 'h3', 'h4', 'h5', 'h6']);
const CONTAINERS = new Set(['td', 'section']);
const KEEP_ALWAYS = new Set(['html', 'body', 'article', 'main', 'a', 'table', 'tbody', 'tr', 'td', 'th', 'code', 'pre']);
const TABLE_OR_CODE = new Set(['table', 'code']);

export function classWeight(el: Element, flags: ContentFlags): number {
  if (!flags.weightClasses) return 0;
  let w = 0;
  for (const v of [el.attribs.class, el.attribs.id]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  return w;
}

function baseScore(el: Element, flags: ContentFlags): number {
  let s = classWeight(el, flags);
  if (el.name === 'div' || el.name === 'article') s += 5;
  else if (['pre', 'td', 'blockquote'].includes(el.name)) s += 3;
  else if (['address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form'].includes(el.name)) s -= 3;
  else if (/^h[1-6]$|^th$/.test(el.name)) s -= 5;
  return s;
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isTag(c) && BLOCKS.has(c.name));
}

/** Removes scripts, hidden parts and (with `stripUnlikely`) navigation-like containers. */
export function prepareDocument(doc: Document, flags: ContentFlags): void {
  for (const el of elementsIn(doc)) {
    if (!el.parent) continue; // inside a removed subtree
    if (JUNK.has(el.name) && !(el.name === 'iframe' && flags.keepIframes)) {
      removeElement(el);
      continue;
    }
    if (el.name === 'html' || el.name === 'body' || el.name === 'head') continue;
    if (isHidden(el) || (el.attribs['aria-modal'] === 'true' && el.attribs.role === 'dialog')) {
      removeElement(el);
      continue;
    }
    if (!flags.stripUnlikely || KEEP_ALWAYS.has(el.name) || hasAncestor(el, TABLE_OR_CODE)) continue;
    const match = classAndId(el);
    if (/articleBody|text/i.test(el.attribs.itemprop ?? '')) continue;
    const unlikely = (UNLIKELY.test(match) && !MAYBE.test(match)) || UNLIKELY_ROLES.has(el.attribs.role ?? '') || el.name === 'nav' || el.name === 'aside';
    if (unlikely) removeElement(el);
  }
}

interface Scored {
  el: Element;
  score: number;
}

function scoreParagraphs(doc: Document, flags: ContentFlags, measures: Map<Element, Measure>): Map<Element, number> {
  const scores = new Map<Element, number>();
  for (const el of elementsIn(doc)) {
    // Containers (a layout <td>, a <section>) vote only when they hold text directly, not through nested blocks.
    const leaf = !hasBlockChild(el);
    const scorable =
      (SCORABLE.has(el.name) && (leaf || !CONTAINERS.has(el.name))) ||
      ((el.name === 'div' || el.name === 'span') && leaf && el.parent && isTag(el.parent) && el.parent.name !== 'p');
    if (!scorable) continue;
    if (el.name === 'span' && el.parent && isTag(el.parent) && !['div', 'section', 'article', 'td'].includes(el.parent.name)) continue;
    const { length, commas } = measures.get(el)!;
    if (length < 25) continue;
    const score = 1 + commas + Math.min(Math.floor(length / 100), 3);
    let ancestor = el.parent;
    for (let level = 0; ancestor && isTag(ancestor) && level < 5; level++, ancestor = ancestor.parent) {
      if (!scores.has(ancestor)) scores.set(ancestor, baseScore(ancestor, flags));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, scores.get(ancestor)! + score / divider);
    }
  }
  return scores;
}

function topCandidates(scores: Map<Element, number>, measures: Map<Element, Measure>): Scored[] {
  const out: Scored[] = [];
  for (const [el, raw] of scores) {
    if (el.name === 'html' || el.name === 'head') continue;
    out.push({ el, score: raw * (1 - densityOf(measures.get(el)!)) });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, 5);
}

function ancestors(el: Element): Element[] {
  const out: Element[] = [];
  for (let p = el.parent; p && isTag(p); p = p.parent) out.push(p);
  return out;
}

/** A better container when the best few candidates are pieces of one story under a common parent. */
function widen(top: Scored, others: Scored[], scores: Map<Element, number>): Element {
  const close = others.filter((o) => o.el !== top.el && o.score / top.score >= 0.75).map((o) => new Set(ancestors(o.el)));
  let chosen = top.el;
  if (close.length >= 2) {
    for (const p of ancestors(top.el)) {
      if (p.name === 'body' || p.name === 'html') break;
      if (close.filter((set) => set.has(p)).length >= 2) {
        chosen = p;
        break;
      }
    }
  }
  // A lone child adds nothing: its parent holds the same story with less risk of cutting it.
  while (chosen.parent && isTag(chosen.parent) && chosen.parent.name !== 'body' && chosen.parent.children.filter(isTag).length === 1) {
    chosen = chosen.parent;
  }
  if (!scores.has(chosen)) scores.set(chosen, 0);
  return chosen;
}

export interface MainContent {
  /** A detached container holding the story's blocks. */
  article: Element;
  /** The <article>/<main> the story sat in, still in the page: figures there belong to the story too. */
  scope: Element | null;
}

/** The article container: the winner plus siblings that read like more of it. */
export function findMainContent(doc: Document, flags: ContentFlags): MainContent {
  // One bottom-up read of the page serves every text length and link density asked below.
  const measures = measureAll(doc);
  const scores = scoreParagraphs(doc, flags, measures);
  const candidates = topCandidates(scores, measures);
  const body = elementsIn(doc).find((e) => e.name === 'body');
  const top = candidates[0];
  if (!top) return { article: body ?? new Element('div', {}, doc.children.slice()), scope: null };
  const chunks = splitChunks(doc, top, scores, measures);
  const winner = chunks.length > 1 ? commonAncestor(chunks) : widen(top, candidates, scores);
  if (!scores.has(winner)) scores.set(winner, 0);
  const scope = ancestors(winner).find((a) => a.name === 'article' || a.name === 'main') ?? null;
  const topScore = Math.max(top.score, (scores.get(winner) ?? 0) * (1 - densityOf(measures.get(winner)!)));
  const parent = winner.parent;
  const article = new Element('div', {});
  if (!parent || !isTag(parent) || winner.name === 'body') {
    appendChild(article, winner);
    return { article, scope };
  }
  const threshold = Math.max(10, topScore * 0.2);
  const className = winner.attribs.class ?? '';
  for (const sibling of parent.children.slice()) {
    if (!isTag(sibling)) continue;
    if (sibling === winner || joinsArticle(sibling, measures.get(sibling)!, className, threshold, topScore, scores)) {
      removeElement(sibling);
      appendChild(article, sibling);
    }
  }
  return { article, scope };
}

/** Share of the best container's score a same-class chunk needs to count as more of the story. */
const CHUNK_SHARE = 0.2;
const MAX_CHUNK_DENSITY = 0.25;

/**
 * A story split into several containers of one class ("article-text") with other columns
 * (ads, teasers) between them: every chunk, in reading order. Only when the chunks are not
 * siblings (siblings join the winner anyway) and none holds another.
 */
function splitChunks(doc: Document, top: Scored, scores: Map<Element, number>, measures: Map<Element, Measure>): Element[] {
  const className = top.el.attribs.class?.trim();
  if (!className) return [];
  const peers = elementsIn(doc).filter((el) => el.name === top.el.name && el.attribs.class?.trim() === className);
  if (peers.length < 2) return [];
  const chunks = peers.filter((el) => {
    if (el === top.el) return true;
    const m = measures.get(el)!;
    const density = densityOf(m);
    return density <= MAX_CHUNK_DENSITY && (scores.get(el) ?? 0) * (1 - density) >= top.score * CHUNK_SHARE;
  });
  if (chunks.length < 2) return [];
  if (chunks.every((c) => c.parent === top.el.parent)) return [];
  const common = commonAncestor(chunks);
  return common.name === 'body' || common.name === 'html' || chunks.includes(common) ? [] : chunks;
}

/** The deepest element holding all of `els`. */
function commonAncestor(els: Element[]): Element {
  let shared = [els[0]!, ...ancestors(els[0]!)];
  for (const el of els.slice(1)) {
    const mine = new Set([el, ...ancestors(el)]);
    shared = shared.filter((a) => mine.has(a));
  }
  return shared[0]!;
}

function joinsArticle(el: Element, m: Measure, className: string, threshold: number, topScore: number, scores: Map<Element, number>): boolean {
  const bonus = className && el.attribs.class === className ? topScore * 0.2 : 0;
  const own = scores.get(el);
  const density = densityOf(m);
  if (own !== undefined && own * (1 - density) + bonus >= threshold) return true;
  if (el.name !== 'p') return false;
  const text = collapse(textOf(el));
  if (text.length > 80) return density < 0.25;
  return text.length > 0 && density === 0 && /\.( |$)/.test(text);
}

