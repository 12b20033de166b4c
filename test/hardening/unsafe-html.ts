// What must never reach a reader: lists every unsafe part of an HTML fragment, so that a
// failing assertion names what got through. Parsed, not grepped: `<scr<script>ipt>` tricks
// are judged on the tree a browser would build.
import type { Element } from 'domhandler';
import { findAll } from 'domutils';
import { parseDocument } from 'htmlparser2';

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'textarea', 'select', 'meta', 'link', 'base', 'svg', 'math', 'noscript', 'template',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'srcset', 'cite', 'longdesc', 'data']);
const SCRIPT_URL = /^\s*(?:javascript|vbscript|livescript|data)\s*:/i;
const DATA_IMAGE = /^\s*data:image\/(?:png|gif|jpe?g|webp);/i;

export function unsafeParts(html: string, options: { allowIframeHosts?: readonly string[] } = {}): string[] {
  const found: string[] = [];
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true });
  const elements = findAll(() => true, doc.children) as Element[];
  for (const el of elements) {
    if (el.name === 'iframe' && iframeAllowed(el, options.allowIframeHosts ?? [])) continue;
    if (FORBIDDEN_ELEMENTS.has(el.name)) found.push(`<${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      const normalized = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
      if (name.startsWith('on')) found.push(`${el.name}[${name}]`);
      if (name === 'style' && /expression\s*\(|javascript:|url\s*\(/i.test(value)) found.push(`${el.name}[style=${value}]`);
      if (!URL_ATTRIBUTES.has(name)) continue;
      const dataImageOk = el.name === 'img' && name === 'src' && DATA_IMAGE.test(value);
      if (SCRIPT_URL.test(normalized) && !dataImageOk) found.push(`${el.name}[${name}=${value}]`);
    }
    if (el.name === 'img' && isTrackingPixel(el)) found.push(`tracking pixel ${el.attribs.src ?? ''}`);
  }
  return found;
}

function iframeAllowed(el: Element, hosts: readonly string[]): boolean {
  try {
    const url = new URL(el.attribs.src ?? '');
    return url.protocol === 'https:' && hosts.includes(url.hostname);
  } catch {
    return false;
  }
}

function isTrackingPixel(el: Element): boolean {
  const size = (v: string | undefined) => (v === undefined ? null : Number.parseInt(v, 10));
  const w = size(el.attribs.width);
  const h = size(el.attribs.height);
  return (w !== null && w <= 1) || (h !== null && h <= 1);
}

/** A URL a reader may follow: http(s) only. */
export function isSafeLink(url: string | null | undefined): boolean {
  if (url === null || url === undefined) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'tag:';
  } catch {
    return false;
  }
}
