// The sanitizer (sanitize-html) for body HTML, whatever input it came from (a page, a feed
// item's content, a pushed body.html): the normalizer runs it on the markup before anything
// reads it, and again after any edit, so that it is always the last step to touch body.html.
// Extractors hand over markup unsanitized; nothing after the normalizer adds markup.
import type { Element } from 'domhandler';
import sanitizeHtml from 'sanitize-html';
import { IFRAME_ATTRIBUTES, iframeAllowed, iframeAttributes } from '../extract/html-iframes.js';
import { imageSource } from '../extract/html-images.js';
import { isTrackingPixel, urlResolver } from '../extract/html-urls.js';
import { capMarkupNesting } from '../extract/html-nesting.js';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup',
  'small', 'mark', 'q', 'cite', 'abbr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr',
  'th', 'td', 'caption', 'div',
];
// Block containers the sanitizer does not keep become <div>: unwrapped, their text would
// run into the next block's and the HTML's paragraphs would no longer be body.text's.
const TO_DIV = ['section', 'article', 'main', 'header', 'footer', 'aside', 'figure', 'figcaption', 'address', 'details', 'summary'];

export interface SanitizeOptions {
  /** Hosts whose https iframes may stay (the source's `extract.allowIframes`). */
  allowIframes?: readonly string[];
}

/** Built once per allow-list: sanitize-html runs once or twice per story. */
const optionsCache = new Map<string, sanitizeHtml.IOptions>();

function sanitizerOptions(hosts: readonly string[]): sanitizeHtml.IOptions {
  const key = hosts.join(' ');
  let options = optionsCache.get(key);
  if (!options) {
    if (optionsCache.size > 1000) optionsCache.clear();
    options = buildSanitizerOptions([...hosts]);
    optionsCache.set(key, options);
  }
  return options;
}

function buildSanitizerOptions(hosts: readonly string[]): sanitizeHtml.IOptions {
  const iframes = hosts.length > 0;
  return {
    allowedTags: iframes ? [...ALLOWED_TAGS, 'iframe'] : ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'], img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'],
      ...(iframes ? { iframe: [...IFRAME_ATTRIBUTES] } : {}),
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { iframe: ['https'] },
    allowProtocolRelative: false,
    allowIframeRelativeUrls: false,
    transformTags: {
      h1: 'h2',
      ...Object.fromEntries(TO_DIV.map((t) => [t, 'div'])),
      // The sanitizer itself sandboxes every embed it lets through, whatever came before it.
      // An embed shows its page, never its fallback content (which would read as story text).
      iframe: (tagName, attribs) => ({ tagName, attribs: iframeAttributes(attribs), text: '' }),
    },
    exclusiveFilter: (frame) =>
      (frame.tag === 'iframe' && !iframeAllowed(frame.attribs.src, hosts)) ||
      (frame.tag === 'img' && !frame.attribs.src) ||
      ((frame.tag === 'div' || frame.tag === 'p') && !frame.text.trim() && !frame.mediaChildren.length),
  };
}

/** The same sanitizer over markup already in hand (the normalizer's re-check after it edits a body). */
export function sanitizeMarkup(html: string, options: SanitizeOptions = {}): string {
  return finish(sanitizeHtml(capMarkupNesting(html), sanitizerOptions(options.allowIframes ?? [])));
}

function finish(html: string): string {
  return html.replace(/\n\s*\n+/g, '\n').trim();
}

/** Text of these never reaches a reader, not even when the tag itself goes. */
const NON_TEXT = ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'select', 'button', 'figcaption'];

/**
 * Body HTML from outside a page (a feed item's content, a pushed body.html): links made
 * absolute against the story's URL, tracking pixels, unlisted iframes and captions (not
 * story text, docs/story.md) gone, sanitized. One sanitize-html pass does it all: this runs for
 * every story with markup, on the thread that serves feeds.
 */
export function sanitizeFragment(html: string, base: string | null, options: SanitizeOptions = {}): string {
  const resolve = urlResolver(base);
  const shared = sanitizerOptions(options.allowIframes ?? []);
  const fragment: sanitizeHtml.IOptions = {
    ...shared,
    nonTextTags: NON_TEXT,
    transformTags: {
      ...shared.transformTags,
      a: (tagName, attribs) => {
        const { href, ...rest } = attribs;
        const abs = href === undefined ? null : resolve(href);
        return { tagName, attribs: abs ? { ...rest, href: abs } : rest };
      },
      img: (tagName, attribs) => {
        const img = { attribs } as unknown as Element;
        const src = isTrackingPixel(img) ? null : imageSource(img);
        const abs = src ? resolve(src) : null;
        const kept: Record<string, string> = abs ? { src: abs, alt: attribs.alt ?? '' } : {};
        return { tagName, attribs: kept };
      },
    },
  };
  return finish(sanitizeHtml(capMarkupNesting(html), fragment));
}
