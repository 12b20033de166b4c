// Per-source iframe allow-list (`extract.allowIframes`): which embeds may stay, and with what attributes.
import type { AnyNode, Element } from 'domhandler';
import { removeElement } from 'domutils';
import { elementsIn } from './html-dom.js';

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

/** Every attribute a kept embed may carry: the sanitizer's allow-list for <iframe>. */
export const IFRAME_ATTRIBUTES: readonly string[] = [...IFRAME_KEEP, ...Object.keys(IFRAME_FORCED)];

export function iframeAttributes(given: Readonly<Record<string, string>>): Record<string, string> {
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
