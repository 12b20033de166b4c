// Small read-only measurements of a parsed page (domhandler nodes), shared by the HTML
// extractor's modules. Working on the node tree, not through cheerio wrappers, is what
// keeps extraction fast on 250 KB pages.
import { isTag, isText, type AnyNode, type Element } from 'domhandler';

/** All text under the node, in order (no recursion: any depth reads). */
export function textOf(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!('children' in node)) return '';
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/**
 * collapse(textOf(node)) when that is at most `max` characters, else null. Reads no further
 * than the first `max` non-space characters: asking whether a container is short costs
 * little however much it holds.
 */
export function textWithin(node: AnyNode, max: number): string | null {
  let out = '';
  let solid = 0;
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) {
      out += n.data;
      solid += n.data.length - (n.data.match(/\s/g)?.length ?? 0);
      if (solid > max) return null;
    } else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  const text = collapse(out);
  return text.length <= max ? text : null;
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Length of the visible-ish text, whitespace collapsed. */
export function textLength(node: AnyNode): number {
  return collapse(textOf(node)).length;
}

export function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

/** Elements under the node in document order (pre-order, no recursion). */
export function elementsIn(node: AnyNode, out: Element[] = []): Element[] {
  if (!('children' in node)) return out;
  const stack: AnyNode[] = [];
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

export function byTag(node: AnyNode, tags: ReadonlySet<string>): Element[] {
  return elementsIn(node).filter((el) => tags.has(el.name));
}

/** Share of the text that sits inside links (0..1); in-page "#" links count less. */
export function linkDensity(el: Element): number {
  const total = textLength(el);
  if (total === 0) return 0;
  let linked = 0;
  for (const a of byTag(el, A)) {
    const weight = (a.attribs.href ?? '').startsWith('#') ? 0.3 : 1;
    linked += textLength(a) * weight;
  }
  return linked / total;
}
const A = new Set(['a']);

export function hasAncestor(el: Element, tags: ReadonlySet<string>, depth = 10): boolean {
  let p = el.parent;
  for (let i = 0; p && i < depth; i++, p = p.parent) if (isTag(p) && tags.has(p.name)) return true;
  return false;
}

export function isHidden(el: Element): boolean {
  const style = el.attribs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  if ('hidden' in el.attribs) return true;
  // Lazy-image wrappers are often aria-hidden but carry the real picture.
  return el.attribs['aria-hidden'] === 'true' && !/fallback-image/.test(el.attribs.class ?? '');
}

export function commaCount(s: string): number {
  return (s.match(/[,，、،]/g) ?? []).length;
}
