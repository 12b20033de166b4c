// Repeated teaser blocks: a listing repeats one DOM shape per story (an <article>, an <li>,
// a card <div>, a table row). A link's block is its nearest ancestor that has a sibling of
// the same tag and first class. A block holding other blocks is a container (a section of
// the page); in a plain block, the link with the headline is the block's main link and the
// rest (kicker, author, tags, "comments") are secondary.
import { isTag, type Element } from 'domhandler';
import type { LinkCandidate } from './link-candidates.js';

export type TeaserRole = 'main' | 'secondary' | 'container' | 'none';

/** How far up from a link its teaser block may sit. */
const MAX_DEPTH = 6;

export function teaserRoles(candidates: LinkCandidate[]): Map<LinkCandidate, TeaserRole> {
  const repeated = new Map<Element, boolean>();
  const blockOf = new Map<LinkCandidate, Element | null>();
  for (const c of candidates) blockOf.set(c, c.excluded ? null : nearestBlock(c.anchor, repeated));
  const blocks = new Set([...blockOf.values()].filter((b): b is Element => b !== null));
  const containers = new Set<Element>();
  for (const b of blocks) {
    for (let p = b.parent; p && isTag(p); p = p.parent) if (blocks.has(p)) containers.add(p);
  }
  // The main link of a block: the headline (a heading beats text length), by URL.
  const best = new Map<Element, { href: string; score: number }>();
  for (const c of candidates) {
    const b = blockOf.get(c);
    if (!b || containers.has(b)) continue;
    const score = (c.heading ? 1000 : 0) + c.text.length;
    const current = best.get(b);
    if (!current || score > current.score) best.set(b, { href: c.url.href, score });
  }
  const roles = new Map<LinkCandidate, TeaserRole>();
  for (const c of candidates) {
    const b = blockOf.get(c);
    roles.set(c, !b ? 'none' : containers.has(b) ? 'container' : best.get(b)?.href === c.url.href ? 'main' : 'secondary');
  }
  return roles;
}

function nearestBlock(a: Element, repeated: Map<Element, boolean>): Element | null {
  let p = a.parent;
  for (let i = 0; i < MAX_DEPTH && p && isTag(p) && p.name !== 'body'; i++, p = p.parent) {
    let r = repeated.get(p);
    if (r === undefined) repeated.set(p, (r = hasTwin(p)));
    if (r) return p;
  }
  return null;
}

const signature = (el: Element) => `${el.name}.${(el.attribs.class ?? '').trim().split(/\s+/)[0]}`;

function hasTwin(el: Element): boolean {
  const parent = el.parent;
  if (!parent || !('children' in parent)) return false;
  const sig = signature(el);
  return parent.children.some((s) => s !== el && isTag(s) && signature(s) === sig);
}
