// Boilerplate out of the chosen article container: share bars, related links, newsletter
// boxes, ads, comments, "most read", link lists, title repeats and empty blocks.
import type { Element } from 'domhandler';
import { removeElement } from 'domutils';
import { classWeight, type ContentFlags } from './html-content.js';
import { byTag, classAndId, collapse, commaCount, elementsIn, hasAncestor, linkDensity, textOf } from './html-dom.js';

const BOILERPLATE =
  /(?:^|[\s_-])(?:share|sharing|social|related|recirc|newsletter|signup|sign-up|subscribe|promo|advert|ad|ads|adslot|comments?|most-?(?:read|popular|viewed)|trending|read-?more|more-?stories|outbrain|taboola|print|tools)(?:$|[\s_-])/i;
const CONDITIONAL = new Set(['form', 'fieldset', 'table', 'ul', 'ol', 'div', 'section', 'aside', 'header', 'footer']);
const FIGURE = new Set(['figure']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const P = new Set(['p']);
// An allowed embed (only those are left by now) holds a container like a picture does.
const IMG = new Set(['img', 'picture', 'iframe']);
const LI = new Set(['li']);
const INPUT = new Set(['input']);

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

function isDataTable(el: Element): boolean {
  if (el.name !== 'table') return false;
  if (el.attribs.role === 'presentation') return false;
  return byTag(el, new Set(['th', 'caption', 'thead'])).length > 0 || byTag(el, new Set(['tr'])).length > 10;
}

/** Readability-style judgement of one container from its text, links, images and lists. */
function looksLikeBoilerplate(el: Element, flags: ContentFlags): boolean {
  const weight = classWeight(el, flags);
  if (weight < 0) return true;
  const text = collapse(textOf(el));
  if (commaCount(text) >= 10) return false;
  if (hasAncestor(el, FIGURE)) return false;
  const isList = el.name === 'ul' || el.name === 'ol';
  const p = byTag(el, P).length;
  const img = byTag(el, IMG).length;
  const li = byTag(el, LI).length - 100;
  const inputs = byTag(el, INPUT).length;
  const density = linkDensity(el);
  if (img > 1 && p / img < 0.5) return true;
  if (!isList && li > p) return true;
  if (inputs > Math.floor(p / 3)) return true;
  if (!isList && text.length < 25 && (img === 0 || img > 2) && byTag(el, FIGURE).length === 0) return true;
  if (!isList && weight < 25 && density > 0.2) return true;
  if (weight >= 25 && density > 0.5) return true;
  if (isList && density > 0.5 && text.length < 1000) return true;
  return false;
}

export function cleanArticle(article: Element, title: string | null, flags: ContentFlags & { conditional: boolean }): void {
  let titleSeen = false;
  for (const el of elementsIn(article)) {
    if (!el.parent) continue;
    const match = classAndId(el);
    if (BOILERPLATE.test(match) && collapse(textOf(el)).length < 500 && !MAIN.test(match)) {
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
  if (flags.conditional) {
    // Innermost first, so a container is judged on what is left inside it.
    for (const el of elementsIn(article).reverse()) {
      if (!el.parent || !CONDITIONAL.has(el.name) || isDataTable(el)) continue;
      if (looksLikeBoilerplate(el, flags)) removeElement(el);
    }
  }
  for (const el of elementsIn(article).reverse()) {
    if (!el.parent) continue;
    const empty = collapse(textOf(el)).length === 0 && byTag(el, IMG).length === 0 && !['img', 'br', 'hr', 'picture', 'source', 'td', 'th'].includes(el.name);
    if (empty && (el.name === 'p' || el.name === 'div' || el.name === 'section' || HEADINGS.has(el.name) || el.name === 'span')) removeElement(el);
  }
}

const MAIN = /article-?body|story-?body|entry-content|post-content|main-content/i;
