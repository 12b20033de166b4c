// The article container -> body paragraphs (plain text) and sanitized HTML with absolute URLs.
import { Element, isTag, isText, type AnyNode, type Text } from 'domhandler';
import render from 'dom-serializer';
import { removeElement } from 'domutils';
import { parseDocument } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { collapse, elementsIn } from './html-dom.js';
import { imageSource } from './html-images.js';

const BLOCK = /^(?:p|div|section|article|main|header|footer|aside|blockquote|pre|ul|ol|li|dl|dt|dd|h[1-6]|table|thead|tbody|tr|td|th|caption|figure|figcaption|hr|address|details|summary)$/;

/** One paragraph of the body: its one-line text and the text nodes it was read from. */
export interface BodyBlock {
  text: string;
  nodes: Text[];
}

/** One entry per block of text, in reading order; inline markup is flattened into its block. */
export function bodyParagraphs(root: Element): string[] {
  return bodyBlocks(root).map((b) => b.text);
}

/**
 * bodyParagraphs with the text nodes behind each paragraph, so that the normalizer can
 * take a dropped paragraph out of the HTML too. One walk for both: the HTML's text and
 * body.text cannot disagree on where a paragraph starts.
 */
export function bodyBlocks(root: Element): BodyBlock[] {
  const out: BodyBlock[] = [];
  let current = '';
  let nodes: Text[] = [];
  let pendingBreak = false;
  const flush = () => {
    const text = collapse(current);
    if (text) out.push({ text, nodes });
    current = '';
    nodes = [];
    pendingBreak = false;
  };
  const walk = (node: AnyNode) => {
    if (isText(node)) {
      if (node.data.trim()) pendingBreak = false;
      current += node.data;
      nodes.push(node);
      return;
    }
    if (!isTag(node)) return;
    if (node.name === 'br') {
      // Two <br> in a row separate paragraphs in pages that use no <p>.
      if (pendingBreak) flush();
      else {
        current += ' ';
        pendingBreak = true;
      }
      return;
    }
    const block = BLOCK.test(node.name);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}

/** Resolves a page's link and image URLs against its address; script and data URLs resolve to nothing. */
export function urlResolver(base: string | null): (u: string) => string | null {
  return (u) => {
    const trimmed = u.trim();
    if (/^(?:javascript|data|vbscript):/i.test(trimmed)) return null;
    try {
      return base ? new URL(trimmed, base).href : new URL(trimmed).href;
    } catch {
      return base ? null : trimmed;
    }
  };
}

/** A 0 or 1 pixel image is a tracking beacon, not a picture. */
function isTrackingPixel(img: Element): boolean {
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](?:px)?\s*$/i.test(v);
  return tiny(img.attribs.width) || tiny(img.attribs.height);
}

/** Rewrites link and image URLs against the page URL; lazy images get their real source; tracking pixels go. */
export function absolutizeUrls(root: Element, resolve: (u: string) => string | null): void {
  for (const el of elementsIn(root)) {
    if (el.name === 'a' && el.attribs.href !== undefined) {
      const href = resolve(el.attribs.href);
      if (href) el.attribs.href = href;
      else delete el.attribs.href;
    } else if (el.name === 'img') {
      if (isTrackingPixel(el)) {
        removeElement(el);
        continue;
      }
      const src = imageSource(el);
      const abs = src ? resolve(src) : null;
      el.attribs = abs ? { src: abs, alt: el.attribs.alt ?? '' } : {};
    }
  }
}

/**
 * `extract.allowIframes`: "www.youtube.com" allows exactly that host, "*.example.com" any
 * subdomain of example.com (not example.com itself). Only https embeds count.
 */
export function iframeAllowed(src: string | undefined, hosts: readonly string[]): boolean {
  if (!src || hosts.length === 0) return false;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1).toLowerCase()) : host === h.toLowerCase()));
}

const IFRAME_KEEP = ['src', 'width', 'height', 'title', 'allowfullscreen'];
/**
 * Added to every kept embed: scripts for the player, no access to the reader's page,
 * loaded when seen. The referrer is the reader page's origin only, never its URL (the
 * browsers' default): YouTube refuses to play an embed that sends none.
 */
const IFRAME_FORCED = { sandbox: 'allow-scripts allow-same-origin allow-presentation allow-popups', referrerpolicy: 'strict-origin-when-cross-origin', loading: 'lazy' };

function iframeAttributes(given: Readonly<Record<string, string>>): Record<string, string> {
  const attribs: Record<string, string> = {};
  for (const name of IFRAME_KEEP) if (given[name] !== undefined) attribs[name] = name === 'allowfullscreen' ? 'allowfullscreen' : given[name]!;
  return { ...attribs, ...IFRAME_FORCED };
}

/** Iframes on the source's allow-list keep only safe attributes and lose their content; the rest go. */
export function keepAllowedIframes(root: Element | AnyNode, hosts: readonly string[]): void {
  for (const el of elementsIn(root)) {
    if (el.name !== 'iframe' || !el.parent) continue;
    if (!iframeAllowed(el.attribs.src, hosts)) {
      removeElement(el);
      continue;
    }
    el.attribs = iframeAttributes(el.attribs);
    el.children = [];
  }
}

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
      ...(iframes ? { iframe: [...IFRAME_KEEP, ...Object.keys(IFRAME_FORCED)] } : {}),
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

/**
 * The sanitizer runs last, on the final serialized body, so nothing added after it can
 * bring back a script, a style, an iframe, an event handler or a javascript: URL.
 */
export function sanitizeBody(root: Element, options: SanitizeOptions = {}): string {
  unwrapLoneDiv(root);
  return sanitizeMarkup(render(root.children, { decodeEntities: true }), options);
}

/** The same sanitizer over markup already in hand (the normalizer's re-check after it edits a body). */
export function sanitizeMarkup(html: string, options: SanitizeOptions = {}): string {
  return finish(sanitizeHtml(html, sanitizerOptions(options.allowIframes ?? [])));
}

function finish(html: string): string {
  return html.replace(/\n\s*\n+/g, '\n').trim();
}

/** Text of these never reaches a reader, not even when the tag itself goes. */
const NON_TEXT = ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'select', 'button', 'figcaption'];

/**
 * Body HTML from outside a page (a feed item's content, a pushed body.html): links made
 * absolute against the story's URL, tracking pixels, unlisted iframes and captions (not
 * story text, DESIGN.md) gone, sanitized. One sanitize-html pass does it all: this runs for
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
  return finish(sanitizeHtml(html, fragment));
}

/** An HTML fragment parsed under one detached <div>. */
export function fragmentRoot(html: string): Element {
  const children = parseDocument(html).children;
  const root = new Element('div', {}, children);
  for (const child of children) child.parent = root;
  return root;
}

/** The article's own container adds nothing around the body: its children are the body. */
export function unwrapLoneDiv(root: Element): void {
  for (;;) {
    const tags = root.children.filter(isTag);
    const only = tags[0];
    if (tags.length !== 1 || only!.name !== 'div' || root.children.some((c) => isText(c) && c.data.trim())) return;
    root.children = only!.children;
    for (const c of root.children) c.parent = root;
  }
}
