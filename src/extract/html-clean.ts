// Boilerplate out of the chosen article container: share bars, related links, newsletter
// boxes, ads, comments, "most read", link lists, title repeats and empty blocks.
import type { Element } from 'domhandler';
import { removeElement } from 'domutils';
import { classWeight, type ContentFlags } from './html-content.js';
import { classAndId, collapse, elementsIn, hasAncestor, textOf } from './html-dom.js';
import { densityOf, measureAll, measureFrom, measureTree, type Measure } from './html-measure.js';

const BOILERPLATE =
  /(?:^|[\s_-])(?:share|sharing|social|related|recirc|newsletter|signup|sign-up|subscribe|promo|advert|ad|ads|adslot|comments?|most-?(?:read|popular|viewed)|trending|read-?more|more-?stories|outbrain|taboola|print|tools)(?:$|[\s_-])/i;
const CONDITIONAL = new Set(['form', 'fieldset', 'table', 'ul', 'ol', 'div', 'section', 'aside', 'header', 'footer']);
const FIGURE = new Set(['figure']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

/** Headline repeated at the top of the body: the same words as the title, near enough. */
function repeatsTitle(el: Element, title: string): boolean {
  const a = words(collapse(textOf(el)));
  const b = words(title);
  if (a.size === 0 || b.size === 0) return false;
  let common = 0;
  for (const w of a) if (b.has(w)) common += 1;
  return common / Math.max(a.size, b.size) >= 0.75;
}

function isDataTable(el: Element, m: Measure): boolean {
  if (el.name !== 'table') return false;
  if (el.attribs.role === 'presentation') return false;
  return m.tableHead > 0 || m.tr > 10;
}

/**
 * Readability-style judgement of one container from its text, links, images and lists,
 * read from its measure (computed bottom up: the page is read once, not once per container).
 */
function looksLikeBoilerplate(el: Element, m: Measure, flags: ContentFlags): boolean {
  const weight = classWeight(el, flags);
  if (weight < 0) return true;
  if (m.commas >= 10) return false;
  if (hasAncestor(el, FIGURE)) return false;
  const isList = el.name === 'ul' || el.name === 'ol';
  const { p, img, input: inputs } = m;
  const li = m.li - 100;
  const density = densityOf(m);
  if (img > 1 && p / img < 0.5) return true;
  if (!isList && li > p) return true;
  if (inputs > Math.floor(p / 3)) return true;
  if (!isList && m.length < 25 && (img === 0 || img > 2) && m.figure === 0) return true;
  if (!isList && weight < 25 && density > 0.2) return true;
  if (weight >= 25 && density > 0.5) return true;
  if (isList && density > 0.5 && m.length < 1000) return true;
  return false;
}

const TEASER_HEADINGS = new Set(['h2', 'h3', 'h4']);
const MAX_TEASER = 400;

/**
 * Another story's teaser inside the article: a short box that opens with a headline which is
 * one link to another page, then a line or two of summary ("card" columns between the chunks
 * of a split story). A subhead of the story itself is not a link.
 */
function isTeaser(el: Element, m: Measure, measures: Map<Element, Measure>): boolean {
  if (m.length > MAX_TEASER || m.p > 2) return false;
  const first = opensWithHeading(el);
  if (!first) return false;
  const heading = measures.get(first);
  const link = first.children.find((c): c is Element => 'name' in c && (c as Element).name === 'a');
  const href = link?.attribs.href ?? '';
  return !!heading && heading.length > 0 && heading.linked >= heading.length && href !== '' && !href.startsWith('#') && m.length > heading.length;
}

/** Teasers are taken out only when they are a small part of the container: a page made of them (an index) is its own content. */
const MAX_TEASER_SHARE = 0.4;

/** The heading a box opens with (nothing but white space before it), or null. */
function opensWithHeading(el: Element): Element | null {
  const first = el.children.find((c) => c.type === 'tag' || (c.type === 'text' && (c as unknown as { data: string }).data.trim() !== ''));
  return first && 'name' in first && TEASER_HEADINGS.has((first as Element).name) ? (first as Element) : null;
}

function dropTeasers(article: Element): void {
  const boxes = elementsIn(article).filter((el) => CONDITIONAL.has(el.name) && opensWithHeading(el) !== null);
  if (boxes.length === 0) return;
  const measures = measureAll(article);
  const teasers = boxes.filter((el) => isTeaser(el, measures.get(el)!, measures));
  const outer = teasers.filter((t) => !teasers.some((o) => o !== t && hasAncestor(t, new Set([o.name])) && isInside(t, o)));
  const length = outer.reduce((n, t) => n + measures.get(t)!.length, 0);
  if (length > measures.get(article)!.length * MAX_TEASER_SHARE) return;
  for (const t of outer) removeElement(t);
}

function isInside(el: Element, outer: Element): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === outer) return true;
  return false;
}

export function cleanArticle(article: Element, title: string | null, flags: ContentFlags & { conditional: boolean }): void {
  let titleSeen = false;
  // Measured before anything goes: this walk is in document order, so nothing under an
  // element has been removed when the element is judged.
  const before = new Map<Element, Measure>();
  measureTree(article, before);
  for (const el of elementsIn(article)) {
    if (!el.parent) continue;
    const match = classAndId(el);
    if (BOILERPLATE.test(match) && before.get(el)!.length < 500 && !MAIN.test(match)) {
      removeElement(el);
      continue;
    }
    if (HEADINGS.has(el.name)) {
      if (el.name === 'h1' || (!titleSeen && title && repeatsTitle(el, title))) {
        if (title && repeatsTitle(el, title)) titleSeen = true;
        if (el.name === 'h1' && !(title && repeatsTitle(el, title))) el.name = 'h2';
        else {
          removeElement(el);
          continue;
        }
      }
      if (classWeight(el, flags) < 0) removeElement(el);
    }
  }
  if (flags.conditional) dropTeasers(article);
  if (flags.conditional) {
    // Innermost first, so a container is judged on what is left inside it: each measure is
    // built from its children's, taken after their own judgement.
    const left = new Map<Element, Measure>();
    for (const el of elementsIn(article).reverse()) {
      const m = measureFrom(el, left);
      if (!el.parent || !CONDITIONAL.has(el.name) || isDataTable(el, m)) continue;
      if (looksLikeBoilerplate(el, m, flags)) removeElement(el);
    }
  }
  const left = new Map<Element, Measure>();
  for (const el of elementsIn(article).reverse()) {
    const m = measureFrom(el, left);
    if (!el.parent) continue;
    const empty = m.length === 0 && m.img === 0 && !['img', 'br', 'hr', 'picture', 'source', 'td', 'th'].includes(el.name);
    if (empty && (el.name === 'p' || el.name === 'div' || el.name === 'section' || HEADINGS.has(el.name) || el.name === 'span')) removeElement(el);
  }
}

const MAIN = /article-?body|story-?body|entry-content|post-content|main-content/i;
