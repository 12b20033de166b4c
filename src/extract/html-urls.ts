// Link and image URLs of a body made absolute against the page's address.
import type { Element } from 'domhandler';
import { removeElement } from 'domutils';
import { elementsIn } from './html-dom.js';
import { imageSource } from './html-images.js';

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
export function isTrackingPixel(img: Element): boolean {
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
