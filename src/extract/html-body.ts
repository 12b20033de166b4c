// The article container -> body paragraphs (plain text) and sanitized HTML with absolute URLs.
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import render from 'dom-serializer';
import sanitizeHtml from 'sanitize-html';
import { collapse, elementsIn } from './html-dom.js';
import { imageSource } from './html-images.js';

const BLOCK = /^(?:p|div|section|article|main|header|footer|aside|blockquote|pre|ul|ol|li|dl|dt|dd|h[1-6]|table|thead|tbody|tr|td|th|caption|figure|figcaption|hr|address|details|summary)$/;

/** One entry per block of text, in reading order; inline markup is flattened into its block. */
export function bodyParagraphs(root: Element): string[] {
  const out: string[] = [];
  let current = '';
  let pendingBreak = false;
  const flush = () => {
    const text = collapse(current);
    if (text) out.push(text);
    current = '';
    pendingBreak = false;
  };
  const walk = (node: AnyNode) => {
    if (isText(node)) {
      if (node.data.trim()) pendingBreak = false;
      current += node.data;
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

/** Rewrites link and image URLs against the page URL; lazy images get their real source. */
export function absolutizeUrls(root: Element, resolve: (u: string) => string | null): void {
  for (const el of elementsIn(root)) {
    if (el.name === 'a' && el.attribs.href !== undefined) {
      const href = resolve(el.attribs.href);
      if (href) el.attribs.href = href;
      else delete el.attribs.href;
    } else if (el.name === 'img') {
      const src = imageSource(el);
      const abs = src ? resolve(src) : null;
      el.attribs = abs ? { src: abs, alt: el.attribs.alt ?? '' } : {};
    }
  }
}

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup',
  'small', 'mark', 'q', 'cite', 'abbr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr',
  'th', 'td', 'caption', 'div',
];

/**
 * The sanitizer runs last, on the final serialized body, so nothing added after it can
 * bring back a script, a style, an iframe, an event handler or a javascript: URL.
 */
export function sanitizeBody(root: Element): string {
  const html = render(root.children, { decodeEntities: true });
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: { h1: 'h2' },
    exclusiveFilter: (frame) => (frame.tag === 'div' || frame.tag === 'p') && !frame.text.trim() && !frame.mediaChildren.length,
  })
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
