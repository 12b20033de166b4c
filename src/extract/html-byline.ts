// A byline printed on the page ("By Jane Smith"): the first short element marked as one.
import type { Element } from 'domhandler';
import { byTag, classAndId, collapse, elementsIn, linkDensity, textOf, textWithin } from './html-dom.js';

const LINKS = new Set(['a']);
const BYLINE = /byline|author|dateline|writtenby|p-author/i;

function isBylineElement(el: Element): boolean {
  const a = el.attribs;
  return a.rel === 'author' || (a.itemprop ?? '').includes('author') || BYLINE.test(classAndId(el));
}

/** The element and its text; the caller removes the element so the byline stays out of the body. */
export function findByline(root: Element | { children: Element['children'] }): { element: Element; text: string } | null {
  for (const el of elementsIn(root as Element)) {
    if (el.name === 'meta' || el.name === 'link' || el.name === 'body' || el.name === 'html' || !isBylineElement(el)) continue;
    // The whole element must be short (an author-classed <article> is no byline); its
    // itemprop=name part, when marked, is the cleanest text.
    if (textWithin(el, 99) === null) continue;
    const named = elementsIn(el).find((e) => (e.attribs.itemprop ?? '').includes('name'));
    const text = collapse(textOf(named ?? el));
    // A row of links ("Sign in | Subscribe") in an author-ish box is navigation, not a byline.
    const navigation = byTag(el, LINKS).length >= 3 && linkDensity(el) > 0.5;
    if (text.length > 0 && text.length < 100 && !navigation) return { element: el, text };
  }
  return null;
}
